package segment

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
)

// TestRoundTrip: every accessor of a written segment answers as the
// input says.
func TestRoundTrip(t *testing.T) {
	c := makeCorpus(1, 3000, 30)
	s := c.write(t, t.TempDir(), "seg")
	checkDocs(t, s, c)
	checkFiles(t, s, c)
	checkTerms(t, s, c)
	checkPostings(t, s, c, c.words())
	checkPrefixes(t, s, c)
}

// TestLarge: past 65,536 docs a list has several containers, of all
// three kinds, and a shifted bitmap container spills into the next word.
func TestLarge(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("70,000 docs")
	}
	c := makeCorpus(2, 70_000, 4)
	s := c.write(t, t.TempDir(), "seg")
	words := []string{"everywhere", "undated", "the", "of", "and", "said", "qatar", "munchen"}
	kinds := map[int]int{}
	for _, w := range words {
		e, ok := s.lookup(w)
		if !ok {
			t.Fatalf("%q is not in the dictionary", w)
		}
		eachContainer(e.all, func(key uint64, kind int, data []byte) { kinds[kind]++ })
	}
	if kinds[kindArray] == 0 || kinds[kindBitmap] == 0 || kinds[kindRun] == 0 {
		t.Fatalf("containers by kind: %v, want all three", kinds)
	}
	checkPostings(t, s, c, words)
	checkFiles(t, s, c)
}

// TestWriteBadRenumbering: a renumbering that misses docs fails the
// write, whichever batch of terms it is found in, and leaves no file.
func TestWriteBadRenumbering(t *testing.T) {
	c := makeCorpus(3, 3000, 30)
	for _, keep := range []int{0, len(c.renum) / 2, len(c.renum) - 1} {
		dir := t.TempDir()
		err := Write(filepath.Join(dir, "seg"), DocRows(c.docs), c.files, c.x, c.renum[:keep])
		if err == nil || !strings.Contains(err.Error(), "past renum") {
			t.Fatalf("renumbering of %d of %d docs: %v, want an error", keep, len(c.renum), err)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Fatalf("a failed write left %v", left)
		}
	}
}

// TestEmpty: a segment of nothing opens and answers nothing.
func TestEmpty(t *testing.T) {
	c := &corpus{}
	s := c.write(t, t.TempDir(), "seg")
	if s.Len() != 0 || s.NumFiles() != 0 || s.Count("a") != 0 || s.Verify() != nil {
		t.Fatalf("empty segment: %d docs, %d files, verify %v", s.Len(), s.NumFiles(), s.Verify())
	}
	dst := index.NewBitset(64)
	s.OrInto(dst, 0, "", true, false)
	if dst.Count() != 0 {
		t.Error("an empty segment's prefix \"\" found docs")
	}
}

