package article

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
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
	r, body, err := pageContent(doc, page, a.Source)
	if err != nil {
		return Article{}, err
	}
	a.Headline, a.Body = headlineAndBody(r.Title(), meta.title, body, in.Name)
	a.Author = cleanByline(r.Byline())
	a.Site = cleanLine(r.SiteName())
	a.Excerpt = cleanExcerpt(r.Excerpt())
	a.Date, a.Undated = pageDate(r, meta.published)
	return a, nil
}

// pageContent finds a page's article with readability and returns it with
// its content as markdown; for a page with no article, the content is the
// page's visible text and the article's Node is nil, so that neither it
// nor the excerpt readability would take from it stand.
//
// readability changes the tree it reads: the page's own text, for a page
// without an article, is read from a fresh parse of page. Without an
// article readability offers the whole page, or next to nothing; a page
// that does not look like an article and whose content is mostly links,
// or hardly any text, is read as a page.
func pageContent(doc *html.Node, page []byte, source string) (readability.Article, string, error) {
	base, _ := url.Parse(source)
	parser := readability.NewParser()
	readerable := parser.CheckDocument(doc)
	r, rerr := parser.ParseAndMutate(doc, base)
	var body string
	var err error
	if rerr == nil && r.Node != nil && (readerable || !linkList(r.Node)) {
		body, err = toMarkdown(r.Node, source)
		if err != nil {
			return readability.Article{}, "", err
		}
	}
	if strings.TrimSpace(body) == "" {
		body, err = visibleMarkdown(page, source)
		if err != nil {
			return readability.Article{}, "", err
		}
		r.Node = nil
	}
	return r, body, nil
}

// headlineAndBody chooses a page's headline, from readability's title,
// else the page's <title>, else the content's first heading, else the
// file's name, and trims the body to match: a headline the body repeats
// at its top, or a heading taken as the headline, is not shown twice.
func headlineAndBody(title, metaTitle, body, name string) (string, string) {
	headline, _ := cleanHeadline(title)
	if headline == "" {
		headline, _ = cleanHeadline(metaTitle)
	}
	if headline != "" {
		body = dropRepeatedTitle(trimBlankLines(body), headline)
	} else if h, rest, ok := takeHeading(body); ok {
		headline, _ = cleanHeadline(h)
		body = rest
	}
	body = text.Sanitize(trimBlankLines(body))
	if headline == "" && body != "" {
		// A page of text without a title is named by its file, as
		// markdown without a heading is.
		headline, _ = cleanHeadline(strings.TrimSuffix(path.Base(name), path.Ext(name)))
	}
	return headline, body
}

// pageDate is a page's date: readability's, where it found one that a
// time.Time can hold sensibly, else the first of the page's other date
// metas that parses. undated says neither did, so the caller falls back
// on the file's time.
func pageDate(r readability.Article, published string) (date time.Time, undated bool) {
	if t, err := r.PublishedTime(); err == nil && t.Year() > 1 && t.Year() < 10000 {
		return wallClock(t), false
	}
	if t, ok := parseDate(published); ok {
		return t, false
	}
	return time.Time{}, true
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
