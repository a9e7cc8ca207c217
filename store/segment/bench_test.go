package segment

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// The benchmarks run over 100,000 docs made in memory as store/testcorpus
// makes its files: headlines of 7-15 and bodies of 300-450 words drawn
// from its vocabulary by the same Zipf law. Made once a process:
//
//	go test ./store/segment -run '^$' -bench . -count 5
//
// Medians of five on two shared, noisy cores: Open 24 us; OrInto of the
// commonest word (every doc: one run) 3.7 us, of a word of 36 docs
// 0.48 us, of a three-letter prefix (128 words, 29,054 docs) 100 us, at
// base 0 and 37 alike; Count 1.3 us; Write 1.9 s and Merge (two halves,
// a tenth dead) 1.2 s, for a file of 63 MB.
const benchDocs = 100_000

var bench struct {
	once sync.Once
	dir  string
	c    *corpus // docs, files, index; no brute-force sets
	path string  // c written
}

func benchCorpus(b *testing.B) {
	bench.once.Do(func() {
		dir, err := os.MkdirTemp("", "segment-bench")
		if err != nil {
			b.Fatal(err)
		}
		bench.dir, bench.c = dir, zipfCorpus(benchDocs, 1)
		bench.path = filepath.Join(dir, "seg")
		if err := Write(bench.path, DocRows(bench.c.docs), bench.c.files, bench.c.x, bench.c.renum); err != nil {
			b.Fatal(err)
		}
	})
}

// zipfCorpus makes n docs as testcorpus's generator does, in Compare
// order, indexed.
func zipfCorpus(n int, seed uint64) *corpus {
	vocab := testcorpus.Words()
	rnd := rand.New(rand.NewPCG(seed, 2))
	words := testcorpus.ZipfWords(rnd, vocab)
	c := &corpus{x: index.New()}
	tm := index.NewTermer(c.x)
	for i := range n {
		d := Doc{Date: int64(n-i) * 60e9, Root: 0, Name: fmt.Sprintf("%d/%02d/%07d.txt", 2015+i%10, 1+i%12, i),
			Folder: fmt.Sprintf("%d/%02d", 2015+i%10, 1+i%12), Format: "txt", Size: 2500, Headline: words(7 + rnd.IntN(9))}
		d.ID[0], d.ID[1], d.ID[2], d.ID[3] = byte(seed), byte(i), byte(i>>8), byte(i>>16)
		terms, title, nw := tm.Terms(d.Headline, words(300+rnd.IntN(150)))
		c.x.Add(uint32(i), terms, title)
		d.Words = uint32(nw)
		c.docs = append(c.docs, d)
		c.files = append(c.files, File{Name: d.Name, Size: 2500, Doc: uint32(i)})
		c.renum = append(c.renum, uint32(i))
	}
	return c
}

