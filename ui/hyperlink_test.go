package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestHyperlinkTarget: only web and mail links become hyperlinks, and what
// goes into the sequence is printable ASCII that cannot end it early:
// every other byte, and every character a URI may not hold, is
// percent-encoded.
func TestHyperlinkTarget(t *testing.T) {
	tests := []struct {
		url, want string
		ok        bool
	}{
		{"https://example.com/a?b=c&d=e#f", "https://example.com/a?b=c&d=e#f", true},
		{"HTTP://Example.com/", "HTTP://Example.com/", true},
		{"mailto:a@b.org", "mailto:a@b.org", true},
		{"https://en.wikipedia.org/wiki/A_(b);c,d*e'f~g", "https://en.wikipedia.org/wiki/A_(b);c,d*e'f~g", true},
		{"https://x.org/already%20encoded", "https://x.org/already%20encoded", true},
		{"https://x.org/100%", "https://x.org/100%25", true},
		{"https://x.org/%zz", "https://x.org/%25zz", true},
		{"https://x.org/a b", "https://x.org/a%20b", true},
		{`https://x.org/"q"<t>\^` + "`{|}", "https://x.org/%22q%22%3Ct%3E%5C%5E%60%7B%7C%7D", true},
		{"https://x.org/\x1b]8;;http://evil\x1b\\", "https://x.org/%1B]8;;http://evil%1B%5C", true},
		{"https://x.org/\x07bel", "https://x.org/%07bel", true},
		{"https://x.org/\x9cst", "https://x.org/%9Cst", true},
		{"https://x.org/\u009cst", "https://x.org/%C2%9Cst", true},
		{"https://x.org/\x7f", "https://x.org/%7F", true},
		{"https://x.org/café", "https://x.org/caf%C3%A9", true},
		{"https://x.org/␛", "https://x.org/%E2%90%9B", true},
		{"file:///etc/passwd", "", false},
		{"javascript:alert(1)", "", false},
		{"other.md", "", false},
		{"../notes/b.md", "", false},
		{"https://", "", false},
		{"mailto:", "", false},
		{"", "", false},
		{" https://x.org", "", false},
		{"https://x.org/" + strings.Repeat("a", maxHyperlink), "", false},
	}
	for _, tt := range tests {
		got, ok := hyperlinkTarget(tt.url)
		if got != tt.want || ok != tt.ok {
			t.Errorf("hyperlinkTarget(%q) = %q, %v; want %q, %v", tt.url, got, ok, tt.want, tt.ok)
		}
		for i := 0; i < len(got); i++ {
			if c := got[i]; c <= 0x20 || c >= 0x7f {
				t.Errorf("hyperlinkTarget(%q) holds byte %#x", tt.url, c)
			}
		}
	}
}

// oscSequences is every OSC sequence in s, in order, and the first escape
// in s that is neither an SGR sequence nor one of those.
func oscSequences(s string) (osc []string, bad string) {
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			continue
		}
		if j := sgrEnd(s, i); j > 0 {
			i = j - 1
			continue
		}
		if j := hyperlinkEnd(s, i); j > 0 {
			osc = append(osc, s[i:j])
			i = j - 1
			continue
		}
		if bad == "" {
			bad = s[i:min(len(s), i+16)]
		}
	}
	return osc, bad
}

// hostileLinks is an article whose links include one to a URL full of
// what must never reach a terminal raw, and whose text holds an OSC 8
// sequence of its own and the reader's private marks.
var hostileLinks = &article.Article{
	Headline: "Links", Undated: true, Format: article.FormatMarkdown,
	Body: "Read [the report](https://example.com/r?a=1&b=2), [a note](other.md) and <someone@example.org>.\n\n" +
		"Then [this](<https://x.org/a b\"c'\x1b]8;;\x07\x9cé>) and [long](https://example.com/" + strings.Repeat("very-long-path/", 8) + "end).\n\n" +
		"A literal \x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\ and marks \uE0011\uE002 \uE0031\uE004.\n",
}

