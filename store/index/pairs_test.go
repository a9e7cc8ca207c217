package index

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/text"
)

// pairVocab mixes the Termer's paths: short ASCII words, ones of more
// than 8 bytes, words at a text's end (too near it for an 8-byte load),
// mixed case, accents composed and not, ligatures, ß, Greek and CJK.
var pairVocab = []string{"the", "The", "THE", "minister", "Minister", "internationalisation", "INTERNATIONALISATION",
	"été", "ÉTÉ", "e\u0301te\u0301", "Straße", "strasse", "İstanbul", "ﬁnal", "final", "ΣΊΣΥΦΟΣ", "σίσυφος",
	"東京都", "の", "x", "X", "2024", "don't", "Kelvin", "\u212Aelvin", "Ünïcödé-wörds"}

func randomText(rng *rand.Rand, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pairVocab[rng.IntN(len(pairVocab))]
	}
	return strings.Join(parts, []string{" ", ", ", " — ", "\n"}[rng.IntN(4)])
}

// TestPairFilterHoldsItsPairs: a filter must never turn away a pair its
// text holds, whichever way the Termer looked its words up, and words
// seen before (the Termer's table hits) must hash as they did the first
// time.
func TestPairFilterHoldsItsPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 2026))
	tm := NewTermer(New())
	for range 5000 {
		headline, body := randomText(rng, 1+rng.IntN(6)), randomText(rng, rng.IntN(40))
		tm.Terms(headline, body)
		filter := tm.Pairs()
		for _, s := range []string{headline, body} {
			words := text.Words(s)
			for i := 1; i < len(words); i++ {
				if pair := words[i-1 : i+1]; !MayHoldPairs(filter, PhrasePairs(pair, false)) {
					t.Fatalf("the filter of %q, %q turns away %q", headline, body, pair)
				}
			}
			if len(words) >= 3 && !MayHoldPairs(filter, PhrasePairs(words[len(words)-3:], false)) {
				t.Fatalf("the filter of %q, %q turns away its last three words", headline, body)
			}
		}
	}
}

// TestPairFilterTurnsAwayMost measures how often a filter lets through a
// phrase its text does not hold, on texts of news length over a large
// vocabulary: the cost pairBits was chosen for.
func TestPairFilterTurnsAwayMost(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2026))
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx", i)
	}
	tm := NewTermer(New())
	let := [3]int{} // phrases of 2, 3 and 4 words let through
	const docs, asks = 200, 200
	var size, npairs int
	for range docs {
		words := make([]string, 450)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		tm.Terms("", strings.Join(words, " "))
		filter := tm.Pairs()
		size, npairs = size+len(filter), npairs+len(words)-1
		for range asks {
			for k := range let {
				phrase := make([]string, k+2)
				for i := range phrase {
					phrase[i] = vocab[rng.IntN(len(vocab))]
				}
				if MayHoldPairs(filter, PhrasePairs(phrase, false)) {
					let[k]++
				}
			}
		}
	}
	bound := [3]float64{0.20, 0.04, 0.008}
	for k, n := range let {
		if rate := float64(n) / (docs * asks); rate > bound[k] {
			t.Errorf("%d-word phrases not held let through %.3f of the time, more than %.3f", k+2, rate, bound[k])
		}
	}
	if bytesPer := float64(size) / float64(npairs); bytesPer > pairBits/8.0+0.02 {
		t.Errorf("%.2f bytes a pair, more than pairBits says", bytesPer)
	}
	t.Logf("let through: %v of %d each, %.2f bytes a pair", let, docs*asks, float64(size)/float64(npairs))
}

func TestPairFilterEdges(t *testing.T) {
	tm := NewTermer(New())
	tm.Terms("one", "")
	if f := tm.Pairs(); len(f) != 0 {
		t.Errorf("a text of one word has a filter of %d bytes", len(f))
	}
	if !MayHoldPairs(nil, PhrasePairs([]string{"a", "b"}, false)) {
		t.Error("no filter turned a phrase away")
	}
	// The headline's last word and the body's first are not adjacent, but
	// the filter need not know; a prefix's pair is never asked.
	if got := PhrasePairs([]string{"a", "b"}, true); len(got) != 0 {
		t.Errorf("a two-word phrase ending in a prefix asks %d pairs", len(got))
	}
	if got := PhrasePairs([]string{"a", "b", "c"}, false); len(got) != 2 {
		t.Errorf("a three-word phrase asks %d pairs", len(got))
	}
}
