package article

import (
	"html"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/broadsheet/broadsheet/store/text"
)

// ---- plain text ----------------------------------------------------------

// seedFormat is the canonical format: a date line, a headline line, then
// one paragraph per line.
var seedFormat = Format{
	Name: FormatSeed,
	Detect: func(in *Input) bool {
		_, ok := in.leadingDate()
		return ok
	},
	Parse: func(in *Input) ([]Article, error) { return parsePlain(in, true), nil },
}

// textFormat is headline-first text: a headline, then paragraphs separated
// by blank lines, dated by its file. It reads anything that is text.
var textFormat = Format{
	Name:   FormatText,
	Detect: func(*Input) bool { return true },
	Parse:  func(in *Input) ([]Article, error) { return parsePlain(in, false), nil },
}

// parsePlain reads the seed format (a date line, a headline line, one
// paragraph per line) or headline-first text (a headline, then paragraphs
// separated by blank lines).
func parsePlain(in *Input, seed bool) []Article {
	var a Article
	s := in.Text
	first, pos := nextNonBlank(s, 0)
	if seed {
		a.Date, _ = in.leadingDate()
		first, pos = nextNonBlank(s, pos)
	} else {
		a.fileDate(in.ModTime)
	}
	if first == "" {
		return nil // empty, or only a date: no headline
	}

	b := in.buffer(len(s) - pos)
	// Text from datasets and scrapes carries HTML's character references
	// ("&#163;1.8m"): they are read as the characters they stand for.
	headline, overflow := cleanHeadline(unescape(first))
	a.Headline = headline
	if overflow {
		// A first line too long to be a headline is the start of the
		// text: keep all of it in the body rather than lose it.
		b = append(b, strings.TrimSpace(first)...)
	}
	inPara := false // headline-first text: within a paragraph
	for pos < len(s) {
		line, next := text.NextLine(s, pos)
		pos = next
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			inPara = false
		case inPara && !seed:
			b = append(append(b, ' '), t...)
		default:
			if len(b) > 0 {
				b = append(b, "\n\n"...)
			}
			b = append(b, t...)
			inPara = true
		}
	}
	a.Body = text.Sanitize(unescape(in.text(b)))
	return []Article{a}
}

// buffer returns an empty buffer of at least n bytes to build a text in:
// the scratch buffer, when there is one.
func (in *Input) buffer(n int) []byte {
	if in.scratch == nil || cap(*in.scratch) < n {
		return make([]byte, 0, n)
	}
	return (*in.scratch)[:0]
}

// text is the text built in b, which buffer gave, seen as a string, as
// strings.Builder does: b is then kept as the scratch buffer, when there
// is one, and else no one else has it.
func (in *Input) text(b []byte) string {
	if in.scratch != nil {
		*in.scratch = b
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// leadingDate is the date that the text's first line that is not blank
// holds, if it is one: read once, since the seed format's Detect and its
// Parse both ask.
func (in *Input) leadingDate() (time.Time, bool) {
	if !in.lead.read {
		first, _ := nextNonBlank(in.Text, 0)
		in.lead.date, in.lead.ok = parseDate(first)
		in.lead.read = true
	}
	return in.lead.date, in.lead.ok
}

// nextNonBlank returns the first line at or after pos that is not blank,
// trimmed, and the offset of the line after it; "" at the end of s.
func nextNonBlank(s string, pos int) (string, int) {
	for pos < len(s) {
		line, next := text.NextLine(s, pos)
		if t := strings.TrimSpace(line); t != "" {
			return t, next
		}
		pos = next
	}
	return "", len(s)
}

// cleanHeadline makes a headline one tidy line of at most maxHeadline
// runes; overflow says it was cut.
func cleanHeadline(s string) (string, bool) {
	s = collapseSpace(text.SanitizeLine(s))
	if utf8.RuneCountInString(s) <= maxHeadline {
		return s, false
	}
	n := 0
	for i := range s {
		if n == maxHeadline-1 {
			return strings.TrimRight(s[:i], " ") + "…", true
		}
		n++
	}
	return s, true // not reached
}

// cleanLine makes a one-line field such as an author or a tag tidy.
func cleanLine(s string) string { return collapseSpace(text.SanitizeLine(s)) }

// collapseSpace trims s and turns each run of white space into one space.
// s must be valid UTF-8.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true // so a leading space counts as a change
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && (!prevSpace || s == "") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unescape decodes HTML character references, without allocating for text
// that has none.
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}
