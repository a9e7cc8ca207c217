package query

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/text"
)

// fakeDoc is one doc of a fake source: what a library would hold.
type fakeDoc struct {
	headline, body, folder string
	date                   time.Time // zero: dated by its file, or undated
	bookmarked, read       bool
	tags                   []string
	author, site, url      string
	note                   string
}

// fake is a Source and Texts over a few docs, answering word look-ups by
// reading each doc's words directly: no index, no library.
type fake struct {
	docs []fakeDoc
	// bodies counts the bodies read by phrase checks.
	bodies atomic.Int64
	// filters are the docs' filters of adjacent words, when made.
	filters [][]byte
	// words and titleWords are each doc's folded words, once Words has
	// been asked.
	words, titleWords [][]string
}

// withFilters makes f's docs' filters of adjacent words as a load does.
func (f *fake) withFilters() *fake {
	tm := index.NewTermer(index.New())
	f.filters = make([][]byte, len(f.docs))
	for i, d := range f.docs {
		tm.Terms(d.headline, d.body)
		f.filters[i] = slices.Clone(tm.Pairs())
	}
	return f
}

func (f *fake) Pairs(doc uint32) []byte {
	if int(doc) < len(f.filters) {
		return f.filters[doc]
	}
	return nil
}

func (f *fake) Len() int { return len(f.docs) }

func (f *fake) Words(w string, prefix, title bool) index.Bitset {
	if len(f.words) != len(f.docs) {
		f.words, f.titleWords = make([][]string, len(f.docs)), make([][]string, len(f.docs))
		for i, d := range f.docs {
			f.words[i], f.titleWords[i] = text.Words(d.headline+"\n"+d.body), text.Words(d.headline)
		}
	}
	set := index.NewBitset(len(f.docs))
	for i := range f.docs {
		words := f.words[i]
		if title {
			words = f.titleWords[i]
		}
		for _, got := range words {
			if got == w || prefix && strings.HasPrefix(got, w) {
				set.Set(uint32(i))
				break
			}
		}
	}
	return set
}

func (f *fake) Folder(doc uint32) string { return f.docs[doc].folder }

func (f *fake) Date(doc uint32) (time.Time, bool) {
	d := f.docs[doc].date
	return d, !d.IsZero()
}

func (f *fake) Is(doc uint32, what string) bool {
	switch what {
	case "bookmarked":
		return f.docs[doc].bookmarked
	case "unread":
		return !f.docs[doc].read
	}
	return false
}

func (f *fake) Tags(doc uint32) []string { return f.docs[doc].tags }

func (f *fake) Author(doc uint32) string { return f.docs[doc].author }

func (f *fake) Note(doc uint32) string { return f.docs[doc].note }

func (f *fake) Site(doc uint32) (string, string) { return f.docs[doc].site, f.docs[doc].url }

func (f *fake) Headline(doc uint32) string { return f.docs[doc].headline }

func (f *fake) Body(doc uint32, fn func(string) bool) bool {
	f.bodies.Add(1)
	return fn(f.docs[doc].body)
}

func threeDocs() *fake {
	day := func(d int) time.Time { return time.Date(2024, time.November, d, 12, 0, 0, 0, time.UTC) }
	return &fake{docs: []fakeDoc{
		{headline: "Qatar hostage deal signed", body: "The deal was signed in Doha.", folder: "2024/11", date: day(16), bookmarked: true,
			tags: []string{"Middle East", "Qatar"}, author: "Ann Lee", site: "BBC News", url: "https://www.bbc.co.uk/news/1"},
		{headline: "Markets in Doha", body: "A hostage of the markets, said the deal makers.", folder: "2024/10", date: day(1).AddDate(0, -1, 0), read: true,
			tags: []string{"markets"}, author: "Bo Lee, Ann Smith", site: "Financial Times", url: "https://ft.com/x"},
		{headline: "A note on cafés", body: "Zürich cafés open early.", folder: "notes", tags: []string{"Cafés"}, author: "[[Me]]",
			note: "Ask Doha about the Zürich figures."},
	}}
}

// eval runs the whole evaluation: the index part, the phrase check and
// the combination, and returns the docs found.
func eval(t *testing.T, src *fake, typed string) []uint32 {
	t.Helper()
	m := Parse(typed).Eval(src)
	if !m.Check(src, nil) {
		t.Fatalf("%q: the check gave up with no stale func", typed)
	}
	set := m.Result()
	var out []uint32
	for doc := range uint32(src.Len()) {
		if set == nil || set.Has(doc) {
			out = append(out, doc)
		}
	}
	return out
}

