package article

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	mdtable "github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/broadsheet/broadsheet/store/text"
)

// FormatHTML is a saved web page: a browser's "Save page", SingleFile,
// monolith, a Zotero snapshot.
const FormatHTML = "html"

// maxPage is the largest saved page read whole. SingleFile and monolith
// inline every image as a data: URI, so a page of one story is often
// several megabytes; cut at MaxArticleSize its article would be lost in
// the images before it.
const maxPage = 32 << 20

// htmlFormat reads a saved web page: any .html, .htm or .xhtml file, and
// any file that opens as HTML does (a saved page renamed .txt). The
// article is found by readability, as a browser's reader view finds it,
// and its content becomes markdown; a page with no article (an index of
// links) keeps its title and its visible text.
var htmlFormat = Format{
	Name: FormatHTML,
	Claims: func(name string, head []byte) bool {
		switch strings.ToLower(path.Ext(name)) {
		case ".html", ".htm", ".xhtml":
			return true
		}
		return looksLikeHTML(head)
	},
	Parse: func(in *Input) ([]Article, error) {
		a, err := parseHTML(in)
		if err != nil {
			return nil, err
		}
		return []Article{a}, nil
	},
	MaxSize:  maxPage,
	Markdown: true,
}

// looksLikeHTML says whether a file opens as an HTML document does: after
// white space, a byte-order mark and comments, "<!doctype html", "<html",
// or an XML declaration followed by an <html> element (XHTML).
func looksLikeHTML(head []byte) bool {
	s := bytes.TrimPrefix(bytes.TrimLeft(head, " \t\r\n\f"), utf8BOM)
	xml := false
	for {
		s = bytes.TrimLeft(s, " \t\r\n\f")
		switch {
		case hasPrefixFold(s, "<!--"):
			end := bytes.Index(s, []byte("-->"))
			if end < 0 {
				return false
			}
			s = s[end+3:]
		case hasPrefixFold(s, "<?xml") && !xml:
			end := bytes.Index(s, []byte("?>"))
			if end < 0 {
				return false
			}
			s, xml = s[end+2:], true
		case hasPrefixFold(s, "<!doctype"):
			rest := bytes.TrimLeft(s[len("<!doctype"):], " \t\r\n\f")
			if !xml {
				return hasPrefixFold(rest, "html") && (len(rest) == 4 || endsName(rest[4]))
			}
			end := bytes.IndexByte(s, '>') // an XHTML doctype names a DTD
			if end < 0 {
				return false
			}
			s = s[end+1:]
		case hasPrefixFold(s, "<html"):
			return len(s) == 5 || endsName(s[5])
		default:
			return false
		}
	}
}

// hasPrefixFold is bytes.HasPrefix ignoring ASCII case.
func hasPrefixFold(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(string(s[:len(prefix)]), prefix)
}

// endsName says whether c ends a tag's or a doctype's name.
func endsName(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'
}

