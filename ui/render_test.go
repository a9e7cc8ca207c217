package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestRenderWrapsGreedily guards against glamour's hyphen bug: its word
// wrapper miscounts after a hyphen, and the overflow left one word alone on
// a line. A line may end only where the next word would not have fitted.
func TestRenderWrapsGreedily(t *testing.T) {
	para := "This sample is in broadsheet's dated plain-text format: a date on the first line, the headline on the " +
		"second, then one paragraph per line. Long-term, well-known, state-of-the-art and 2024-11-16 all have hyphens; " +
		"so do re-elected officials in the so-called swing states."
	a := &article.Article{Headline: "Hyphens", Body: para, Format: article.FormatSeed, Undated: true}
	for w := 30; w <= 120; w += 7 {
		out, err := RenderArticle(a, nil, nil, w, "dark", termenv.Ascii, false)
		if err != nil {
			t.Fatal(err)
		}
		limit := wrapFor(w) - glamourMargin
		lines := strings.Split(ansi.Strip(out), "\n")
		var body []string
		for _, l := range lines {
			if strings.Contains(l, "This sample") || len(body) > 0 {
				if strings.TrimSpace(l) == "" {
					break
				}
				body = append(body, strings.TrimSpace(l))
			}
		}
		if got := strings.Join(body, " "); got != para {
			t.Fatalf("width %d: text changed:\n%s", w, got)
		}
		for i := 0; i+1 < len(body); i++ {
			next := strings.Fields(body[i+1])[0]
			if fits := utf8.RuneCountInString(body[i]) + 1 + utf8.RuneCountInString(next); fits <= limit {
				t.Errorf("width %d: line %q broke before %q, which fits (%d <= %d)", w, body[i], next, fits, limit)
			}
		}
	}
}

// TestRenderNeverCutsText: whatever glamour leaves wider than the pane is
// broken across lines, not cut, and the hyphen stand-in never reaches a
// link, a code span or any text glamour escapes. Every word and URL of the
// source is on screen, whole, once the lines are joined.
func TestRenderNeverCutsText(t *testing.T) {
	cases := []struct {
		name, md string
		want     []string // as they must read, lines joined
	}{
		{"long url", "Read https://example.com/2024/11/a-very-long-path-name-that-keeps-going/and-going/index.html?ref=feed-top today.",
			[]string{"https://example.com/2024/11/a-very-long-path-name-that-keeps-going/and-going/index.html?ref=feed-top", "today."}},
		{"relative link", "See [the post](/blog/errors-are-values) on errors-as-values.",
			[]string{"/blog/errors-are-values", "errors-as-values."}},
		{"autolink", "Go to <https://example.com/a-b-c/d-e> now.", []string{"https://example.com/a-b-c/d-e"}},
		{"code span", "Run `go-test -run=Foo-Bar` first.", []string{"go-test-run=Foo-Bar"}},
		{"code block", "```\nbuild-step --flag=some-very-long-value-that-does-not-fit-anywhere-at-all\n```\n",
			[]string{"build-step--flag=some-very-long-value-that-does-not-fit-anywhere-at-all"}},
		{"image", "![a-chart](/img/rates-2024-q3.png)", []string{"a-chart", "/img/rates-2024-q3.png"}},
		{"reference link", "The [well-known][r] case.\n\n[r]: https://example.org/well-known-case", []string{"well-known", "https://example.org/well-known-case"}},
		{"long word", "The Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt-Verwaltung met.",
			[]string{"Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt-Verwaltung"}},
		{"wide", "東京都庁舎の展望室から見える景色は晴れた日には富士山まで続いていてとても美しいと評判です", []string{"東京都庁舎の展望室から見える景色は晴れた日には富士山まで続いていてとても美しいと評判です"}},
		// glamour lays tables out itself, its cells side by side: only
		// the width is checked.
		{"table", "| key | value |\n|-----|-------|\n| a-b | https://example.com/long-table-cell-value |\n", nil},
	}
	for _, c := range cases {
		for _, style := range []string{"dark", "notty"} {
			for _, w := range []int{20, 33, 60, 80} {
				out, err := renderMarkdown(c.md, w, wrapFor(w), style, termenv.TrueColor)
				if err != nil {
					t.Fatal(err)
				}
				plain := ansi.Strip(out)
				for i, l := range strings.Split(out, "\n") {
					if got := ansi.StringWidth(l); got > w {
						t.Errorf("%s, %s, width %d: line %d is %d cells: %q", c.name, style, w, i+1, got, ansi.Strip(l))
					}
				}
				joined := strings.Join(strings.Fields(plain), "")
				for _, want := range c.want {
					if !strings.Contains(joined, strings.Join(strings.Fields(want), "")) {
						t.Errorf("%s, %s, width %d: %q is not whole on screen:\n%s", c.name, style, w, want, plain)
					}
				}
				if strings.Contains(out, hyphenStandIn) || strings.Contains(strings.ToUpper(out), "%EE%80%80") {
					t.Errorf("%s, %s, width %d: the hyphen stand-in leaked:\n%s", c.name, style, w, plain)
				}
			}
		}
	}
}
