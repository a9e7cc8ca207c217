package article

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/store/text"
)

// Markdown is the document the reader renders: the headline as a title, a
// line of particulars (date, reading time, author), one of where it is
// from (path, source), then the body.
// Plain-text bodies are escaped so they show exactly as written; markdown
// bodies are passed through, except for character references that would
// decode to control characters after the sanitiser has run.
func (a *Article) Markdown() string {
	var b strings.Builder
	b.Grow(len(a.Body) + len(a.Body)/8 + 256)

	b.WriteString("# ")
	b.WriteString(text.EscapeMarkdown(text.SanitizeLine(a.Headline)))
	b.WriteString("\n\n")

	// Two short lines of particulars rather than one long one: glamour
	// wraps a long emphasised line badly, and the path is what is most
	// often long.
	meta := []string{a.dateLine(), strconv.Itoa(a.ReadingMinutes()) + " min read"}
	if a.Author != "" {
		meta = append(meta, "by "+text.SanitizeLine(a.Author))
	}
	writeMeta(&b, strings.Join(meta, " · "))
	var where []string
	if a.Path != "" {
		where = append(where, text.SanitizeLine(a.Path))
	}
	if a.Site != "" {
		where = append(where, text.SanitizeLine(a.Site))
	}
	if a.Source != "" {
		where = append(where, "source: "+text.SanitizeLine(a.Source))
	}
	if len(where) > 0 {
		writeMeta(&b, strings.Join(where, " · "))
	}
	if len(a.Tags) > 0 {
		tags := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			tags[i] = text.SanitizeLine(t)
		}
		writeMeta(&b, "tags: "+strings.Join(tags, ", "))
	}

	if a.Cut {
		writeMeta(&b, fmt.Sprintf("This article was cut: the file is %s, and only its first %s are shown.",
			sizeText(a.Size), sizeText(MaxArticleSize)))
	}

	body := text.Sanitize(a.Body)
	if f := Lookup(a.Format); f != nil && f.Markdown {
		body = text.NeutraliseEntities(body)
	} else {
		body = text.EscapeMarkdown(body)
	}
	b.WriteString(body)
	if body != "" {
		b.WriteByte('\n')
	}
	return b.String()
}

// writeMeta writes one emphasised paragraph of particulars.
func writeMeta(b *strings.Builder, s string) {
	b.WriteByte('*')
	b.WriteString(text.EscapeMarkdown(s))
	b.WriteString("*\n\n")
}

// dateLine says when the article is from, and whether that is the
// article's own date or only its file's.
func (a *Article) dateLine() string {
	if a.Undated || a.Date.IsZero() {
		return "undated"
	}
	if a.DateFromFile {
		return "file date: " + a.Date.Format("Monday, 2 January 2006, 15:04")
	}
	if a.Date.Hour() == 0 && a.Date.Minute() == 0 && a.Date.Second() == 0 && a.Date.Nanosecond() == 0 {
		// A date given without a time ("2024-11-16") has no hour to show.
		return a.Date.Format("Monday, 2 January 2006")
	}
	return a.Date.Format("Monday, 2 January 2006, 15:04")
}

// sizeText says a size in bytes as people read it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
