package testcorpus

import (
	"testing"
	"unicode/utf8"
)

// CheckClean fails t when s, a field of something parsed from a file, is
// not valid UTF-8 or holds a control character (a newline only where
// newlines is set): what reaches a terminal must not drive it.
func CheckClean(t testing.TB, field, s string, newlines bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", field, s)
	}
	for _, r := range s {
		if r == '\n' && newlines {
			continue
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			t.Fatalf("%s holds control %U: %q", field, r, s)
		}
	}
}
