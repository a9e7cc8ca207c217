package dedup_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/text"
)

// BenchmarkSketch is the cost a doc of 600 words adds to the load: its
// words' hashes are the Termer's already, so only the Sketcher counts.
func BenchmarkSketch(b *testing.B) {
	g := newGen(9)
	words := strings.Fields(g.story(nil).body())
	for len(words) < 600 {
		words = append(words, words...)
	}
	hashes := make([]uint64, 600)
	for i, w := range text.Words(strings.Join(words[:600], " ")) {
		hashes[i] = index.WordHash(w)
	}
	var s dedup.Sketcher
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s.Reset()
		for _, h := range hashes {
			s.Word(h)
		}
		_ = s.Sketch()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/doc")
}

// sketches makes n sketches as a library's might be: most of unrelated
// texts (random bins), one in ten a copy of another with a tenth of its
// bins changed.
func sketches(n int) []dedup.Sketch {
	rnd := rand.New(rand.NewPCG(uint64(n), 1))
	b := make([]dedup.Sketch, n)
	for i := range n {
		sk := &b[i]
		if i > 0 && rnd.IntN(10) == 0 {
			*sk = b[rnd.IntN(i)]
			for range dedup.Bins / 10 {
				sk[rnd.IntN(dedup.Size)] ^= byte(1 + rnd.IntN(15))
			}
			continue
		}
		for k := range sk {
			sk[k] = byte(rnd.Uint32())
		}
	}
	return b
}

// BenchmarkGroup groups a library's sketches: what the library does once
// after a change, before the first grouped result.
func BenchmarkGroup(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n > 100_000 && testing.Short() {
				b.Skip("short")
			}
			var set dedup.Set
			set.Add(sketches(n))
			b.ReportAllocs()
			b.ResetTimer()
			grouped := 0
			for b.Loop() {
				g := dedup.Group(&set, nil, dedup.Threshold)
				grouped = 0
				for d := range uint32(n) {
					if g.Of(d) != dedup.Alone {
						grouped++
					}
				}
			}
			b.ReportMetric(float64(grouped), "grouped")
		})
	}
}

// BenchmarkRegroup is a change to a library: the groups made again from
// the last ones with a thousand docs fresh, against Group's from scratch.
func BenchmarkRegroup(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n > 100_000 && testing.Short() {
				b.Skip("short")
			}
			var set dedup.Set
			set.Add(sketches(n))
			g := dedup.Group(&set, nil, dedup.Threshold)
			prior := make([]uint32, n)
			for d := range prior {
				prior[d] = g.Of(uint32(d))
			}
			for d := n - 1000; d < n; d++ {
				prior[d] = dedup.Unknown
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				dedup.Regroup(&set, prior, nil, dedup.Threshold)
			}
		})
	}
}
