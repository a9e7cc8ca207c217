package export

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A chapter's body is the article's markdown (plain text escaped first,
// as the reader does) through goldmark in XHTML mode, raw HTML left out.
// Goldmark's output is not trusted as XML: it decodes character
// references ("&#27;" comes out as a raw ESC, "&nbsp;" as the character,
// which is fine, but XHTML knows no named entities and XML 1.0 no ESC),
// and keeps links and images to places the book does not hold. So it is
// parsed again as HTML and written out by writeNode, which knows a short
// list of elements and attributes, escapes every text, drops every
// character XML forbids, unwraps a link that is not to an absolute web or
// mail address, and shows an image as its description. Whatever an
// article's bytes hold, the chapter is well-formed XHTML.

// bodyMarkdown is the article's body as markdown: its own, or plain text
// escaped so that markdown shows it as written.
func bodyMarkdown(a *article.Article) string {
	body := text.Sanitize(a.Body)
	if f := article.Lookup(a.Format); f != nil && f.Markdown {
		return text.NeutraliseEntities(body)
	}
	return text.EscapeMarkdown(body)
}

// markdown is the one converter: GFM tables, strikethrough and bare
// links, XHTML output, raw HTML omitted (goldmark's default).
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
	goldmark.WithRendererOptions(gmhtml.WithXHTML()),
)

// bodyXHTML writes md as XHTML to b.
func bodyXHTML(b *strings.Builder, md string) error {
	var out bytes.Buffer
	if err := markdown.Convert([]byte(md), &out); err != nil {
		return err
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(&out, ctx)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		writeNode(b, n)
	}
	return nil
}

// kept are the elements a chapter's body may hold; any other is replaced
// by what it holds. void are those written as <x/>.
var (
	kept = map[atom.Atom]bool{
		atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
		atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Pre: true, atom.Code: true,
		atom.Em: true, atom.Strong: true, atom.Del: true, atom.A: true, atom.Br: true, atom.Hr: true,
		atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tr: true, atom.Th: true, atom.Td: true,
	}
	void    = map[atom.Atom]bool{atom.Br: true, atom.Hr: true}
	dropped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true}
)

func writeNode(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		escapeXML(b, n.Data)
		return
	case html.ElementNode:
	default: // comments, doctypes
		return
	}
	children := func() {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(b, c)
		}
	}
	switch {
	case dropped[n.DataAtom]:
		return
	case n.DataAtom == atom.Img:
		escapeXML(b, attr(n, "alt"))
		return
	case !kept[n.DataAtom]:
		children()
		return
	}
	var attrs string
	switch n.DataAtom {
	case atom.A:
		href, ok := webURL(attr(n, "href"))
		if !ok {
			children()
			return
		}
		attrs = ` href="` + escapedXML(href) + `"`
	case atom.Ol:
		if s := attr(n, "start"); s != "" && len(s) < 10 && strings.Trim(s, "0123456789") == "" {
			attrs = ` start="` + s + `"`
		}
	}
	b.WriteString("<" + n.Data + attrs)
	if void[n.DataAtom] {
		b.WriteString("/>")
		return
	}
	b.WriteString(">")
	children()
	b.WriteString("</" + n.Data + ">")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// webURL is s as a link a book may hold, and whether it is one: an
// absolute http, https or mailto address, written as url writes it.
// Anything else (a relative link to a file the book does not hold, a
// fragment no chapter defines, javascript:) is no link.
func webURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || !utf8.ValidString(s) || strings.ContainsAny(s, " \t\n\r") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	out := u.String()
	return out, xmlSafe(out)
}

// xmlSafe says whether s holds only characters XML 1.0 allows.
func xmlSafe(s string) bool {
	for _, r := range s {
		if !xmlChar(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// xmlChar says whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// escapeXML writes s as XML text or an attribute's value: invalid UTF-8
// and characters XML forbids become U+FFFD, and &, <, >, " and ' are
// escaped.
func escapeXML(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\r':
			b.WriteString("&#13;")
		case r == utf8.RuneError || !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// escapedXML is s as escapeXML writes it.
func escapedXML(s string) string {
	var b strings.Builder
	escapeXML(&b, s)
	return b.String()
}
