package index

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// docs of a small index: headline, then body.
var testDocs = [][2]string{
	{"Qatar talks", "Hostage talks in Doha."},
	{"Doha markets", "Quiet trading; qatari funds."},
	{"Café life", "Talks of Zürich cafés."},
}

func build(t *testing.T) *Index {
	t.Helper()
	x := New()
	tm := NewTermer(x)
	for doc, d := range testDocs {
		terms, title, words := tm.Terms(d[0], d[1])
		if words == 0 || len(title) > len(terms) {
			t.Fatalf("doc %d: %d words, %d title terms of %d", doc, words, len(title), len(terms))
		}
		x.Add(uint32(doc), terms, title)
	}
	return x
}

func docsOf(b Bitset, n int) []uint32 {
	var out []uint32
	for d := range uint32(n) {
		if b.Has(d) {
			out = append(out, d)
		}
	}
	return out
}

// bothForms runs a test with posting lists as varints and as bitsets.
func bothForms(t *testing.T, f func(t *testing.T)) {
	for _, dense := range []int{512, 0} {
		old := DenseMin
		DenseMin = dense
		t.Run(fmt.Sprint("denseMin=", dense), f)
		DenseMin = old
	}
}

func TestReader(t *testing.T) {
	bothForms(t, func(t *testing.T) {
		r := build(t)
		n := len(testDocs)
		for _, tt := range []struct {
			w             string
			prefix, title bool
			want          []uint32
		}{
			{"talks", false, false, []uint32{0, 2}},
			{"talks", false, true, []uint32{0}},
			{"doha", false, false, []uint32{0, 1}},
			{"qatar", false, false, []uint32{0}},
			{"qatar", true, false, []uint32{0, 1}}, // qatari too
			{"cafe", true, false, []uint32{2}},     // folded: café, cafés
			{"zurich", false, false, []uint32{2}},
			{"nowhere", true, false, nil},
		} {
			if got := docsOf(r.Words(tt.w, tt.prefix, tt.title, n), n); !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q, prefix %v, title %v) = %v, want %v", tt.w, tt.prefix, tt.title, got, tt.want)
			}
		}
		term, ok := r.Lookup("talks")
		if !ok || r.Count(term) != 2 {
			t.Fatalf("Lookup(talks) = %d, %v; Count %d", term, ok, r.Count(term))
		}
		var each []uint32
		r.EachDoc(term, func(doc uint32) { each = append(each, doc) })
		if !slices.Equal(each, []uint32{0, 2}) {
			t.Errorf("EachDoc(talks) = %v", each)
		}
		if _, ok := r.Lookup("tal"); ok {
			t.Error("Lookup found a prefix")
		}
		if got := len(r.Prefixed("qa")); got != 2 {
			t.Errorf("Prefixed(qa) has %d terms, want qatar and qatari", got)
		}
	})
}

// TestMergeIntoIsMergeSorted checks the in-place merge against the
// linear one, equal keys and all, over random slices of every shape.
func TestMergeIntoIsMergeSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	byTen := func(x, y uint32) int { return cmp.Compare(x/10, y/10) } // equal keys abound
	for round := range 2000 {
		a := make([]uint32, rng.IntN(60))
		b := make([]uint32, rng.IntN(20))
		for i := range a {
			a[i] = rng.Uint32N(300)
		}
		for i := range b {
			b[i] = 1000 + rng.Uint32N(300) // told apart from a's by value, not key
		}
		b = append(b, a[:len(a)/3]...) // and some keys in both
		for i := range b {
			if b[i] < 1000 {
				b[i] += 1000
			}
		}
		key := func(x, y uint32) int { return byTen(x%1000, y%1000) }
		slices.SortStableFunc(a, key)
		slices.SortStableFunc(b, key)
		want := MergeSorted(a, b, key)
		withRoom := append(slices.Clip(slices.Clone(a)), make([]uint32, rng.IntN(30))...)[:len(a)]
		for _, into := range [][]uint32{slices.Clone(a), withRoom} {
			if got := MergeInto(into, b, key); !slices.Equal(got, want) {
				t.Fatalf("round %d: MergeInto(%v, %v) = %v, want %v", round, a, b, got, want)
			}
		}
	}
}
