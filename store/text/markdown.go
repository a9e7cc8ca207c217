package text

import "strings"

// EscapeMarkdown escapes text so that markdown, as glamour renders it,
// shows it as written. Characters markdown could read as syntax are
// backslash-escaped where glamour removes the backslash again, and written
// as character references where it does not ('~', and ':' or '=' opening a
// line, which would start a definition or underline a heading). '&' is
// written "&amp;", so "&#27;" stays text. Each line loses the leading and
// trailing white space that would make it code or a hard break, so a line
// starting "- ", "1. ", "1) ", "#" or ">" stays an ordinary paragraph.
// Blank lines are kept, so paragraphs stay paragraphs.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for pos := 0; pos < len(s); {
		line, next := NextLine(s, pos)
		escapeLine(&b, strings.TrimSpace(line))
		if pos+len(line) < len(s) { // the line ended in '\n'
			b.WriteByte('\n')
		}
		pos = next
	}
	return b.String()
}

// escapeLine writes one trimmed line of EscapeMarkdown. Block markers
// ('#', '-', '+', '>', '|', '=', ':', "1." and "1)") only mean something
// at the start of a line, so only there are they escaped; inline syntax is
// escaped wherever it stands. Escaping no more than needed matters: each
// escape splits the text into another node for glamour, and its wrapping
// leaves stray short lines where nodes meet.
func escapeLine(b *strings.Builder, line string) {
	i := 0
	for i < len(line) && i < 10 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(line) && (line[i] == ')' || line[i] == '.'):
		b.WriteString(line[:i])
		b.WriteByte('\\')
		b.WriteByte(line[i])
		i++
	case strings.HasPrefix(line, ":"):
		b.WriteString("&#58;")
		i = 1
	case strings.HasPrefix(line, "="):
		b.WriteString("&#61;")
		i = 1
	case line != "" && strings.IndexByte("#-+>|", line[0]) >= 0:
		b.WriteByte('\\')
		b.WriteByte(line[0])
		i = 1
	default:
		i = 0
	}
	for ; i < len(line); i++ {
		c := line[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '.':
			// A dot inside a word ("x.com", "a@b.com") would let the
			// link extension rewrite the text as a URL.
			if i > 0 && i+1 < len(line) && isAlnum(line[i-1]) && isAlnum(line[i+1]) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '~':
			b.WriteString("&#126;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// NeutraliseEntities escapes the '&' of each character reference that
// would decode to a control character (such as "&#27;", "&#x1b;",
// "&#155;", "&Tab;") so it shows as text instead of reaching the terminal.
// glamour decodes references with Go's html package, which also takes
// them without the ';' and lets an overlong number wrap around, so those
// are caught too. Code blocks are not spared: the few references there
// show escaped, which is safer than trusting a guess at where code ends.
func NeutraliseEntities(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for ; i >= 0; i = strings.IndexByte(s, '&') {
		b.WriteString(s[:i])
		if controlReference(s[i:]) {
			b.WriteString("&amp;")
		} else {
			b.WriteByte('&')
		}
		s = s[i+1:]
	}
	b.WriteString(s)
	return b.String()
}

// controlReference reports whether s starts with a character reference
// that decodes to a control character or a bidi control, read as Go's
// html.UnescapeString reads it.
func controlReference(s string) bool {
	if strings.HasPrefix(s, "&Tab;") || strings.HasPrefix(s, "&NewLine;") {
		return true
	}
	if len(s) < 3 || s[1] != '#' {
		return false
	}
	base, i, max := int32(10), 2, 7
	if s[2] == 'x' || s[2] == 'X' {
		base, i, max = 16, 3, 6
	}
	start := i
	var v int32 // wraps like the rune html uses
	for ; i < len(s); i++ {
		d := digitValue(s[i], base)
		if d < 0 {
			break
		}
		v = v*base + d
	}
	switch n := i - start; {
	case n == 0:
		return false
	case n > max: // no real character needs so many digits
		return true
	}
	return v < 0x20 || v >= 0x7f && v <= 0x9f || IsBidiControl(rune(v))
}

func digitValue(c byte, base int32) int32 {
	switch {
	case c >= '0' && c <= '9':
		return int32(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int32(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int32(c-'A') + 10
	}
	return -1
}

// NextLine returns the line of s starting at pos, without its '\n', and
// the offset of the line after it.
func NextLine(s string, pos int) (line string, next int) {
	if i := strings.IndexByte(s[pos:], '\n'); i >= 0 {
		return s[pos : pos+i], pos + i + 1
	}
	return s[pos:], len(s)
}
