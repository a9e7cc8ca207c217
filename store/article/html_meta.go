package article

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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

// isWeb says whether u is a web address with a host: the only kind a
// story is from.
func isWeb(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// attr is n's attribute key, outside any namespace, or "" without it.
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

// cleanExcerpt is a page's summary as one clean line of at most
// maxExcerpt runes.
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

// firstField is s's first word: an address noted in a comment ends at
// white space.
func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
