package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	tea "github.com/charmbracelet/bubbletea"
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
				if _, err := RenderArticle(a, nil, nil, 66, "dark", termenv.TrueColor, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkView is one frame of a 120 by 40 terminal: a full list beside
// the reader, filtered. A View follows every message, several a
// keystroke, so its cost is paid a few times within each keystroke's
// frames.
func BenchmarkView(b *testing.B) {
	lib := store.NewLibrary()
	for i := range 300 {
		a := benchArticle(3 << 10)
		a.Headline = fmt.Sprintf("Minister %d resigns over the ministry's handling of the talks in Doha", i)
		a.Folder = "2024/11"
		a.Date = time.Date(2024, 11, 1+i%28, 8, 0, 0, 0, time.UTC)
		a.ID = article.IDOf([]byte(a.Headline))
		lib.Add(a)
	}
	m := startModel(b, Options{Library: lib, Style: "dark", Profile: termenv.ANSI256}, 120, 40, loaded(lib))
	m = settle(b, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("min")})
	if m.list.items.Len() != 300 || !m.split {
		b.Fatalf("%d rows, split %v: want all 300 beside the reader", m.list.items.Len(), m.split)
	}
	for b.Loop() {
		_ = m.View()
	}
}
