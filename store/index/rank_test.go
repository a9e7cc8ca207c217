package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRanked: Select, Rank and Each agree with the docs listed one by
// one, over sets empty, sparse, dense and full, of sizes that end inside
// a word and a block.
func TestRanked(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 5))
	for _, n := range []int{0, 1, 63, 64, 65, 511, 512, 513, 3000} {
		for _, density := range []float64{0, 0.01, 0.5, 0.99, 1} {
			set := NewBitset(n)
			var docs []uint32
			for d := range uint32(n) {
				if rng.Float64() < density {
					set.Set(d)
					docs = append(docs, d)
				}
			}
			r := NewRanked(set)
			if r.Count() != len(docs) {
				t.Fatalf("n %d density %v: Count %d, want %d", n, density, r.Count(), len(docs))
			}
			for i, d := range docs {
				if got := r.Select(i); got != d {
					t.Fatalf("n %d density %v: Select(%d) = %d, want %d", n, density, i, got, d)
				}
			}
			for d := range uint32(n + 70) {
				want, _ := slices.BinarySearch(docs, d)
				if got := r.Rank(d); got != want {
					t.Fatalf("n %d density %v: Rank(%d) = %d, want %d", n, density, d, got, want)
				}
			}
			for range 50 {
				lo, hi := uint32(rng.IntN(n+2)), uint32(rng.IntN(n+70))
				var got, want []uint32
				r.Each(lo, hi, func(d uint32) bool { got = append(got, d); return true })
				for _, d := range docs {
					if d >= lo && d < hi {
						want = append(want, d)
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("n %d density %v: Each(%d, %d) = %v, want %v", n, density, lo, hi, got, want)
				}
			}
		}
	}
}

// TestRankedEachStops: Each stops at the first false, and says so.
func TestRankedEachStops(t *testing.T) {
	set := NewBitset(200)
	for _, d := range []uint32{3, 70, 150} {
		set.Set(d)
	}
	var seen []uint32
	all := NewRanked(set).Each(0, 200, func(d uint32) bool { seen = append(seen, d); return d < 70 })
	if all || !slices.Equal(seen, []uint32{3, 70}) {
		t.Errorf("Each saw %v and said %v, want [3 70] and false", seen, all)
	}
}

// TestBitsetNext: the first doc at or after each place, none past the
// last.
func TestBitsetNext(t *testing.T) {
	set := NewBitset(300)
	docs := []uint32{0, 5, 63, 64, 200, 299}
	for _, d := range docs {
		set.Set(d)
	}
	for d := range uint32(310) {
		i, _ := slices.BinarySearch(docs, d)
		got, ok := set.Next(d)
		if want := i < len(docs); ok != want || ok && got != docs[i] {
			t.Errorf("Next(%d) = %d, %v; want the doc %d of %v", d, got, ok, i, docs)
		}
	}
}