func TestEvalOverAFakeSource(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  []uint32
	}{
		{"", []uint32{0, 1, 2}},
		{"doha", []uint32{0, 1}},
		{"do", []uint32{0, 1}}, // the last word is a prefix
		{"doha deal", []uint32{0, 1}},
		{`"hostage deal"`, []uint32{0}},
		{`"deal was"`, []uint32{0}},
		{`"hostage of"`, []uint32{1}},
		{`-"hostage deal"`, []uint32{1, 2}},
		{`title:doha`, []uint32{1}},
		{`title:"hostage deal" OR cafes`, []uint32{0, 2}},
		{`in:2024`, []uint32{0, 1}},
		{`in:2024/1`, nil}, // a folder, not a prefix of one
		{`after:2024-11`, []uint32{0}},
		{`before:2024-10`, []uint32{1}}, // inclusive: all of October
		{`on:2024`, []uint32{0, 1}},     // the undated note has no date to match
		{`is:bookmarked`, []uint32{0}},
		{`is:unread`, []uint32{0, 2}},
		{`zurich`, []uint32{2}}, // accents never matter
		{`(doha OR cafes) -markets`, []uint32{0, 2}},
		{`(doha OR cafe) -markets`, []uint32{0}}, // cafe is a whole word here: cafés is not it
		{`-doha -cafes`, nil},
		{`tag:qatar`, []uint32{0}},
		{`tag:"middle east"`, []uint32{0}},
		{`tag:middle`, nil}, // a tag is whole
		{`tag:CAFES`, []uint32{2}},
		{`author:lee`, []uint32{0, 1}},
		{`author:"ann smith"`, []uint32{1}},
		{`author:"ann lee"`, []uint32{0}},
		{`author:me`, []uint32{2}},
		{`site:bbc.co.uk`, []uint32{0}},
		{`site:bbc`, []uint32{0}},
		{`site:co.uk`, []uint32{0}},
		{`site:ft.com`, []uint32{1}},
		{`site:"financial times"`, []uint32{1}},
		{`site:times`, []uint32{1}},
		{`site:uk.co`, nil},
		{`tag:markets OR site:bbc`, []uint32{0, 1}},
		{`note:doha`, []uint32{2}},
		{`note:"zurich figures"`, []uint32{2}},
		{`note:"figures zurich"`, nil},
		{`-note:ask`, []uint32{0, 1}},
		{`note:cafés`, nil}, // the headline's, not the note's
	} {
		if got := eval(t, threeDocs(), tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
		}
	}
}

// TestPhraseReadsBodiesOnlyWhenNeeded: a phrase in a headline needs no
// body, and a title: phrase never reads one.
func TestPhraseReadsBodiesOnlyWhenNeeded(t *testing.T) {
	src := threeDocs()
	eval(t, src, `"hostage deal"`)
	if n := src.bodies.Load(); n != 1 { // doc 0's headline holds it; doc 1's body is read
		t.Errorf("read %d bodies, want 1", n)
	}
	src = threeDocs()
	eval(t, src, `title:"hostage deal"`)
	if n := src.bodies.Load(); n != 0 {
		t.Errorf("a title phrase read %d bodies", n)
	}
}

// TestStaleCheckGivesUp: a check told its result is unwanted stops and
// says so.
func TestStaleCheckGivesUp(t *testing.T) {
	src := threeDocs()
	m := Parse(`"hostage deal"`).Eval(src)
	if m.Check(src, func() bool { return true }) {
		t.Error("a stale check went on")
	}
	if n := src.bodies.Load(); n != 0 {
		t.Errorf("a stale check read %d bodies", n)
	}
}

// TestPhraseCheckOverManyCandidates: checked on every core at once, the
// candidates of a phrase that hold it are those whose text holds it, and
// each body is read once.
func TestPhraseCheckOverManyCandidates(t *testing.T) {
	src := &fake{}
	var want []uint32
	for i := range 3000 {
		body := "the deal was signed"
		switch {
		case i%7 == 0:
			body = "a hostage deal was signed"
			want = append(want, uint32(i))
		case i%3 == 0:
			body = "the deal with the hostage"
		}
		src.docs = append(src.docs, fakeDoc{headline: "Doha", body: body})
	}
	if got := eval(t, src, `"hostage deal"`); !slices.Equal(got, want) {
		t.Fatalf("found %d docs, want %d", len(got), len(want))
	}
	if n, cands := src.bodies.Load(), len(want)+(3000/3-3000/21-1); n != int64(cands) {
		t.Errorf("read %d bodies, want one a candidate, %d", n, cands)
	}
}

