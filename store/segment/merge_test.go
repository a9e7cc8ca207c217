package segment

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
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
			yields := 0
			num, err := MergeNumbered(merged, segs, dead, func() { yields++ })
			if err != nil {
				t.Fatal(err)
			}
			u := union(cs, dead)
			direct := u.write(t, dir, "direct")
			s, err := Open(merged)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkNumbering(t, s, segs, dead, num)
			if yields == 0 {
				t.Error("the merge never yielded")
			}
			checkDocs(t, s, u)
			checkFiles(t, s, u)
			checkTerms(t, s, u)
			checkPostings(t, s, u, u.words())
			checkPrefixes(t, s, u)
			sameFile(t, s, direct)
		})
	}
}

// checkNumbering: a merge's numbering takes each input doc and file to
// the same doc and file in the merged segment, and a dead doc and its
// files to none.
func checkNumbering(t *testing.T, s *Segment, segs []*Segment, dead []index.Bitset, num *Numbering) {
	t.Helper()
	for k, in := range segs {
		for i := range uint32(in.Len()) {
			got := num.Docs[k][i]
			switch {
			case dead[k].Has(i) && got != Dropped:
				t.Fatalf("input %d: dead doc %d numbered %d", k, i, got)
			case !dead[k].Has(i) && (got == Dropped || s.Doc(got).ID != in.Doc(i).ID):
				t.Fatalf("input %d: doc %d numbered %d, which is another doc", k, i, got)
			}
		}
		for j := range in.NumFiles() {
			f, got := in.File(j), num.Files[k][j]
			if dead[k].Has(f.Doc) {
				if got != Dropped {
					t.Fatalf("input %d: a dead doc's file %d numbered %d", k, j, got)
				}
				continue
			}
			want := f
			want.Doc = num.Docs[k][f.Doc]
			if got == Dropped || s.File(int(got)) != want {
				t.Fatalf("input %d: file %d numbered %d, which is another file", k, j, got)
			}
		}
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

// TestReleaseKeepsReading: a segment whose pages were let go, whole or its
// filters', reads as it did, its pages read again from the file.
func TestReleaseKeepsReading(t *testing.T) {
	dir := t.TempDir()
	c := makeCorpus(22, 300, 150) // filters of several pages
	s := c.write(t, dir, "r")
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
	s.Release()
	checkDocs(t, s, c)
	checkPostings(t, s, c, c.words())
	for _, r := range [][2]uint32{{0, 1}, {0, 100}, {37, 250}, {200, 1 << 20}, {5, 5}, {9, 3}} {
		s.ReleasePairs(r[0], r[1])
	}
	checkDocs(t, s, c) // with the filters
	before := slices.Clone(s.Sketches())
	s.ReleaseSketches()
	if !slices.Equal(before, s.Sketches()) {
		t.Error("the sketches read back otherwise once let go")
	}
	s.Release()
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
}
