package export

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// benchItems are n markdown articles of about 2.5 KB, as news is.
func benchItems(n int) []Item {
	para := strings.Repeat("The talks in Doha went on into the night, with *Qatar* pressing both sides. ", 8)
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{Article: &article.Article{ID: article.IDOf(fmt.Append(nil, i)), Headline: fmt.Sprintf("Story %d about Qatar", i),
			Date: time.Date(2024, 1, 1+i%28, 12, 0, 0, 0, time.UTC), Format: article.FormatMarkdown, Source: "https://news.example/s",
			Body: para + "\n\n" + para + "\n\n" + para + "\n\n" + para}, Tags: []string{"gaza"}, Note: "a note"}
	}
	return items
}

// BenchmarkEPUB is the time of a 1,000-article book.
func BenchmarkEPUB(b *testing.B) {
	items := benchItems(1000)
	for b.Loop() {
		if err := EPUB(io.Discard, FromSlice(items), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkdown is the time of a 1,000-file folder.
func BenchmarkMarkdown(b *testing.B) {
	items := benchItems(1000)
	for b.Loop() {
		if err := Markdown(b.TempDir(), FromSlice(items), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSONL is the time of 1,000 lines.
func BenchmarkJSONL(b *testing.B) {
	items := benchItems(1000)
	for b.Loop() {
		if err := JSONL(io.Discard, FromSlice(items), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