func openBench(b *testing.B) *Segment {
	benchCorpus(b)
	s, err := Open(bench.path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkOpen(b *testing.B) {
	benchCorpus(b)
	for b.Loop() {
		s, err := Open(bench.path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// benchWords are the queries of the OrInto benchmarks: the commonest word,
// one of a few dozen docs, a three-letter prefix of a generated word, and
// prefixes of one and two letters, what the first keys of a filter ask.
var benchWords = []struct {
	name, w string
	prefix  bool
}{{"common", "the", false}, {"rare", "", false}, {"prefix3", "kal", true}, {"prefix1", "m", true}, {"prefix2", "ti", true}}

// rareWord is a word of the bench corpus held by 20 to 60 docs.
func rareWord(s *Segment) string {
	var rare string
	s.Terms(func(w string) bool {
		if n := s.Count(w); n >= 20 && n <= 60 && len(w) > 5 {
			rare = w
			return false
		}
		return true
	})
	return rare
}

func BenchmarkOrInto(b *testing.B) {
	s := openBench(b)
	for _, q := range benchWords {
		if q.name == "rare" {
			q.w = rareWord(s)
		}
		for _, base := range []uint32{0, 37} {
			b.Run(fmt.Sprintf("%s/base%d", q.name, base), func(b *testing.B) {
				dst := index.NewBitset(int(base) + s.Len())
				for b.Loop() {
					s.OrInto(dst, base, q.w, q.prefix, false)
				}
				b.ReportMetric(float64(dst.Count()), "docs")
				if q.prefix {
					read, walk := prefixBytes(s, q.w)
					b.ReportMetric(float64(read)/1e3, "kB-read")
					b.ReportMetric(float64(walk)/1e3, "kB-walk")
				}
			})
		}
	}
}

// prefixBytes is how many bytes of lists OrInto of the prefix w reads,
// and how many a walk of its words' lists would: the pages it touches.
func prefixBytes(s *Segment, w string) (read, walk int) {
	for c, ok := s.seek(w); ok && strings.HasPrefix(string(c.term()), w); ok = c.next() {
		walk += len(c.all)
	}
	if set, ok := s.prefixSet(w, false); ok {
		return len(set), walk
	}
	return walk, walk
}

// BenchmarkIndexWords is the same queries of the in-memory index, for
// comparison: it allocates the set it returns.
func BenchmarkIndexWords(b *testing.B) {
	s := openBench(b)
	for _, q := range benchWords {
		if q.name == "rare" {
			q.w = rareWord(s)
		}
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				bench.c.x.Words(q.w, q.prefix, false, s.Len())
			}
		})
	}
}

// BenchmarkOrIntoFromBuffer ORs the commonest word's list as roaring's
// own reader would, viewing it with FromBuffer and setting each bit: the
// alternative to the container walker.
func BenchmarkOrIntoFromBuffer(b *testing.B) {
	s := openBench(b)
	c, _ := s.lookup("the")
	dst := index.NewBitset(s.Len())
	for b.Loop() {
		bm := roaring.New()
		if _, err := bm.FromBuffer(c.all); err != nil {
			b.Fatal(err)
		}
		bm.Iterate(func(d uint32) bool { dst.Set(d); return true })
	}
}

func BenchmarkCount(b *testing.B) {
	s := openBench(b)
	var words []string
	s.Terms(func(w string) bool { words = append(words, w); return true })
	rnd := rand.New(rand.NewPCG(1, 1))
	rnd.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	i := 0
	for b.Loop() {
		s.Count(words[i%len(words)])
		i++
	}
}

func BenchmarkWrite(b *testing.B) {
	benchCorpus(b)
	c := bench.c
	path := filepath.Join(b.TempDir(), "seg")
	for b.Loop() {
		if err := Write(path, DocRows(c.docs), c.files, c.x, c.renum); err != nil {
			b.Fatal(err)
		}
	}
	reportSize(b, path)
}

// BenchmarkMerge merges two halves of the bench corpus, every tenth doc
// dead, into one segment.
func BenchmarkMerge(b *testing.B) {
	benchCorpus(b)
	dir := b.TempDir()
	c, half := bench.c, benchDocs/2
	var segs []*Segment
	var dead []index.Bitset
	for k, lo := range []int{0, half} {
		renum := slices.Repeat([]uint32{^uint32(0)}, benchDocs)
		var files []File
		for i := lo; i < lo+half; i++ {
			renum[i] = uint32(i - lo)
			f := c.files[i]
			f.Doc = uint32(i - lo)
			files = append(files, f)
		}
		path := filepath.Join(dir, fmt.Sprint("half", k))
		if err := Write(path, DocRows(c.docs[lo:lo+half]), files, c.x, renum); err != nil {
			b.Fatal(err)
		}
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		d := index.NewBitset(half)
		for i := 0; i < half; i += 10 {
			d.Set(uint32(i))
		}
		segs, dead = append(segs, s), append(dead, d)
	}
	path := filepath.Join(dir, "merged")
	for b.Loop() {
		if err := Merge(path, segs, dead); err != nil {
			b.Fatal(err)
		}
	}
	reportSize(b, path)
}

func reportSize(b *testing.B, path string) {
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// BenchmarkDictBlocks measures the front-coded dictionary at several
// block sizes: its bytes (dict and block table), an exact look-up of a
// random word, and a walk over the terms of a three-letter prefix.
// BENCH_WORDS=file also writes the words there, one a line, for
// measuring another dictionary on the same words.
func BenchmarkDictBlocks(b *testing.B) {
	benchCorpus(b)
	c := bench.c
	for _, per := range []uint32{8, 16, 32, 64, 128} {
		path := filepath.Join(b.TempDir(), "seg")
		blockTerms = per
		err := Write(path, DocRows(c.docs), c.files, c.x, c.renum)
		blockTerms = defaultBlockTerms
		if err != nil {
			b.Fatal(err)
		}
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		var words []string
		s.Terms(func(w string) bool { words = append(words, w); return true })
		if f := os.Getenv("BENCH_WORDS"); f != "" && per == defaultBlockTerms {
			os.WriteFile(f, []byte(strings.Join(words, "\n")+"\n"), 0o644)
		}
		rand.New(rand.NewPCG(1, 1)).Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		size := float64(len(s.dict)+len(s.blocks)) / 1e3
		b.Run(fmt.Sprint("lookup/", per), func(b *testing.B) {
			i := 0
			for b.Loop() {
				s.lookup(words[i%len(words)])
				i++
			}
			b.ReportMetric(size, "kB")
		})
		b.Run(fmt.Sprint("prefix3/", per), func(b *testing.B) {
			n := 0
			for b.Loop() {
				n = 0
				for c, ok := s.seek("kal"); ok && strings.HasPrefix(string(c.term()), "kal"); ok = c.next() {
					n++
				}
			}
			b.ReportMetric(float64(n), "terms")
		})
	}
}
