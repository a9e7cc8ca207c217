package text

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Qatar", "qatar"},
		{"München", "munchen"},
		{"Mu\u0308nchen", "munchen"}, // decomposed
		{"Straße", "strasse"},        // full case folding
		{"STRASSE", "strasse"},
		{"ΣΊΣΥΦΟΣ", "σισυφοσ"}, // final sigma folds as sigma
		{"σίσυφος", "σισυφοσ"},
		{"ﬁnance", "finance"}, // a ligature folds to its letters
		{"İstanbul", "istanbul"},
		{"東京", "東京"},
		{"です", "です"}, // kana voicing marks are letters, not accents
		{"ガイド", "ガイド"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWordsOfCJK(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"日本の首都は東京です", []string{"日本", "本の", "の首", "首都", "都は", "は東", "東京", "京で", "です"}},
		{"東京", []string{"東京"}},
		{"雨", []string{"雨"}},
		{"東京 and Ōsaka", []string{"東京", "and", "osaka"}},
		{"abc東京def", []string{"abc", "東京", "def"}},
		{"東京、大阪", []string{"東京", "大阪"}},
		{"カタカナー", []string{"カタ", "タカ", "カナ", "ナー"}},
		{"서울 특별시", []string{"서울", "특별", "별시"}},
		{"が\u3099ぎ", []string{"が\u3099ぎ"}}, // a combining mark stays on its character
		{"2024年11月", []string{"2024", "年", "11", "月"}},
	} {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTermsAddRunEnds: the index's terms are the words plus the last
// character of each CJK run longer than one, and only those.
func TestTermsAddRunEnds(t *testing.T) {
	s := "東京都 and 雨 大阪"
	var terms, extras []string
	ForEachTerm(s, func(start, end int) { terms = append(terms, s[start:end]) },
		func(start, end int) { extras = append(extras, s[start:end]) })
	if want := Words(s); !slices.Equal(terms, want) {
		t.Errorf("terms %q, want the words %q", terms, want)
	}
	if want := []string{"都", "阪"}; !slices.Equal(extras, want) {
		t.Errorf("extras %q, want %q", extras, want)
	}
	if n := CountWords(s); n != len(Words(s)) {
		t.Errorf("CountWords = %d, Words has %d", n, len(Words(s)))
	}
}

func BenchmarkForEachWord(b *testing.B) {
	s := strings.Repeat("The hostage deal was signed in Doha on Saturday, officials said. ", 40)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		n := 0
		ForEachWord(s, func(int, int) { n++ })
	}
}

// BenchmarkForEachTerm tokenises the 1,000-article test corpus, whose
// words are of every length and a few not ASCII, as the loader does.
func BenchmarkForEachTerm(b *testing.B) {
	dir, err := testcorpus.Dir(1000)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	var size int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			texts, size = append(texts, string(data)), size+int64(len(data))
		}
		return err
	})
	b.SetBytes(size)
	for b.Loop() {
		n := 0
		for _, s := range texts {
			ForEachTerm(s, func(int, int) { n++ }, func(int, int) { n++ })
		}
	}
}

// TestNotASCIIWord: the eight-bytes-at-a-time test of word bytes agrees
// with asciiWordByte on every byte in every position.
func TestNotASCIIWord(t *testing.T) {
	for c := range 256 {
		for pos := range 8 {
			x := uint64(0x2020202020202020) &^ (0xff << (8 * pos)) // spaces elsewhere
			m := notASCIIWord(x | uint64(c)<<(8*pos))
			want := uint64(0x8080808080808080)
			if asciiWordByte[c] {
				want &^= 0x80 << (8 * pos)
			}
			if m != want {
				t.Fatalf("byte %#x at %d: mask %#x, want %#x", c, pos, m, want)
			}
		}
	}
}

// FuzzForEachTerm: the tokeniser's fast paths give the spans a plain
// loop over the runes gives (refForEachToken, the tokeniser as it was).
func FuzzForEachTerm(f *testing.F) {
	for _, s := range []string{"", "The hostage deal, signed in Doha.", "Zürich café ÉTÉ", "abcdefghijklmnopqrstuvwxyz0123456789",
		"東京都 and 雨 大阪", "e\u0301t\u0301e\u0301", "a\x80b\xffc", "word_with-punct.and'quotes", "が\u3099ぎ 2024年11月"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		type span struct {
			extra      bool
			start, end int
		}
		var got, want []span
		ForEachTerm(s, func(a, b int) { got = append(got, span{false, a, b}) }, func(a, b int) { got = append(got, span{true, a, b}) })
		refForEachToken(s, func(a, b int) { want = append(want, span{false, a, b}) }, func(a, b int) { want = append(want, span{true, a, b}) })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: spans %v, want %v", s, got, want)
		}
	})
}

func refForEachToken(s string, fn, extra func(start, end int)) {
	start := -1 // of the plain word being read
	var run cjkRun
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if run.n > 0 {
				run.end(fn, extra)
			}
			if in := asciiWord[c]; in && start < 0 {
				start = i
			} else if !in && start >= 0 {
				fn(start, i)
				start = -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case run.n > 0 && unicode.Is(unicode.Mn, r): // a mark on the last character
			run.curEnd = i + size
		case isCJK(r):
			if start >= 0 {
				fn(start, i)
				start = -1
			}
			if run.n > 1 {
				fn(run.prev, run.curEnd)
			}
			run.prev, run.cur, run.curEnd = run.cur, i, i+size
			run.n++
		case IsWordRune(r) || start >= 0 && unicode.Is(unicode.Mn, r):
			run.end(fn, extra)
			if start < 0 {
				start = i
			}
		default:
			run.end(fn, extra)
			if start >= 0 {
				fn(start, i)
				start = -1
			}
		}
		i += size
	}
	run.end(fn, extra)
	if start >= 0 {
		fn(start, len(s))
	}
}
