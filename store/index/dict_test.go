package index

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/testcorpus"
	"github.com/broadsheet/broadsheet/store/text"
)

// corpusDocs reads the headlines and bodies of the 1,000-article test
// corpus, as the loader's parser leaves them.
func corpusDocs(b *testing.B) (docs [][2]string, size int64) {
	b.Helper()
	return corpusDocsSized(b, 1000)
}

// corpusDocsN is corpusDocs of the n-article test corpus, without sizes.
func corpusDocsN(b *testing.B, n int) [][2]string {
	b.Helper()
	docs, _ := corpusDocsSized(b, n)
	return docs
}

func corpusDocsSized(b *testing.B, n int) (docs [][2]string, size int64) {
	b.Helper()
	dir, err := testcorpus.Dir(n)
	if err != nil {
		b.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines := strings.SplitN(string(data), "\n", 3)
		if len(lines) == 3 {
			docs = append(docs, [2]string{lines[1], strings.ReplaceAll(lines[2], "\n", "\n\n")})
			size += int64(len(lines[1]) + len(lines[2]))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return docs, size
}

// BenchmarkTerms is the loader's inner loop: every word of every article
// folded and numbered, into a new index (cold) or one that knows every
// word already (warm).
func BenchmarkTerms(b *testing.B) {
	docs, size := corpusDocs(b)
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			tm := NewTermer(New())
			for _, d := range docs {
				tm.Terms(d[0], d[1])
			}
			for b.Loop() {
				if !warm {
					tm = NewTermer(New())
				}
				for _, d := range docs {
					tm.Terms(d[0], d[1])
				}
			}
		})
	}
}

// TestTermsAreTheWords: whatever path a word takes through a Termer
// (packed ASCII, folded, long, past the table's or the arena's bounds),
// its term number is the dictionary's for its folded form, and an
// article's terms are its distinct words and no others.
func TestTermsAreTheWords(t *testing.T) {
	x := New()
	tm := NewTermer(x)
	var docs []string
	for i := range 70_000 { // more words than a Termer's table holds
		docs = append(docs, fmt.Sprintf("Word%d WORD%d w%dx", i, i, i%97))
	}
	long := strings.Repeat("Long", 300)
	for i := range 1200 { // more long words than the arena holds
		docs = append(docs, fmt.Sprintf("%s%d the THE Zürich ZÜRICH café", long, i))
	}
	docs = append(docs, "abcdefgh ABCDEFGH abcdefghi ABCDEFGHI a\u0301 東京都 Straße STRASSE", "x", "Xy", "12345678 1234567")
	for _, d := range append(docs, docs...) { // the second time, from the table
		terms, title, words := tm.Terms(d, d)
		if !slices.Equal(title, terms) {
			t.Fatalf("%q: headline's terms %v, all %v", d, title, terms)
		}
		want := map[string]bool{}
		text.ForEachTerm(d, func(s, e int) { want[text.Fold(d[s:e])] = true }, func(s, e int) { want[text.Fold(d[s:e])] = true })
		if words != 2*len(text.Words(d)) || len(terms) != len(want) {
			t.Fatalf("%q: %d words, %d terms; want %d and %v", d, words, len(terms), 2*len(text.Words(d)), want)
		}
		for _, id := range terms {
			w := x.dict.snapshot()[id]
			if got, ok := x.Lookup(w); !want[w] || !ok || got != id {
				t.Fatalf("%q: term %d is %q (looked up as %d, %v), not one of %v", d, id, w, got, ok, want)
			}
		}
	}
}

// TestASCIIKey: a word packed as it stands is the word folded and
// packed, and only short ASCII words with 8 bytes to read are packed.
func TestASCIIKey(t *testing.T) {
	for c := range 256 {
		for n := 1; n <= 9; n++ {
			for pos := range n {
				w := []byte(strings.Repeat("aB", 5)[:n])
				w[pos] = byte(c)
				s := string(w) + "........"
				key, ok := asciiKey(s, 0, n)
				wantOK := n <= 8 && c < 0x80
				if ok != wantOK || ok && key != load8(text.AppendFolded(nil, string(w))) {
					t.Fatalf("%q: key %#x, %v; want %v, %#x", w, key, ok, wantOK, load8(text.AppendFolded(nil, string(w))))
				}
				if _, ok := asciiKey(string(w), 0, n); ok && n < 8 {
					t.Fatalf("%q: packed with fewer than 8 bytes to read", w)
				}
			}
		}
	}
}

// BenchmarkAdd is the loader's collector: each article's terms, made by
// a Termer beforehand, recorded in a new index, over enough articles
// (BROADSHEET_BENCH_ADD, else 1,000) that the posting lists outgrow the
// processor's caches, as a real load's do.
func BenchmarkAdd(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("BROADSHEET_BENCH_ADD")); err == nil {
		n = v
	}
	x := New()
	tm := NewTermer(x)
	var terms, titles [][]uint32
	for _, d := range corpusDocsN(b, n) {
		t, h, _ := tm.Terms(d[0], d[1])
		terms, titles = append(terms, slices.Clone(t)), append(titles, slices.Clone(h))
	}
	for b.Loop() {
		y := New()
		y.dict = x.dict
		for i := range terms {
			y.Add(uint32(i), terms[i], titles[i])
		}
	}
}
