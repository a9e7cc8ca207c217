package segment

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/broadsheet/broadsheet/store/index"
)

// TestMerge: merging two or three segments with dead docs gives the very
// file Write gives of the union of their live docs, and it answers as
// that union does.
func TestMerge(t *testing.T) {
	for _, k := range []int{1, 2, 3} {
		t.Run(fmt.Sprint(k, " segments"), func(t *testing.T) {
			dir := t.TempDir()
			rnd := rand.New(rand.NewPCG(uint64(k), 9))
			var cs []*corpus
			var segs []*Segment
			var dead []index.Bitset
			for j := range k {
				c := makeCorpus(uint64(10+j), 400+300*j, 20)
				cs = append(cs, c)
				segs = append(segs, c.write(t, dir, fmt.Sprint("in", j)))
				d := index.NewBitset(len(c.docs))
				for i := range len(c.docs) {
					if rnd.IntN(4) == 0 || j == 1 && i < 64 {
						d.Set(uint32(i))
					}
				}
				dead = append(dead, d)
			}
			merged := filepath.Join(dir, "merged")
			if err := Merge(merged, segs, dead); err != nil {
				t.Fatal(err)
			}
			u := union(cs, dead)
			direct := u.write(t, dir, "direct")
			s, err := Open(merged)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkDocs(t, s, u)
			checkFiles(t, s, u)
			checkTerms(t, s, u)
			checkPostings(t, s, u, u.words())
			checkPrefixes(t, s, u)
			sameFile(t, s, direct)
		})
	}
}

// TestMergeNoDead: a nil dead keeps every doc.
func TestMergeNoDead(t *testing.T) {
	dir := t.TempDir()
	a, b := makeCorpus(20, 100, 10), makeCorpus(21, 150, 10)
	segs := []*Segment{a.write(t, dir, "a"), b.write(t, dir, "b")}
	path := filepath.Join(dir, "m")
	if err := Merge(path, segs, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := union([]*corpus{a, b}, []index.Bitset{nil, nil})
	checkDocs(t, s, u)
	checkPostings(t, s, u, u.words())
}

// sameFile says where two segments' files first differ, by section.
func sameFile(t *testing.T, a, b *Segment) {
	t.Helper()
	if bytes.Equal(a.data, b.data) {
		return
	}
	for i := range a.h.secs {
		sa, sb := a.h.secs[i], b.h.secs[i]
		da, db := a.data[sa.off:sa.off+sa.len], b.data[sb.off:sb.off+sb.len]
		if !bytes.Equal(da, db) {
			n := 0
			for n < min(len(da), len(db)) && da[n] == db[n] {
				n++
			}
			t.Fatalf("section %d differs: %d and %d bytes, first at %d", i, len(da), len(db), n)
		}
	}
	t.Fatalf("the files differ outside their sections: %d and %d bytes", len(a.data), len(b.data))
}