// parseHTML reads a saved page. The third-party parsers are not trusted
// to be free of panics on hostile pages: a panic is an error for this
// file, never a crash of the load.
func parseHTML(in *Input) (a Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = Article{}, fmt.Errorf("the page could not be read: %s", text.SanitizeLine(fmt.Sprint(r)))
		}
	}()
	page, savedFrom := stripPage(pageText(in), true)
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return Article{}, fmt.Errorf("reading the page: %w", err)
	}
	meta := pageMetaOf(doc)
	a.Source = cleanLine(pageURL(meta.canonical, meta.ogURL, savedFrom))
	base, _ := url.Parse(a.Source)

	// readability changes the tree it reads: the page's own text, for a
	// page without an article, is read from a fresh parse. Without an
	// article readability offers the whole page, or next to nothing; a
	// page that does not look like an article and whose content is mostly
	// links, or hardly any text, is read as a page.
	parser := readability.NewParser()
	readerable := parser.CheckDocument(doc)
	r, rerr := parser.ParseAndMutate(doc, base)
	var body string
	if rerr == nil && r.Node != nil && (readerable || !linkList(r.Node)) {
		body, err = toMarkdown(r.Node, a.Source)
		if err != nil {
			return Article{}, err
		}
	}
	if strings.TrimSpace(body) == "" {
		doc, err = html.Parse(bytes.NewReader(page))
		if err != nil {
			return Article{}, fmt.Errorf("reading the page: %w", err)
		}
		body, err = toMarkdown(visibleBody(doc), a.Source)
		if err != nil {
			return Article{}, err
		}
		// The page's particulars still stand; the content readability
		// chose, and so the excerpt it would take from it, do not.
		r.Node = nil
	}

	a.Headline, _ = cleanHeadline(r.Title())
	if a.Headline == "" {
		a.Headline, _ = cleanHeadline(meta.title)
	}
	if a.Headline != "" {
		body = dropRepeatedTitle(trimBlankLines(body), a.Headline)
	} else if h, rest, ok := takeHeading(body); ok {
		a.Headline, _ = cleanHeadline(h)
		body = rest
	}
	a.Body = text.Sanitize(trimBlankLines(body))
	if a.Headline == "" && a.Body != "" {
		// A page of text without a title is named by its file, as
		// markdown without a heading is.
		a.Headline, _ = cleanHeadline(strings.TrimSuffix(path.Base(in.Name), path.Ext(in.Name)))
	}
	a.Author = cleanByline(r.Byline())
	a.Site = cleanLine(r.SiteName())
	a.Excerpt = cleanExcerpt(r.Excerpt())
	if t, err := r.PublishedTime(); err == nil && t.Year() > 1 && t.Year() < 10000 {
		a.Date = wallClock(t)
	} else if t, ok := parseDate(meta.published); ok {
		a.Date = t
	} else {
		a.Undated = true
	}
	return a, nil
}

// pageText is the page as UTF-8. A file that is not UTF-8 was read as
// Windows-1252, the web's default too; one whose <meta charset> names
// another encoding (Shift JIS, ISO 8859-2) is read again in that.
func pageText(in *Input) string {
	if utf8.Valid(in.Data) {
		return in.Text
	}
	e, name, _ := charset.DetermineEncoding(in.Data[:min(len(in.Data), 1024)], "")
	if name == "windows-1252" || name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		return in.Text
	}
	b, err := e.NewDecoder().Bytes(in.Data)
	if err != nil {
		return in.Text
	}
	return string(b)
}

// toMarkdown converts an article's content to markdown for glamour:
// headings, lists, links, quotes, code and tables. Relative links are made
// absolute from the page's address, where it has one, since the page's
// own folder is not where they point.
func toMarkdown(n *html.Node, pageURL string) (string, error) {
	if n == nil {
		return "", nil
	}
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		// Lists that follow each other are parted by an HTML comment by
		// default: raw HTML, which the reader would show as written.
		commonmark.NewCommonmarkPlugin(commonmark.WithListEndComment(false)),
		mdtable.NewTablePlugin(),
	))
	var opts []converter.ConvertOptionFunc
	if pageURL != "" {
		opts = append(opts, converter.WithDomain(pageURL))
	}
	md, err := conv.ConvertNode(n, opts...)
	if err != nil {
		return "", fmt.Errorf("converting the page to markdown: %w", err)
	}
	return string(md), nil
}

// linkList says whether content is an index rather than a story: less
// than a short paragraph of text, or text that is mostly links.
func linkList(n *html.Node) bool {
	all, linked := 0, 0
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			k := len(strings.TrimSpace(n.Data))
			all += k
			if inLink {
				linked += k
			}
		}
		inLink = inLink || n.Type == html.ElementNode && n.DataAtom == atom.A
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return all < 140 || linked*2 > all
}

// pageMeta is what a page says of itself in its head.
type pageMeta struct {
	title     string // <title>
	canonical string // <link rel=canonical href>
	ogURL     string // <meta property=og:url content>
	published string // the first of the dates readability does not read
}

// dateMetas are the <meta> names, properties and itemprops that date a
// page beyond those readability reads (article:published_time, JSON-LD
// datePublished, Dublin Core's).
var dateMetas = []string{"datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publishdate",
	"publish-date", "publication_date", "sailthru.date", "article.published", "og:published_time"}

