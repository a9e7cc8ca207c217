package article

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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

// visibleMarkdown is the visible text of a page readability finds no
// article in, as markdown. It parses page afresh, since readability has
// changed the tree it read.
func visibleMarkdown(page []byte, source string) (string, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", fmt.Errorf("reading the page: %w", err)
	}
	return toMarkdown(visibleBody(doc), source)
}
