package store

import (
	"strconv"
	"strings"
)

// Markdown is the document the reader renders: the headline as a title, a
// line of particulars (date, author, path, reading time), then the body.
// Plain-text bodies are escaped so they show exactly as written; markdown
// bodies are passed through, except for character references that would
// decode to control characters after the sanitiser has run.
func (a *Article) Markdown() string {
	var b strings.Builder
	b.Grow(len(a.Body) + len(a.Body)/8 + 256)

	b.WriteString("# ")
	b.WriteString(EscapeMarkdown(SanitizeLine(a.Headline)))
	b.WriteString("\n\n")

	meta := make([]string, 0, 4)
	meta = append(meta, a.dateLine())
	if a.Author != "" {
		meta = append(meta, "by "+SanitizeLine(a.Author))
	}
	if a.Path != "" {
		meta = append(meta, SanitizeLine(a.Path))
	}
	meta = append(meta, strconv.Itoa(a.ReadingMinutes())+" min read")
	writeMeta(&b, strings.Join(meta, " · "))
	if a.Source != "" {
		writeMeta(&b, "source: "+SanitizeLine(a.Source))
	}

	body := Sanitize(a.Body)
	if a.Format == FormatMarkdown {
		body = neutraliseEntities(body)
	} else {
		body = EscapeMarkdown(body)
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
	b.WriteString(EscapeMarkdown(s))
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

// EscapeMarkdown escapes text so that markdown shows it as written: every
// character markdown could read as syntax is backslash-escaped, '&' is
// written "&amp;" so "&#27;" stays text, and each line loses the leading
// and trailing white space that would make it code or a hard break, so a
// line starting "- ", "1. ", "1) ", "#", ">", ":" or "=" stays an ordinary
// paragraph. Blank lines are kept, so paragraphs stay paragraphs.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for pos := 0; pos < len(s); {
		line, next := nextLine(s, pos)
		escapeLine(&b, strings.TrimSpace(line))
		if pos+len(line) < len(s) { // the line ended in '\n'
			b.WriteByte('\n')
		}
		pos = next
	}
	return b.String()
}

// escapeLine writes one trimmed line of EscapeMarkdown.
func escapeLine(b *strings.Builder, line string) {
	i := 0
	// Digits then ')' open an ordered list; '.' is escaped below anyway.
	for i < len(line) && i < 10 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) && line[i] == ')' {
		b.WriteString(line[:i])
		b.WriteString(`\)`)
		i++
	} else {
		i = 0
		// ':' opens a definition and '=' underlines a heading, but only
		// at the start of a line.
		if len(line) > 0 && (line[0] == ':' || line[0] == '=') {
			b.WriteByte('\\')
			b.WriteByte(line[0])
			i = 1
		}
	}
	for ; i < len(line); i++ {
		c := line[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '+', '-', '.', '!', '|', '~':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
}

// neutraliseEntities escapes the '&' of each character reference that
// would decode to a control character (such as "&#27;", "&#x1b;",
// "&#155;", "&Tab;") so it shows as text instead of reaching the terminal.
// Fenced code is left alone: references are not decoded there.
func neutraliseEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	var f fence
	for pos := 0; pos < len(s); {
		line, next := nextLine(s, pos)
		if f.inCode(line) {
			b.WriteString(s[pos:next])
			pos = next
			continue
		}
		for i := 0; i < len(line); i++ {
			if line[i] == '&' && controlReference(line[i:]) {
				b.WriteString("&amp;")
				continue
			}
			b.WriteByte(line[i])
		}
		b.WriteString(s[pos+len(line) : next])
		pos = next
	}
	return b.String()
}

// controlReference reports whether s starts with a character reference
// that decodes to a control character or a bidi override.
func controlReference(s string) bool {
	if strings.HasPrefix(s, "&Tab;") || strings.HasPrefix(s, "&NewLine;") {
		return true
	}
	if len(s) < 4 || s[1] != '#' {
		return false
	}
	base, i, max := 10, 2, 7
	if s[2] == 'x' || s[2] == 'X' {
		base, i, max = 16, 3, 6
	}
	start := i
	v := 0
	for ; i < len(s) && i-start < max; i++ {
		d := digitValue(s[i], base)
		if d < 0 {
			break
		}
		v = v*base + d
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return false
	}
	return v < 0x20 || v >= 0x7f && v <= 0x9f || v == 0x202d || v == 0x202e
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