// pageMetaOf reads a page's title and addresses.
func pageMetaOf(doc *html.Node) pageMeta {
	var m pageMeta
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" {
					m.title = textOf(n)
				}
			case atom.Link:
				if m.canonical == "" && hasWord(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				if m.ogURL == "" && strings.EqualFold(attr(n, "property"), "og:url") {
					m.ogURL = strings.TrimSpace(attr(n, "content"))
				}
				if m.published == "" && isDateMeta(n) {
					m.published = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Svg, atom.Math:
				return // their <title>s are not the page's
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// isDateMeta says whether a <meta> element is one of dateMetas.
func isDateMeta(n *html.Node) bool {
	for _, k := range []string{"name", "property", "itemprop"} {
		v := strings.ToLower(strings.TrimSpace(attr(n, k)))
		for _, d := range dateMetas {
			if v == d {
				return true
			}
		}
	}
	return false
}

// pageURL is the page's address: its canonical link, else its og:url,
// else the one its saving tool noted. A relative canonical link is read
// against the others. Only web addresses count: a saved page's own
// file: address is not where the story is from.
func pageURL(canonical, ogURL, savedFrom string) string {
	var bases []*url.URL
	for _, s := range []string{ogURL, savedFrom} {
		if u, err := url.Parse(s); err == nil && isWeb(u) {
			bases = append(bases, u)
		}
	}
	if u, err := url.Parse(canonical); err == nil && canonical != "" {
		if isWeb(u) {
			return u.String()
		}
		if len(bases) > 0 && !u.IsAbs() {
			return bases[0].ResolveReference(u).String()
		}
	}
	if len(bases) > 0 {
		return bases[0].String()
	}
	return ""
}

func isWeb(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// hiddenAtoms are the elements whose text a reader does not see, or that
// are the site's rather than the page's: left out of a page's visible
// text.
var hiddenAtoms = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Iframe: true, atom.Object: true, atom.Dialog: true,
}

// visibleBody is a page's body without what a reader does not see there,
// for a page readability finds no article in.
func visibleBody(doc *html.Node) *html.Node {
	var prune func(n *html.Node)
	prune = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && (hiddenAtoms[c.DataAtom] || isHidden(c)) ||
				c.Type == html.CommentNode {
				n.RemoveChild(c)
			} else {
				prune(c)
			}
			c = next
		}
	}
	prune(doc)
	return doc
}

// isHidden says whether an element is hidden by its attributes.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasWord says whether a space-separated list (rel="canonical nofollow")
// holds word.
func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// textOf is the text within n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// cleanByline is a byline as an author: the render says "by" itself.
func cleanByline(s string) string {
	s = cleanLine(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	return truncateRunes(s, maxHeadline)
}

// maxExcerpt is how many runes of a page's summary are kept.
const maxExcerpt = 1000

func cleanExcerpt(s string) string { return truncateRunes(cleanLine(s), maxExcerpt) }

// truncateRunes cuts s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n-1 {
			return strings.TrimRight(s[:j], " ") + "…"
		}
		i++
	}
	return s
}

// ---- stripping -------------------------------------------------------------

