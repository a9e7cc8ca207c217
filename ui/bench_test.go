package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/muesli/termenv"
)

// benchArticle is a seed-format article of about size bytes.
func benchArticle(size int) *article.Article {
	para := "The talks in Doha resumed on Monday after a week of pressure from Washington, with mediators " +
		"from Qatar and Egypt carrying proposals between the two sides; officials said a short-term ceasefire " +
		"and the release of hostages were again on the table, though neither side would confirm details."
	var b strings.Builder
	for b.Len() < size {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(para)
	}
	return &article.Article{Headline: "Talks resume in Doha", Body: b.String(), Format: article.FormatSeed,
		Path: "news/2024/11/doha.txt", Words: b.Len() / 6}
}

// BenchmarkRender is opening an article in the reader: glamour at a
// 120-column terminal's reader width, for a typical 3 KB article and a
// 200 KB one (which renders in the background behind "Rendering…").
func BenchmarkRender(b *testing.B) {
	for _, size := range []int{3 << 10, 200 << 10} {
		a := benchArticle(size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			for b.Loop() {
				if _, err := RenderArticle(a, 66, "dark", termenv.TrueColor); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
