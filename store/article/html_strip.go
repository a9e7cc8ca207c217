package article

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
	p := &stripper{
		z:          html.NewTokenizer(strings.NewReader(s)),
		out:        make([]byte, 0, min(len(s), 1<<20)),
		skipNested: skipNested,
	}
	for {
		tt := p.z.Next()
		drop := p.dropText
		p.dropText = false
		switch tt {
		case html.ErrorToken:
			if p.nested > 0 && skipNested {
				return stripPage(s, false)
			}
			return p.out, p.savedFrom
		case html.TextToken:
			if p.nested == 0 && !drop {
				p.out = append(p.out, p.z.Raw()...)
			}
		case html.CommentToken:
			if p.savedFrom == "" {
				p.savedFrom = savedFromURL(p.z.Text())
			}
		case html.DoctypeToken:
			p.out = append(p.out, p.z.Raw()...)
		case html.StartTagToken, html.SelfClosingTagToken:
			p.startTag(tt)
		case html.EndTagToken:
			p.endTag()
		}
	}
}

// stripper is stripPage's state between tokens, so that each kind of tag
// is handled in a method of its own.
type stripper struct {
	z          *html.Tokenizer
	out        []byte
	savedFrom  string
	skipNested bool // <svg> and <template> elements are skipped whole
	nested     int  // depth within a skipped <svg> or <template>
	dropText   bool // the next text is a skipped element's body
}

// skipsWhole says whether a is an element stripPage skips with all it
// holds, when it skips nested elements at all.
func skipsWhole(a atom.Atom) bool { return a == atom.Svg || a == atom.Template }

// startTag copies a start or self-closing tag, rewritten without the
// attributes that must go, or written afresh when too long to have been
// copied first; it enters a skipped <svg> or <template>, and marks the
// body of a script, style or <noscript> to be dropped.
func (p *stripper) startTag(tt html.TokenType) {
	raw := p.z.Raw()
	start := len(p.out)
	light := len(raw) <= 4<<10
	if light && p.nested == 0 {
		p.out = append(p.out, raw...)
	}
	name, hasAttr := p.z.TagName()
	a := atom.Lookup(name)
	if p.skipNested && skipsWhole(a) {
		p.out = p.out[:start]
		if tt == html.StartTagToken {
			p.nested++
		}
		return
	}
	if p.nested > 0 {
		return
	}
	kept, ldJSON := keepAttrs(p.z, hasAttr)
	if kept != nil || !light {
		p.out = appendTag(p.out[:start], name, kept, tt == html.SelfClosingTagToken)
	}
	if tt == html.StartTagToken {
		switch a {
		case atom.Script:
			p.dropText = !ldJSON
		case atom.Style, atom.Noscript:
			p.dropText = true
		}
	}
}

// endTag copies an end tag, unless it is within, or ends, a skipped
// <svg> or <template>.
func (p *stripper) endTag() {
	name, _ := p.z.TagName()
	if a := atom.Lookup(name); p.skipNested && skipsWhole(a) {
		if p.nested > 0 {
			p.nested--
		}
		return
	}
	if p.nested == 0 {
		p.out = append(p.out, p.z.Raw()...)
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
