package text

import (
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want, wantLine string
	}{
		{"plain", "Hello, world", "Hello, world", "Hello, world"},
		{"unicode", "Café £600m — München 東京 שלום", "Café £600m — München 東京 שלום", "Café £600m — München 東京 שלום"},
		{"newline", "a\nb", "a\nb", "a b"},
		{"CR", "a\r\nb\rc", "a␍\nb␍c", "a  b c"},
		{"tab", "a\tb", "a    b", "a b"},
		{"ESC CSI", "\x1b[31mred\x1b[0m", "␛[31mred␛[0m", "␛[31mred␛[0m"},
		{"clear screen", "\x1b[2J\x1b[H", "␛[2J␛[H", "␛[2J␛[H"},
		{"OSC 52", "\x1b]52;c;aGVsbG8=\x07", "␛]52;c;aGVsbG8=␇", "␛]52;c;aGVsbG8=␇"},
		{"OSC 8 link", "\x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\", "␛]8;;http://x␛\\text␛]8;;␛\\", "␛]8;;http://x␛\\text␛]8;;␛\\"},
		{"DCS", "\x1bP1$r\x1b\\", "␛P1$r␛\\", "␛P1$r␛\\"},
		{"C1 CSI", "\u009b2J", "\uFFFD2J", "\uFFFD2J"},
		{"C1 OSC and ST", "\u009d0;title\u009c", "\uFFFD0;title\uFFFD", "\uFFFD0;title\uFFFD"},
		{"NEL", "a\u0085b", "a\uFFFDb", "a\uFFFDb"},
		{"BEL", "ding\a", "ding␇", "ding␇"},
		{"backspace", "abc\b\b\bxyz", "abc␈␈␈xyz", "abc␈␈␈xyz"},
		{"NUL", "a\x00b", "a␀b", "a␀b"},
		{"DEL", "a\x7fb", "a␡b", "a␡b"},
		{"unit separator", "\x1f", "␟", "␟"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD", "a\uFFFDb\uFFFD"},
		{"encoded surrogate", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD"},
		{"real U+FFFD kept", "\uFFFD", "\uFFFD", "\uFFFD"},
		{"bidi override", "abc\u202egnp.exe", "abc\uFFFDgnp.exe", "abc\uFFFDgnp.exe"},
		{"bidi LRO", "\u202dx", "\uFFFDx", "\uFFFDx"},
		{"bidi embeddings", "\u202aa\u202bb\u202cc", "\uFFFDa\uFFFDb\uFFFDc", "\uFFFDa\uFFFDb\uFFFDc"},
		{"bidi isolates", "\u2066a\u2067שלום\u2068b\u2069", "\uFFFDa\uFFFDשלום\uFFFDb\uFFFD", "\uFFFDa\uFFFDשלום\uFFFDb\uFFFD"},
		{"bidi marks kept", "שלום \u200f\u200e", "שלום \u200f\u200e", "שלום \u200f\u200e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := SanitizeLine(tt.in); got != tt.wantLine {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.wantLine)
			}
		})
	}
}

func TestSanitizeDoesNotAllocateWhenClean(t *testing.T) {
	s := "A clean line — with UTF-8 ✓\nand a second line"
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize allocated %v times", n)
	}
	line := "A clean headline — ✓"
	if n := testing.AllocsPerRun(100, func() { _ = SanitizeLine(line) }); n != 0 {
		t.Errorf("SanitizeLine allocated %v times", n)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "a\nb\r\n", "\t", "\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1bP1$r\x1b\\",
		"\u009b", "\u0085", "\x7f", "\xff", "\xc2", "\xed\xa0\x80", "\u202e", "\u2067", "\U0010FFFF",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range []bool{false, true} {
			out := sanitize(s, line)
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 from %q: %q", s, out)
			}
			for _, r := range out {
				if r == '\n' && !line {
					continue
				}
				if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || IsBidiControl(r) {
					t.Fatalf("control %U survived in %q (line %v)", r, out, line)
				}
			}
			if sanitize(out, line) != out {
				t.Fatalf("not idempotent on %q", s)
			}
		}
	})
}

// TestPrintableASCII8: the eight-bytes-at-a-time test agrees with
// firstUnsafe's byte at a time on every byte in every position.
func TestPrintableASCII8(t *testing.T) {
	for c := range 256 {
		for pos := range 8 {
			x := uint64(0x6161616161616161)&^(0xff<<(8*pos)) | uint64(c)<<(8*pos)
			if got, want := printableASCII8(x), c >= 0x20 && c < 0x7f; got != want {
				t.Fatalf("byte %#x at %d: %v, want %v", c, pos, got, want)
			}
		}
	}
}

// FuzzFirstUnsafe: firstUnsafe, which passes over printable ASCII eight
// bytes at a time, finds what a loop over the runes finds.
func FuzzFirstUnsafe(f *testing.F) {
	for _, s := range []string{"", "plain ascii text, long enough to skip", "two\nlines of text here", "tab\there and more text",
		"0123456789abcdef\x1b[2J", "Zürich and more ascii", "bidi \u202e here after text", "\x80bad", "text with DEL \x7f in it"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range []bool{false, true} {
			if got, want := firstUnsafe(s, line), refFirstUnsafe(s, line); got != want {
				t.Fatalf("%q, line %v: %d, want %d", s, line, got, want)
			}
		}
	})
}

// refFirstUnsafe is firstUnsafe a byte or a rune at a time.
func refFirstUnsafe(s string, line bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && (line || c != '\n') {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			return i
		}
		i += size
	}
	return -1
}