// TestRenderHyperlinks: with hyperlinks on, each web link's number in the
// text and its line in the Links list are OSC 8 hyperlinks to its URL,
// percent-encoded, and nothing else is; a relative link is not one. An
// OSC 8 sequence in the article's text is shown, inert, and the
// article's own marks make no hyperlink. Off, there is no OSC at all, and
// the text on screen is the same either way.
func TestRenderHyperlinks(t *testing.T) {
	const (
		report = "https://example.com/r?a=1&b=2"
		mail   = "mailto:someone@example.org"
		// ESC, BEL and the stray byte were made visible (␛, ␇, U+FFFD)
		// by the store's sanitiser before the link was read.
		hostile = "https://x.org/a%20b%22c'%E2%90%9B]8;;%E2%90%87%EF%BF%BD%C3%A9"
	)
	long := "https://example.com/" + strings.Repeat("very-long-path/", 8) + "end"
	for _, w := range []int{40, 80, 120} {
		on, err := RenderArticle(hostileLinks, nil, nil, w, "dark", termenv.TrueColor, true)
		if err != nil {
			t.Fatal(err)
		}
		off, err := RenderArticle(hostileLinks, nil, nil, w, "dark", termenv.TrueColor, false)
		if err != nil {
			t.Fatal(err)
		}
		if ansi.Strip(on) != ansi.Strip(off) {
			t.Errorf("width %d: the text differs with hyperlinks:\n%s\n---\n%s", w, ansi.Strip(on), ansi.Strip(off))
		}
		if osc, bad := oscSequences(off); len(osc) > 0 || bad != "" {
			t.Errorf("width %d: hyperlinks off, yet %q and %q", w, osc, bad)
		}
		full := on
		osc, bad := oscSequences(on)
		if bad != "" {
			t.Errorf("width %d: %q in the output", w, bad)
		}
		// Each hyperlink is an open, its text, a close; link n's pieces
		// are its number in the text, then its line in the Links list and
		// the lines its URL wraps onto.
		pieces := map[string][]string{}
		for k := 0; k+1 < len(osc); k += 2 {
			if osc[k+1] != "\x1b]8;;\a" {
				t.Fatalf("width %d: %q follows %q, want the close", w, osc[k+1], osc[k])
			}
			from := strings.Index(on, osc[k]) + len(osc[k])
			to := from + strings.Index(on[from:], osc[k+1])
			pieces[osc[k]] = append(pieces[osc[k]], ansi.Strip(on[from:to]))
			on = on[to:]
		}
		if len(osc)%2 != 0 {
			t.Errorf("width %d: %d sequences, not pairs", w, len(osc))
		}
		open := func(n int, url string) string { return "\x1b]8;id=broadsheet-" + strconv.Itoa(n) + ";" + url + "\a" }
		want := map[string]string{ // what each link's pieces read
			open(1, report):  "[1] | [1] " + report,
			open(3, mail):    "[3] | [3] " + mail,
			open(4, hostile): "[4] | [4] https://x.org/a b\"c'␛]8;;␇\uFFFDé",
			open(5, long):    "[5] | [5] " + long,
		}
		for seq, text := range want {
			got := pieces[seq]
			if len(got) < 2 {
				t.Errorf("width %d: %q has pieces %q", w, seq, got)
				continue
			}
			// Wrapped lines lose the spaces they broke at.
			joined := got[0] + " | " + strings.Join(got[1:], "")
			if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(text, " ", "") {
				t.Errorf("width %d: %q reads %q, want %q", w, seq, got, text)
			}
		}
		for seq := range pieces {
			if _, ok := want[seq]; !ok {
				t.Errorf("width %d: unexpected hyperlink %q", w, seq)
			}
		}
		plain := ansi.Strip(off)
		for _, s := range []string{"␛]8;;http://evil␛\\click␛]8;;␛\\", "the report[1]", "a note[2]", "[2] other.md", "marks \uFFFD1\uFFFD \uFFFD1\uFFFD."} {
			if !strings.Contains(strings.ReplaceAll(plain, "\n", " "), s) && !strings.Contains(plain, s) {
				t.Errorf("width %d: %q not shown as it is", w, s)
			}
		}
		for _, l := range strings.Split(full, "\n") {
			if got := ansi.StringWidth(l); got > w {
				t.Errorf("width %d: line %d cells wide: %q", w, got, ansi.Strip(l))
			}
		}
	}
}

// TestResolveMarks: marks become brackets, hyperlinked only for a web
// link with hyperlinks on; a mark a cut split, or around a number that is
// no link, is just its brackets; the Links list's hyperlink runs from the
// number to the end of the URL, on each line it wraps onto.
func TestResolveMarks(t *testing.T) {
	links := []text.Link{{Text: "r", URL: "https://r.org/x y"}, {Text: "n", URL: "note.md"}}
	o := func(n int, url string) string { return "\x1b]8;id=broadsheet-" + strconv.Itoa(n) + ";" + url + "\a" }
	const c = "\x1b]8;;\a"
	m, i := textMark, itemMark
	tests := []struct {
		name, in string
		on       bool
		want     string
	}{
		{"off", "a" + m(1) + " b" + m(2), false, "a[1] b[2]"},
		{"web link", "a" + m(1) + " b" + m(2), true, "a" + o(1, "https://r.org/x%20y") + "[1]" + c + " b[2]"},
		{"styled", "\x1b[1ma" + m(1) + "\x1b[0m", true, "\x1b[1ma" + o(1, "https://r.org/x%20y") + "[1]" + c + "\x1b[0m"},
		{"no such link", "a" + m(3) + " " + m(0), true, "a[3] [0]"},
		{"split by a cut", "a\uE0011\n2\uE002 b", true, "a[1\n2] b"},
		{"not a number", "\uE001x\uE002", true, "[x]"},
		{"list", "  • " + i(1) + " https://r.org/x\n    \x1b[4my\x1b[0m  \n  • " + i(2) + " note.md\n    more", true,
			"  • " + o(1, "https://r.org/x%20y") + "[1] https://r.org/x" + c + "\n    \x1b[4m" + o(1, "https://r.org/x%20y") + "y" + c + "\x1b[0m  \n  • [2] note.md\n    more"},
		{"list off", "  • " + i(1) + " https://r.org/x\n    y", false, "  • [1] https://r.org/x\n    y"},
	}
	for _, tt := range tests {
		if got := resolveMarks(tt.in, links, tt.on); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