func checkDocs(t *testing.T, s *Segment, c *corpus) {
	t.Helper()
	if s.Len() != len(c.docs) {
		t.Fatalf("Len %d, want %d", s.Len(), len(c.docs))
	}
	if len(s.Sketches()) != s.Len() {
		t.Fatalf("Sketches holds %d, want %d", len(s.Sketches()), s.Len())
	}
	total, sketched := int64(0), 0
	for i := range c.docs {
		d, got := &c.docs[i], s.Doc(uint32(i))
		total += int64(d.Words)
		want := *d
		want.Pairs, want.Sketch = nil, dedup.Sketch{} // Doc leaves them to Pairs and Sketch
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Doc(%d) = %+v\nwant %+v", i, got, want)
		}
		if p := s.Pairs(uint32(i)); !bytes.Equal(p, d.Pairs) || len(d.Pairs) == 0 {
			t.Fatalf("doc %d: Pairs gives %d bytes, want %d (never none here)", i, len(p), len(d.Pairs))
		}
		if got := s.Sketch(uint32(i)); *got != d.Sketch || s.Sketches()[i] != d.Sketch {
			t.Fatalf("doc %d: Sketch gives %x, want %x", i, *got, d.Sketch)
		}
		if !d.Sketch.None() {
			sketched++
		}
		root, name := s.Name(uint32(i))
		if s.ID(uint32(i)) != d.ID || s.Date(uint32(i)) != d.Date || s.Flags(uint32(i)) != d.Flags ||
			s.Words(uint32(i)) != d.Words || s.Headline(uint32(i)) != d.Headline ||
			s.Folder(uint32(i)) != d.Folder || root != d.Root || name != d.Name || s.Offset(uint32(i)) != d.Offset {
			t.Fatalf("doc %d: the accessors disagree with Doc", i)
		}
		if source, author, site := s.Where(uint32(i)); source != d.Source || author != d.Author || site != d.Site ||
			!slices.Equal(s.Tags(uint32(i)), d.Tags) {
			t.Fatalf("doc %d: Where and Tags disagree with Doc", i)
		}
		if got, want := s.HasWhere(uint32(i)), d.Folder != "" || d.Author != "" || d.Site != ""; got != want {
			t.Fatalf("doc %d: HasWhere %v, want %v (folder %q, author %q, site %q)", i, got, want, d.Folder, d.Author, d.Site)
		}
		if j, ok := s.Find(d.ID); !ok || j != uint32(i) {
			t.Fatalf("Find(doc %d's ID) = %d, %v", i, j, ok)
		}
		for k := range c.docs[:min(i, 50)] {
			want := strings.Compare(foldTitle(c.docs[k].Headline), foldTitle(d.Headline))
			if got := cmp.Compare(s.TitleRank(uint32(k)), s.TitleRank(uint32(i))); got != want {
				t.Fatalf("TitleRank of %q and %q compare %d, want %d", c.docs[k].Headline, d.Headline, got, want)
			}
		}
	}
	seen := make([]bool, s.Len())
	for r := range s.Len() {
		d := s.ByTitle(r)
		if seen[d] {
			t.Fatalf("ByTitle gave doc %d twice", d)
		}
		seen[d] = true
		if r > 0 {
			p := s.ByTitle(r - 1)
			if cmp.Or(cmp.Compare(s.TitleRank(p), s.TitleRank(d)), cmp.Compare(p, d)) >= 0 {
				t.Fatalf("ByTitle(%d) = %d after %d: not by rank, then doc", r, d, p)
			}
		}
	}
	if s.TotalWords() != total {
		t.Errorf("TotalWords %d, want %d", s.TotalWords(), total)
	}
	if total > int64(25*len(c.docs)) && sketched < len(c.docs)/2 {
		t.Errorf("%d of %d docs of %d words on average have a sketch", sketched, len(c.docs), total/int64(len(c.docs)))
	}
	if _, ok := s.Find([16]byte{0xff, 0xff, 0xff}); ok {
		t.Error("Find found an ID not written")
	}
}

func checkFiles(t *testing.T, s *Segment, c *corpus) {
	t.Helper()
	want := slices.Clone(c.files)
	slices.SortFunc(want, func(a, b File) int {
		return cmp.Or(cmp.Compare(a.Root, b.Root), strings.Compare(a.Name, b.Name), cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Doc, b.Doc))
	})
	if s.NumFiles() != len(want) {
		t.Fatalf("NumFiles %d, want %d", s.NumFiles(), len(want))
	}
	wlo := 0
	for j := range want {
		if got := s.File(j); got != want[j] {
			t.Fatalf("File(%d) = %+v, want %+v", j, got, want[j])
		}
		if j > 0 && (want[j].Root != want[j-1].Root || want[j].Name != want[j-1].Name) {
			wlo = j
		}
		if j+1 < len(want) && want[j+1].Root == want[j].Root && want[j+1].Name == want[j].Name {
			continue // FindFiles is asked at the last row of a name
		}
		lo, hi := s.FindFiles(want[j].Root, want[j].Name)
		if whi := j + 1; lo != wlo || hi != whi {
			t.Fatalf("FindFiles(%d, %q) = [%d,%d), want [%d,%d)", want[j].Root, want[j].Name, lo, hi, wlo, whi)
		}
	}
	if lo, hi := s.FindFiles(0, "no such file"); lo != hi {
		t.Errorf("FindFiles found %d rows of a name not written", hi-lo)
	}
}

