package ui

import (
	"testing"

	"github.com/broadsheet/broadsheet/store/query"
)

// TestFindCJK: a CJK run's overlapping bigrams are marked as one span,
// never a mark inside a mark.
func TestFindCJK(t *testing.T) {
	line := "\x1b[1m日本の首都は東京です\x1b[0m"
	for _, tt := range []struct{ q, want string }{
		{"首都", "\x1b[1m日本の" + markOn + "首都" + markOff + "は東京です\x1b[0m"},
		{"東京です", "\x1b[1m日本の首都は" + markOn + "東京です" + markOff + "\x1b[0m"},
		{"東京 首都", "\x1b[1m日本の" + markOn + "首都" + markOff + "は" + markOn + "東京" + markOff + "です\x1b[0m"},
	} {
		out, matches := highlightLines([]string{line}, query.Parse(tt.q))
		if out[0] != tt.want || len(matches) == 0 {
			t.Errorf("%q: got %q (%d matches)\nwant %q", tt.q, out[0], len(matches), tt.want)
		}
	}
}
