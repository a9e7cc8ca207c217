package scan

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutPoint(t *testing.T) {
	for _, tt := range []struct {
		data string
		want int
	}{
		{"short line\nlonger second line", 29}, // the line end is too early to cut at
		{"no newline at all", 17},
		{"ends inside é"[:len("ends inside é")-1], len("ends inside ")},
		{"newline early\n" + strings.Repeat("x", 40), 54},
		{"ends whole é", len("ends whole é")},
	} {
		if got := cutPoint([]byte(tt.data)); got != tt.want {
			t.Errorf("cutPoint(%q) = %d, want %d", tt.data, got, tt.want)
		}
		if got := cutPoint([]byte(tt.data)); !utf8.Valid(bytes.TrimRight([]byte(tt.data)[:got], "\n")) && utf8.ValidString(tt.data) {
			t.Errorf("cutPoint(%q) split a character", tt.data)
		}
	}
}
