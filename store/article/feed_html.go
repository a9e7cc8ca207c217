package article

import (
	"fmt"
	"html"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/store/text"
)

// htmlToMarkdown turns the HTML of a feed item or a mail part into
// markdown for glamour, by the same converter as saved pages: scripts,
// styles and frames dropped, tags that markdown cannot say left out for
// their text, and text that markdown would read as syntax escaped. Text
// with no tag and no character reference (a JSON Feed's content_text, a
// plain RSS description) is plain text, kept as written, line for line.
// The result is not yet sanitised.
func htmlToMarkdown(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return text.EscapeMarkdown(s)
	}
	md, err := convertHTML(s)
	if err != nil {
		// The converter gave up: its text is still worth reading.
		return text.EscapeMarkdown(htmlText(s))
	}
	return strings.TrimSpace(md)
}

// convertHTML runs the saved pages' converter (toMarkdown), which is
// third-party code fed a file's bytes: a panic in it is an error of that
// file, not the program's.
func convertHTML(s string) (md string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the HTML converter failed: %v", p)
		}
	}()
	doc, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	return toMarkdown(doc, "")
}

// htmlText is the text of an HTML fragment without its tags, character
// references decoded, for one-line fields such as a title (an Atom title
// of type "html" is markup) and for the first sentence of a body.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(s)
	}
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>, whose text is not text
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			} else if string(name) == "br" || string(name) == "p" {
				b.WriteByte(' ')
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
		}
	}
}
