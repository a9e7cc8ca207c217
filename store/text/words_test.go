package text

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
