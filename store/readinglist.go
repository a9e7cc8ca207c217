package store

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
)

// ReadingList writes bookmarks as a markdown reading list: each headline
// a link to the article's URL (its source) or else its file, then its date,
// its source and its first sentence. Bookmarks whose article is not in lib
// are listed from what the bookmark remembers, marked missing.
func ReadingList(marks []state.Bookmark, lib *Library) string {
	var b strings.Builder
	b.WriteString("# Reading list\n\n")
	if len(marks) == 0 {
		b.WriteString("No bookmarks yet.\n")
		return b.String()
	}
	for _, bm := range marks {
		headline, date, where, source, first := bm.Headline, bm.Date, bm.Path, "", ""
		missing := true
		if a, ok := lib.Get(bm.ID); ok {
			missing = false
			headline, date, where, source = a.Headline, a.Date, a.Path, a.Source
			if a.Undated || a.DateFromFile {
				date = a.Date
			}
			if full, err := lib.Open(a); err == nil {
				first = firstSentence(full.Body)
			}
		}
		link := fileURL(where)
		if isURL(source) {
			link = source
		}
		fmt.Fprintf(&b, "- [%s](<%s>)", text.EscapeMarkdown(text.SanitizeLine(headline)), strings.NewReplacer("<", "%3C", ">", "%3E").Replace(link))
		var meta []string
		if !date.IsZero() {
			meta = append(meta, date.Format("2 January 2006"))
		}
		if source != "" {
			meta = append(meta, text.EscapeMarkdown(text.SanitizeLine(source)))
		}
		if missing {
			meta = append(meta, "missing")
		}
		if len(meta) > 0 {
			b.WriteString(" · " + strings.Join(meta, " · "))
		}
		if first != "" {
			b.WriteString("  \n  " + text.EscapeMarkdown(first))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// firstSentence is the first sentence of a body, at most 300 characters.
func firstSentence(body string) string {
	text := strings.Join(strings.Fields(text.SanitizeLine(body)), " ")
	for i, r := range text {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(text) || text[i+1] == ' ') {
			text = text[:i+1]
			break
		}
	}
	if r := []rune(text); len(r) > 300 {
		text = strings.TrimRightFunc(string(r[:299]), unicode.IsSpace) + "…"
	}
	return text
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// fileURL is a file:// URL for a path as shown to the user.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