// stripPage copies a page without what neither readability nor the reader
// needs and a saved page may hold megabytes of: data: URIs (SingleFile's
// inline images and fonts), and the bodies of scripts (JSON-LD, which
// holds the article's particulars, is kept), styles, <noscript>, SVG
// drawings and templates. On the way it notes the address a saving tool
// wrote in a comment. The page is read with the HTML tokenizer, token by
// token, so nothing is cut that is not what it seems; memory beyond the
// copy is the longest token.
//
// With skipNested false, <svg> and <template> elements are kept: a page
// whose <svg> is never closed would otherwise lose all that follows, so
// it is read again that way.
func stripPage(s string, skipNested bool) ([]byte, string) {
	z := html.NewTokenizer(strings.NewReader(s))
	out := make([]byte, 0, min(len(s), 1<<20))
	savedFrom := ""
	nested := 0       // depth within a skipped <svg> or <template>
	dropText := false // the next text is a skipped element's body
	for {
		tt := z.Next()
		drop := dropText
		dropText = false
		switch tt {
		case html.ErrorToken:
			if nested > 0 && skipNested {
				return stripPage(s, false)
			}
			return out, savedFrom
		case html.TextToken:
			if nested == 0 && !drop {
				out = append(out, z.Raw()...)
			}
		case html.CommentToken:
			if savedFrom == "" {
				savedFrom = savedFromURL(z.Text())
			}
		case html.DoctypeToken:
			out = append(out, z.Raw()...)
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := z.Raw()
			start := len(out)
			light := len(raw) <= 4<<10
			if light && nested == 0 {
				out = append(out, raw...)
			}
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipNested && (a == atom.Svg || a == atom.Template) {
				out = out[:start]
				if tt == html.StartTagToken {
					nested++
				}
				continue
			}
			if nested > 0 {
				continue
			}
			kept, ldJSON := keepAttrs(z, hasAttr)
			if kept != nil || !light {
				out = appendTag(out[:start], name, kept, tt == html.SelfClosingTagToken)
			}
			if tt == html.StartTagToken {
				switch a {
				case atom.Script:
					dropText = !ldJSON
				case atom.Style, atom.Noscript:
					dropText = true
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); skipNested && (a == atom.Svg || a == atom.Template) {
				if nested > 0 {
					nested--
				}
				continue
			}
			if nested == 0 {
				out = append(out, z.Raw()...)
			}
		}
	}
}

// maxAttr is the longest attribute value kept: no address or class is
// this long, and an inline image or font is far longer.
const maxAttr = 16 << 10

// keepAttrs reads the current tag's attributes. When any must go (a data:
// URI, or too long to be anything else) it returns those to keep, in
// order, as a non-nil list; when all stay, nil. ldJSON says the tag is a
// script of JSON-LD.
func keepAttrs(z *html.Tokenizer, hasAttr bool) (kept []html.Attribute, ldJSON bool) {
	var all []html.Attribute
	drop := false
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		key := string(k)
		if key == "type" && strings.EqualFold(strings.TrimSpace(string(v)), "application/ld+json") {
			ldJSON = true
		}
		switch {
		case len(v) > maxAttr || hasPrefixFold(bytes.TrimLeft(v, " \t\r\n\f"), "data:"):
			drop = true
			continue
		case bytes.Contains(bytes.ToLower(v), []byte("data:")) && (key == "srcset" || key == "style"):
			drop = true
			if key == "srcset" {
				continue // its entries are parted by commas, which data: URIs hold
			}
			v = cutDataURIs(v)
		}
		all = append(all, html.Attribute{Key: key, Val: string(v)})
	}
	if !drop {
		return nil, ldJSON
	}
	if all == nil {
		all = []html.Attribute{}
	}
	return all, ldJSON
}

// cutDataURIs empties each data: URI in a style ("url(data:...)").
func cutDataURIs(v []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(bytes.ToLower(v), []byte("data:"))
		if i < 0 {
			return append(out, v...)
		}
		out = append(out, v[:i]...)
		out = append(out, "data:,"...)
		v = v[i+len("data:"):]
		end := bytes.IndexAny(v, `)"'`)
		if end < 0 {
			return out
		}
		v = v[end:]
	}
}

// appendTag writes a start tag with the attributes given.
func appendTag(out, name []byte, attrs []html.Attribute, selfClosing bool) []byte {
	out = append(out, '<')
	out = append(out, name...)
	for _, a := range attrs {
		out = append(out, ' ')
		out = append(out, a.Key...)
		out = append(out, `="`...)
		out = append(out, html.EscapeString(a.Val)...)
		out = append(out, '"')
	}
	if selfClosing {
		out = append(out, '/')
	}
	return append(out, '>')
}

// savedFromURL reads the address a saving tool notes in a comment: a
// browser's "saved from url=(0042)https://..." or SingleFile's header,
// whose lines include "url: https://...".
func savedFromURL(comment []byte) string {
	s := string(comment)
	if i := strings.Index(s, "saved from url="); i >= 0 {
		rest := s[i+len("saved from url="):]
		if strings.HasPrefix(rest, "(") {
			if j := strings.IndexByte(rest, ')'); j >= 0 {
				rest = rest[j+1:]
			}
		}
		return firstField(rest)
	}
	if !strings.Contains(s, "SingleFile") {
		return ""
	}
	for _, line := range strings.Split(s, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "url:"); ok {
			return firstField(rest)
		}
	}
	return ""
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
