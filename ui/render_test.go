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
		out, err := RenderArticle(a, w, "dark", termenv.Ascii)
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
