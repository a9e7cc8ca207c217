package text

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// Link is one link of an article's markdown: what it says and where it
// goes, both sanitised (SanitizeLine), since both are the article's bytes.
type Link struct {
	Text string
	URL  string
}

// Heading is one heading of an article's markdown, for its outline.
type Heading struct {
	Level int // 1 for "#", up to 6
	Text  string
}

// mdParser parses markdown as glamour does (GFM, definition lists), so
// that the links and headings found here are the ones it draws.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()

// Links is md's links in reading order, one per URL: a URL linked twice
// keeps the text of its first link. Images are not links; a link whose
// URL is empty is left out.
func Links(md string) []Link {
	_, links := NumberLinks(md)
	return links
}

// NumberLinks is md with each link written as its text followed by its
// number in brackets, as newsboat shows them ("the report[2]"), and the
// links so numbered (Links). An autolink keeps its URL in the text and
// gains its number after it. A link whose extent cannot be found in the
// source (a link around an image, one with no text) stays as it was,
// and is still listed and numbered.
func NumberLinks(md string) (string, []Link) {
	return NumberLinksWith(md, func(n int) string { return `\[` + strconv.Itoa(n) + `\]` })
}

// NumberLinksWith is NumberLinks with mark(n) as the markdown written
// after the text of link n in place of "\[n\]": the reader writes a mark
// it can find again in glamour's output, to make it a hyperlink.
func NumberLinksWith(md string, mark func(n int) string) (string, []Link) {
	src := []byte(md)
	doc := mdParser.Parse(gmtext.NewReader(src))
	var links []Link
	num := map[string]int{} // URL to its number, from 1
	type edit struct {
		from, to int    // the bytes replaced
		with     string // what replaces them
	}
	var edits []edit
	add := func(text, url string) int {
		url = SanitizeLine(strings.TrimSpace(url))
		if url == "" {
			return 0
		}
		if n, ok := num[url]; ok {
			return n
		}
		links = append(links, Link{Text: SanitizeLine(strings.Join(strings.Fields(text), " ")), URL: url})
		num[url] = len(links)
		return len(links)
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			k := add(plainText(n, src), string(n.Destination))
			if k == 0 {
				return ast.WalkSkipChildren, nil
			}
			if from, inner, to, ok := linkExtent(n, src); ok {
				edits = append(edits, edit{from, to, md[from+1:inner] + mark(k)})
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			url := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			k := add(string(n.Label(src)), url)
			if k == 0 {
				return ast.WalkSkipChildren, nil
			}
			if at, ok := autoLinkEnd(n, src); ok {
				edits = append(edits, edit{at, at, mark(k)})
			}
		}
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return md, links
	}
	var b strings.Builder
	b.Grow(len(md) + 6*len(edits))
	from := 0
	for _, e := range edits { // the walk meets them in source order
		if e.from < from {
			continue
		}
		b.WriteString(md[from:e.from])
		b.WriteString(e.with)
		from = e.to
	}
	b.WriteString(md[from:])
	return b.String(), links
}

// Outline is md's headings in order, their text as plain text.
func Outline(md string) []Heading {
	src := []byte(md)
	doc := mdParser.Parse(gmtext.NewReader(src))
	var out []Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if t := SanitizeLine(strings.Join(strings.Fields(plainText(h, src)), " ")); t != "" {
				out = append(out, Heading{Level: h.Level, Text: t})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// plainText is the text under n, without its markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// textBounds is where the first and last text under n start and stop in
// src, or ok false when n holds no text of the source.
func textBounds(n ast.Node) (first, last int, ok bool) {
	first, last = -1, -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, is := c.(*ast.Text); is && entering {
			if first < 0 {
				first = t.Segment.Start
			}
			last = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	return first, last, first >= 0
}

// linkExtent is where the link n is in src: the '[' that opens it, the
// ']' that closes its text, and the byte after its destination (or
// reference). ok is false when the source does not read as expected, and
// the link is then best left as it is.
func linkExtent(n *ast.Link, src []byte) (from, inner, to int, ok bool) {
	if _, img := n.FirstChild().(*ast.Image); img {
		return 0, 0, 0, false
	}
	first, last, ok := textBounds(n)
	if !ok {
		return 0, 0, 0, false
	}
	from = first - 1
	for from >= 0 && src[from] != '[' {
		if !strings.ContainsRune("*_`~ ", rune(src[from])) {
			return 0, 0, 0, false
		}
		from--
	}
	if from < 0 || from > 0 && src[from-1] == '\\' {
		return 0, 0, 0, false
	}
	inner = last
	for inner < len(src) && src[inner] != ']' {
		if !strings.ContainsRune("*_`~ ", rune(src[inner])) {
			return 0, 0, 0, false
		}
		inner++
	}
	if inner >= len(src) {
		return 0, 0, 0, false
	}
	to = inner + 1
	switch {
	case to < len(src) && src[to] == '(':
		end, found := closeParen(src, to)
		if !found {
			return 0, 0, 0, false
		}
		to = end
	case to < len(src) && src[to] == '[':
		end := strings.IndexByte(string(src[to:]), ']')
		if end < 0 {
			return 0, 0, 0, false
		}
		to += end + 1
	}
	return from, inner, to, true
}

// closeParen is the byte after the ')' that ends the inline destination
// and title opened at src[open] == '(': nested parentheses, a <...>
// destination, quoted titles and backslash escapes are skipped over.
func closeParen(src []byte, open int) (int, bool) {
	depth := 0
	var quote byte
	for i := open; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '<' && i == open+1:
			j := strings.IndexByte(string(src[i:]), '>')
			if j < 0 {
				return 0, false
			}
			i += j
		case (c == '"' || c == '\'') && i > open && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		case c == '\n' && i+1 < len(src) && src[i+1] == '\n':
			return 0, false
		}
	}
	return 0, false
}

// autoLinkEnd is the byte after the autolink n in src: past its '>' for
// one written <...>, past its text for one the link extension found.
func autoLinkEnd(n *ast.AutoLink, src []byte) (int, bool) {
	label := n.Label(src)
	// Label is a slice of src: where it ends in src follows from how much
	// of src's capacity is left after it.
	if len(label) == 0 || cap(label) > cap(src) {
		return 0, false
	}
	end := cap(src) - cap(label) + len(label)
	if end > len(src) || string(src[end-len(label):end]) != string(label) {
		return 0, false
	}
	if end < len(src) && src[end] == '>' {
		end++
	}
	return end, true
}
