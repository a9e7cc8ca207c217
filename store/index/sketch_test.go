package index

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/text"
)

// TestTermerSketch checks that the sketch the Termer builds while it
// numbers a body's words is the sketch of the body's folded words, hashed
// as WordHash does, whatever path each word took through the table (short,
// long, not ASCII), and that the headline plays no part.
func TestTermerSketch(t *testing.T) {
	body := strings.Repeat("Die Stadtverwaltung von München und Zürich sagte am Mittwoch, "+
		"dass ÉCOLES internationalisation 東京都 reopened ", 6)
	var want dedup.Sketcher
	for _, w := range text.Words(body) {
		want.Word(WordHash(w))
	}
	tests := []struct{ name, headline, body string }{
		{"plain", "A headline", body},
		{"another headline", "Quite another headline of many more words than that", body},
		{"no headline", "", body},
	}
	x := New()
	tm := NewTermer(x)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the second time, every word is in the table
				tm.Terms(tt.headline, tt.body)
				got, wantSk := tm.Sketch(), want.Sketch()
				if got.None() || got != wantSk {
					t.Fatalf("sketch %x, want %x", got, wantSk)
				}
			}
		})
	}
	tm.Terms("A headline of many words but no body to speak of at all", "")
	if sk := tm.Sketch(); !sk.None() {
		t.Errorf("a doc of no body has sketch %x", sk)
	}
}
