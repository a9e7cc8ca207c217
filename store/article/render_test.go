package article

import (
	"strings"
	"testing"
	"time"
)

func TestArticleMarkdown(t *testing.T) {
	seed := Article{
		Headline: "Prices rise 5.2% - #1 story",
		Date:     time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC),
		Format:   FormatSeed,
		Body:     "- First *para*.\n\n1. Second &#27; para.",
		Words:    700,
		Path:     "seeds/000_x.txt",
	}
	want := "# Prices rise 5\\.2% - #1 story\n\n" +
		"*Saturday, 16 November 2024, 20:49 · 4 min read*\n\n" +
		"*seeds/000\\_x\\.txt*\n\n" +
		"\\- First \\*para\\*.\n\n1\\. Second &amp;#27; para.\n"
	if got := seed.Markdown(); got != want {
		t.Errorf("seed Markdown =\n%s\nwant\n%s", got, want)
	}

	md := Article{
		Headline:     "Title",
		Date:         time.Date(2025, 1, 2, 3, 4, 0, 0, time.UTC),
		DateFromFile: true,
		Format:       FormatMarkdown,
		Author:       "A_B",
		Source:       "https://example.com/a_b",
		Body:         "Some **bold** &#x1b;]52 text.",
		Path:         "a.md",
	}
	want = "# Title\n\n" +
		"*file date: Thursday, 2 January 2025, 03:04 · 1 min read · by A\\_B*\n\n" +
		"*a\\.md · source: https://example\\.com/a\\_b*\n\n" +
		"Some **bold** &amp;#x1b;]52 text.\n"
	if got := md.Markdown(); got != want {
		t.Errorf("markdown Markdown =\n%s\nwant\n%s", got, want)
	}

	site := Article{Headline: "H", Undated: true, Format: FormatJSONL, Site: "The\x1b Wire", Source: "https://w.example/1", Path: "d.jsonl"}
	if got, want := site.Markdown(), "# H\n\n*undated · 1 min read*\n\n*d\\.jsonl · The␛ Wire · source: https://w\\.example/1*\n\n"; got != want {
		t.Errorf("a dataset record's Markdown =\n%q\nwant\n%q", got, want)
	}

	undated := Article{Headline: "H\x1b", Undated: true, Format: FormatText}
	if got, want := undated.Markdown(), "# H␛\n\n*undated · 1 min read*\n\n"; got != want {
		t.Errorf("undated Markdown = %q, want %q", got, want)
	}

	dateOnly := Article{Headline: "H", Date: time.Date(2024, 11, 16, 0, 0, 0, 0, time.UTC), Format: FormatMarkdown}
	if got := dateOnly.Markdown(); !strings.Contains(got, "*Saturday, 16 November 2024 · 1 min read*") {
		t.Errorf("date without a time: %q", got)
	}
}