// TestPhraseFiltersSpareReads: with the docs' filters of adjacent words,
// a phrase check finds what it finds without them, over texts that take
// every path of folding, and reads few bodies that do not hold it.
func TestPhraseFiltersSpareReads(t *testing.T) {
	vocab := []string{"the", "The", "minister", "MINISTER", "said", "Said", "internationalisation", "été", "ÉTÉ",
		"e\u0301te\u0301", "Straße", "strasse", "ﬁnal", "final", "σίσυφος", "ΣΊΣΥΦΟΣ", "東京都", "の", "2024", "Kelvin", "\u212Aelvin"}
	rng := rand.New(rand.NewPCG(11, 2026))
	plain := &fake{}
	for range 1500 {
		texts := [2]string{}
		for k, n := range []int{1 + rng.IntN(5), rng.IntN(30)} {
			parts := make([]string, n)
			for i := range parts {
				parts[i] = vocab[rng.IntN(len(vocab))]
			}
			texts[k] = strings.Join(parts, " ")
		}
		plain.docs = append(plain.docs, fakeDoc{headline: texts[0], body: texts[1]})
	}
	filtered := (&fake{docs: plain.docs}).withFilters()
	found, spared := 0, 0
	for range 150 {
		k := 2 + rng.IntN(2)
		words := make([]string, k)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		q := `"` + strings.Join(words, " ") + `"`
		if last := []rune(words[k-1]); rng.IntN(3) == 0 {
			// Unclosed, its last word cut: a prefix.
			words[k-1] = string(last[:1+rng.IntN(len(last))])
			q = `"` + strings.Join(words, " ")
		}
		plain.bodies.Store(0)
		filtered.bodies.Store(0)
		want, got := eval(t, plain, q), eval(t, filtered, q)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %d docs with filters, %d without", q, len(got), len(want))
		}
		found += len(want)
		spared += int(plain.bodies.Load() - filtered.bodies.Load())
	}
	if found < 1000 || spared < 20000 {
		t.Errorf("found %d, spared %d reads: the test is too easy, or the filters do nothing", found, spared)
	}
}

// TestResultIsRepeatable: asking for the result twice gives the same set,
// as a NOT must not spoil the leaf it complements.
func TestResultIsRepeatable(t *testing.T) {
	src := threeDocs()
	m := Parse(`-doha`).Eval(src)
	a, b := m.Result(), m.Result()
	if !slices.Equal(a, b) || a.Count() != 1 {
		t.Errorf("results %v then %v", a, b)
	}
}

// phraseInFolded is phraseIn as it was: every word of doc folded, and the
// last len(words) compared with the phrase at each.
func phraseInFolded(doc string, words []string, prefix bool) bool {
	var folded []string
	text.ForEachWord(doc, func(s, e int) { folded = append(folded, text.Fold(doc[s:e])) })
	k := len(words)
	for end := k; end <= len(folded); end++ {
		ok := true
		for i, w := range words {
			got := folded[end-k+i]
			if got != w && !(prefix && i == k-1 && strings.HasPrefix(got, w)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// TestPhraseInAgreesWithFolding: comparing words where they stand finds a
// phrase exactly where folding every word does, over words in any case,
// with accents composed and not, ligatures, ß, dotted capitals, Greek and
// CJK, and phrases taken from the texts, their words cut to prefixes.
func TestPhraseInAgreesWithFolding(t *testing.T) {
	vocab := []string{"the", "The", "THE", "qatar", "Qatar", "QATARI", "été", "ÉTÉ", "e\u0301te\u0301", "Straße", "strasse",
		"İstanbul", "istanbul", "ﬁnal", "final", "ΣΊΣΥΦΟΣ", "σίσυφος", "東京", "の", "x", "X", "a", "ab", "abc", "don't", "Kelvin", "\u212Aelvin"}
	rng := rand.New(rand.NewPCG(7, 2026))
	found := 0
	for range 20000 {
		n := 1 + rng.IntN(12)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = vocab[rng.IntN(len(vocab))]
		}
		doc := strings.Join(parts, []string{" ", ", ", " — ", "\n"}[rng.IntN(4)])
		words := text.Words(strings.Join(parts, " "))
		var phrase []string
		if k := 1 + rng.IntN(3); len(words) >= k && rng.IntN(4) > 0 {
			at := rng.IntN(len(words) - k + 1)
			phrase = slices.Clone(words[at : at+k])
		} else {
			for range k {
				phrase = append(phrase, text.Fold(vocab[rng.IntN(len(vocab))]))
			}
		}
		prefix := rng.IntN(2) == 0
		if last := phrase[len(phrase)-1]; prefix && len(last) > 1 && rng.IntN(2) == 0 {
			phrase[len(phrase)-1] = last[:1+rng.IntN(len(last)-1)]
		}
		if slices.Contains(phrase, "") {
			continue
		}
		got, want := phraseIn(doc, phrase, prefix), phraseInFolded(doc, phrase, prefix)
		if got != want {
			t.Fatalf("phraseIn(%q, %q, %v) = %v, folding every word says %v", doc, phrase, prefix, got, want)
		}
		if got {
			found++
		}
	}
	if found < 5000 {
		t.Fatalf("only %d of 20000 phrases found: the test is too easy", found)
	}
}
