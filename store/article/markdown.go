package article

import (
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/broadsheet/broadsheet/store/text"
)

// ---- markdown ------------------------------------------------------------

// isMarkdownName says whether a file's extension makes it markdown.
func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// startsWithHeading says whether text opens with a "# " heading, which
// makes it markdown whatever its extension.
func startsWithHeading(s string) bool {
	first, _ := nextNonBlank(s, 0)
	return strings.HasPrefix(first, "# ")
}

// frontMatter is what an article's YAML front matter says.
type frontMatter struct {
	title, source, url, author string
	tags                       []string
	date                       time.Time
	hasDate                    bool // a date was given
	badDate                    bool // a date was given but could not be read
}

// markdownFormat is markdown, with optional YAML front matter: any file
// named .md or .markdown, or whose front matter is a YAML mapping, or that
// opens with a "# " heading. A text file may open with a "---" rule of its
// own, so front matter that is not YAML does not make a file markdown.
var markdownFormat = Format{
	Name: FormatMarkdown,
	Detect: func(in *Input) bool {
		if isMarkdownName(in.Name) || startsWithHeading(in.Text) {
			return true
		}
		raw, _, ok := splitFrontMatter(in.Text)
		if !ok {
			return false
		}
		_, ok = parseFrontMatter(raw)
		return ok
	},
	Parse: func(in *Input) ([]Article, error) {
		doc := in.Text
		raw, rest, hasFM := splitFrontMatter(doc)
		var fm frontMatter
		if hasFM {
			fm, _ = parseFrontMatter(raw)
			doc = rest // even when invalid, front matter is not body
		}
		var a Article
		parseMarkdown(&a, in, doc, fm)
		return []Article{a}, nil
	},
	Markdown: true,
}

// parseMarkdown reads markdown whose front matter, if any, has been split
// off into fm. The title comes from the front matter, else the first "# "
// heading, else the file name.
func parseMarkdown(a *Article, in *Input, s string, fm frontMatter) {
	name := in.Name
	if a.Headline, _ = cleanHeadline(fm.title); a.Headline != "" {
		s = dropRepeatedTitle(s, a.Headline)
	} else if h, rest, ok := takeHeading(s); ok {
		a.Headline, _ = cleanHeadline(h)
		s = rest
	}
	if a.Headline == "" {
		a.Headline, _ = cleanHeadline(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
		if a.Headline == "." || a.Headline == string(filepath.Separator) {
			a.Headline = ""
		}
	}
	a.Body = text.Sanitize(trimBlankLines(s))

	if fm.source != "" {
		a.Source = cleanLine(fm.source)
	} else {
		a.Source = cleanLine(fm.url)
	}
	a.Author = cleanLine(fm.author)
	for _, t := range fm.tags {
		if t = cleanLine(t); t != "" && !contains(a.Tags, t) {
			a.Tags = append(a.Tags, t)
		}
	}

	switch {
	case fm.hasDate && !fm.badDate:
		a.Date = fm.date
	case fm.badDate:
		a.fileDate(in.ModTime)
	default:
		a.Undated = true
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitFrontMatter finds front matter: a first line "---" and a later line
// "---" or "...". Without the closing line there is none, and the "---" is
// the markdown's own thematic break.
func takeHeading(s string) (title, rest string, ok bool) {
	var f fence
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		if !f.inCode(line) {
			if h, ok := headingText(line); ok {
				before, after := s[:pos], s[next:]
				if (before == "" || strings.HasSuffix(before, "\n\n")) && strings.HasPrefix(after, "\n") {
					after = after[1:] // keep one blank line where the heading was
				}
				return h, before + after, true
			}
		}
		pos = next
	}
	return "", s, false
}

// dropRepeatedTitle removes a leading level-one heading that repeats the
// front matter's title.
func dropRepeatedTitle(s, title string) string {
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		if strings.TrimSpace(line) == "" {
			pos = next
			continue
		}
		if h, ok := headingText(line); ok && strings.EqualFold(collapseSpace(h), collapseSpace(title)) {
			return s[next:]
		}
		break
	}
	return s
}

// headingText reads a level-one ATX heading line ("# Title", up to three
// spaces of indent, an optional closing run of '#'), unescaping backslash
// escapes. An empty heading is not one.
func headingText(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 2 || t[0] != '#' || (t[1] != ' ' && t[1] != '\t') {
		return "", false
	}
	t = strings.TrimSpace(t[2:])
	if u := strings.TrimRight(t, "#"); u == "" {
		t = ""
	} else if len(u) < len(t) && (u[len(u)-1] == ' ' || u[len(u)-1] == '\t') {
		t = strings.TrimSpace(u)
	}
	if t == "" {
		return "", false
	}
	return unescapeMarkdown(t), true
}

// unescapeMarkdown removes the backslash from backslash-escaped ASCII
// punctuation, as markdown does when it renders.
func unescapeMarkdown(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// fence tracks fenced code blocks while scanning markdown line by line.
type fence struct {
	marker string // the opening run of '`' or '~'; "" outside code
}

// inCode reports whether line is part of a fenced code block, fences
// included.
func (f *fence) inCode(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return f.marker != ""
	}
	if f.marker != "" {
		if strings.HasPrefix(t, f.marker) && strings.TrimSpace(strings.TrimLeft(t, f.marker[:1])) == "" {
			f.marker = ""
		}
		return true
	}
	if len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
		n := 0
		for n < len(t) && t[n] == t[0] {
			n++
		}
		if n >= 3 {
			f.marker = t[:n]
			return true
		}
	}
	return false
}

// trimBlankLines drops blank lines at the start of s (keeping the indent
// of the first real line, which may be code) and white space at its end.
func trimBlankLines(s string) string {
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		if strings.TrimSpace(line) != "" {
			s = s[pos:]
			break
		}
		pos = next
		if pos == len(s) {
			s = ""
		}
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}