func checkTerms(t *testing.T, s *Segment, c *corpus) {
	t.Helper()
	var got []string
	s.Terms(func(w string) bool { got = append(got, w); return true })
	if want := c.words(); !slices.Equal(got, want) {
		t.Fatalf("Terms gave %d words, want %d; first %q, want %q", len(got), len(want), got[:min(5, len(got))], want[:min(5, len(want))])
	}
	n := 0
	s.Terms(func(string) bool { n++; return n < 3 })
	if n != min(3, len(got)) {
		t.Errorf("Terms went on after false: %d calls", n)
	}
}

// checkPostings checks Count, EachDoc and OrInto for each of words, and
// for prefixes of them, exact and prefix, title and all, at bases of 0,
// a multiple of 64 and neither.
func checkPostings(t *testing.T, s *Segment, c *corpus, words []string) {
	t.Helper()
	for _, w := range words {
		want := c.docsWith(w, false, false)
		var each []uint32
		s.EachDoc(w, func(d uint32) { each = append(each, d) })
		if s.Count(w) != len(want) || !slices.Equal(each, want) {
			t.Fatalf("%q: Count %d, EachDoc %d docs; want %d", w, s.Count(w), len(each), len(want))
		}
	}
	probes := []string{"", "zzzz", "nosuchword", "a"}
	stride := 7
	if raceEnabled {
		stride = 41
	}
	for i, w := range words {
		if i%stride != 0 {
			continue // every word's postings are checked above
		}
		probes = append(probes, w)
		if r := []rune(w); i%3 == 0 && len(r) > 1 {
			probes = append(probes, string(r[:1]), string(r[:2]), string(r[:min(3, len(r))]))
		}
	}
	for _, w := range probes {
		for _, prefix := range []bool{false, true} {
			for _, title := range []bool{false, true} {
				want := c.docsWith(w, prefix, title)
				for _, base := range []uint32{0, 64 * 3, 37} {
					if got := orInto(s, base, w, prefix, title); !slices.Equal(got, want) {
						t.Fatalf("OrInto(base %d, %q, prefix %v, title %v) = %d docs, want %d", base, w, prefix, title, len(got), len(want))
					}
				}
			}
		}
	}
}

// orInto ORs into a set with a doc already in it below base, and
// returns the docs found, shifted back.
func orInto(s *Segment, base uint32, w string, prefix, title bool) []uint32 {
	dst := index.NewBitset(int(base) + s.Len())
	if base > 0 {
		dst.Set(base - 1)
	}
	s.OrInto(dst, base, w, prefix, title)
	var docs []uint32
	for d := base; d < base+uint32(s.Len()); d++ {
		if dst.Has(d) {
			docs = append(docs, d-base)
		}
	}
	if base > 0 && !dst.Has(base-1) {
		return nil // the doc before base was lost
	}
	return docs
}

// TestHasWhere: a folder, an author or a site, each alone, is somewhere
// to show; a URL, a format, a name and a headline are not.
func TestHasWhere(t *testing.T) {
	docs := []Doc{
		{Headline: "Nowhere", Name: "a.txt", Format: "seed", Source: "https://example.com/a", Excerpt: "x", Tags: []string{"t"}},
		{Headline: "In a folder", Folder: "2024/11", Name: "2024/11/b.txt"},
		{Headline: "By someone", Name: "c.txt", Author: "Ann Lee"},
		{Headline: "On a site", Name: "d.txt", Site: "BBC News"},
	}
	for i := range docs {
		docs[i].ID[0] = byte(i + 1)
		docs[i].Date = int64(10-i) * 1e9
	}
	path := filepath.Join(t.TempDir(), "seg")
	if err := Write(path, DocRows(docs), nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range uint32(s.Len()) {
		d := s.Doc(i)
		if got, want := s.HasWhere(i), d.Folder != "" || d.Author != "" || d.Site != ""; got != want {
			t.Errorf("%q: HasWhere %v, want %v", d.Headline, got, want)
		}
	}
}
