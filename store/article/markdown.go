package article

import (
	"fmt"
	"path/filepath"
	"regexp"
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

// markdownFormat is markdown, with optional front matter (YAML, TOML or
// JSON): any file named .md or .markdown, or whose front matter is a
// mapping, or that opens with a "# " heading. A text file may open with a
// "---" rule of its own, so front matter that does not parse does not make
// a file markdown.
var markdownFormat = Format{
	Name: FormatMarkdown,
	Detect: func(in *Input) bool {
		if isMarkdownName(in.Name) || startsWithHeading(in.Text) {
			return true
		}
		raw, _, kind, ok := splitFrontMatter(in.Text)
		if !ok {
			return false
		}
		_, ok = parseFrontMatter(raw, kind)
		return ok
	},
	Parse: func(in *Input) ([]Article, error) {
		doc := in.Text
		raw, rest, kind, hasFM := splitFrontMatter(doc)
		var fm frontMatter
		if hasFM {
			fm, _ = parseFrontMatter(raw, kind)
			doc = rest // even when invalid, front matter is not body
		}
		if fm.redirect != "" && strings.TrimSpace(doc) == "" {
			return nil, fmt.Errorf("a redirect to %s, with no text of its own", text.SanitizeLine(fm.redirect))
		}
		var a Article
		parseMarkdown(&a, in, quietTemplates(doc), fm)
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
		base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		if m := jekyllName.FindStringSubmatch(base); m != nil && len(base) > len(m[0]) {
			base = base[len(m[0]):] // 2014-05-06-title: the date is not the headline
		}
		a.Headline, _ = cleanHeadline(base)
		if a.Headline == "." || a.Headline == string(filepath.Separator) {
			a.Headline = ""
		}
	}
	a.Body = text.Sanitize(trimBlankLines(s))
	a.Source = cleanLine(fm.source)
	a.Author = cleanLine(fm.author)
	a.Excerpt = cleanLine(fm.excerpt)
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
		if d, ok := dateOfPlace(in.Name, fm.path, in.Dir); ok {
			a.Date = d
		} else {
			a.Undated = true
		}
	}
}

var (
	// jekyllName is the date that starts a Jekyll post's file name.
	jekyllName = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:-|$)`)
	// datePath is a date written as folders: /2025/05/05/.
	datePath = regexp.MustCompile(`(?:^|/)(\d{4})/(\d{2})/(\d{2})(?:/|$)`)
)

// dateOfPlace dates an article with no date of its own by where it is: a
// date that starts its file name (2014-05-06-title.md), or one written as
// folders in its front matter's path or in the folders it is kept in.
func dateOfPlace(name, fmPath, dir string) (time.Time, bool) {
	try := func(m []string) (time.Time, bool) {
		if m == nil {
			return time.Time{}, false
		}
		d, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
		return d, err == nil
	}
	if d, ok := try(jekyllName.FindStringSubmatch(name)); ok {
		return d, true
	}
	if d, ok := try(datePath.FindStringSubmatch(strings.ReplaceAll(fmPath, "\\", "/"))); ok {
		return d, true
	}
	return try(datePath.FindStringSubmatch(filepath.ToSlash(dir)))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// takeHeading finds the first level-one ATX heading outside fenced code
// and returns its text and s without that line, so the reader does not
// show the headline twice.
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
