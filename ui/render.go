package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// Rendering an article with glamour, for the reader and for the CLI's
// show, and the cache of renders the reader keeps.

// RenderArticle renders a as the reader pane does in a pane width cells
// wide, with the user's tags and note (either may be nil), for the CLI's
// show; with hyperlinks, its web links are OSC 8 hyperlinks.
func RenderArticle(a *article.Article, tags *state.Tags, notes *state.Notes, width int, style string, profile termenv.Profile, hyperlinks bool) (string, error) {
	md, links, _ := articleMarkdown(a, tags, notes)
	out, err := renderMarkdown(md, width, wrapFor(width), style, profile)
	return resolveMarks(out, links, hyperlinks), err
}

// articleMarkdown is a as the reader shows it: its markdown, with the
// tags the user gave it beside its own, the user's note under the
// headline, and its links numbered in the text and listed after it, as
// newsboat shows them; with those links, and its headings (the headline
// first) for the outline. The links' numbers are between the marks that
// resolveMarks turns back into brackets (and hyperlinks).
func articleMarkdown(a *article.Article, tags *state.Tags, notes *state.Notes) (string, []text.Link, []text.Heading) {
	shown := a
	if user := tags.Of(a.ID); len(user) > 0 {
		cp := *a // a stays as it was, for Related
		cp.Tags = state.JoinTags(a.Tags, user)
		shown = &cp
	}
	src := dropMarks.Replace(shown.Markdown())
	md, links := text.NumberLinksWith(src, textMark)
	return withNote(md, dropMarks.Replace(notes.Of(a.ID))) + linksMarkdown(links), links, text.Outline(src)
}

// linksMarkdown is the numbered list of links under the article, one a
// line, each URL escaped so that glamour shows it as it is written.
func linksMarkdown(links []text.Link) string {
	if len(links) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n---\n\n**Links**\n\n")
	for i, l := range links {
		fmt.Fprintf(&b, "- %s %s\n", itemMark(i+1), text.EscapeMarkdown(l.URL))
	}
	return b.String()
}

// renderCache keeps recent renders, so going back to an article is
// instant.
type renderCache struct {
	max   int
	order []renderKey
	out   map[renderKey]rendered
}

// rendered is an article as glamour drew it, with its related stories
// once they are worked out (relates).
type rendered struct {
	out     string
	related []*article.Article
	copies  int // how many of related, at its start, are copies of the story
	relates bool
	// links are the article's links as numbered in out, and outline its
	// headings, for the pickers.
	links   []text.Link
	outline []text.Heading
	file    string // the article's file, that relative links start from
}

type renderKey struct {
	id    article.ID
	width int
}

func newRenderCache(n int) *renderCache {
	return &renderCache{max: n, out: make(map[renderKey]rendered)}
}

func (c *renderCache) get(id article.ID, w int) (rendered, bool) {
	r, ok := c.out[renderKey{id, w}]
	return r, ok
}

func (c *renderCache) drop(id article.ID) {
	for k := range c.out {
		if k.id == id {
			delete(c.out, k)
		}
	}
	c.order = slices.DeleteFunc(c.order, func(k renderKey) bool { return k.id == id })
}

func (c *renderCache) put(id article.ID, w int, s rendered) {
	k := renderKey{id, w}
	if _, ok := c.out[k]; !ok {
		c.order = append(c.order, k)
	}
	c.out[k] = s
	for len(c.order) > c.max {
		delete(c.out, c.order[0])
		c.order = c.order[1:]
	}
}

// articleRenderedMsg carries glamour's output for one article at one
// width.
type articleRenderedMsg struct {
	id    article.ID
	width int
	rendered
	err error
}

// renderArticle reads a's body from disk and renders it, in the
// background, for a pane width cells wide, its web links hyperlinks with
// hyperlinks; with relates, it works out its related stories too.
func renderArticle(lib *store.Library, tags *state.Tags, notes *state.Notes, a *article.Article, width, wrap int, style string, profile colorProfile, hyperlinks, relates bool, inline int) tea.Cmd {
	id := a.ID
	return func() tea.Msg {
		full, err := lib.Open(a)
		if err != nil {
			return articleRenderedMsg{id: id, width: width, err: err}
		}
		md, links, outline := articleMarkdown(full, tags, notes)
		out, err := renderMarkdown(md, width, wrap, style, profile)
		out = resolveMarks(out, links, hyperlinks)
		r := rendered{out: out, relates: relates, links: links, outline: outline, file: full.Path}
		msg := articleRenderedMsg{id: id, width: width, rendered: r, err: err}
		if relates {
			// The related stories come with the rendering, so that the
			// screen changes once, not twice. full has its body: Related
			// reads nothing again.
			msg.related, msg.copies = relatedAndCopies(lib, full, inline)
		}
		return msg
	}
}

// maxCopiesListed is how many other copies of a story the reader lists,
// each opened by its digit with the related stories after them.
const maxCopiesListed = 4

// relatedAndCopies is what the reader lists under a: the other copies of
// its story (near-duplicates), newest first, then the related stories
// that are not copies, nine at most, and how many are copies.
func relatedAndCopies(lib *store.Library, a *article.Article, inline int) ([]*article.Article, int) {
	var copies []*article.Article
	// A large library's groups are worked out apart (prepareGroups):
	// the article does not wait a second for them, and its copies come
	// with the related stories asked for again once they are there.
	if groupsCheap(lib, inline) {
		copies = lib.CopiesOf(a)
	}
	if len(copies) > maxCopiesListed {
		copies = copies[:maxCopiesListed]
	}
	related, _ := lib.Related(a, 5+len(copies))
	out := slices.Clip(copies)
	for _, r := range related {
		if len(out) == len(copies)+5 {
			break
		}
		if !slices.ContainsFunc(copies, func(c *article.Article) bool { return c.ID == r.ID }) {
			out = append(out, r)
		}
	}
	return out, len(copies)
}

// relatedFoundMsg carries the related stories of an article rendered
// without them.
type relatedFoundMsg struct {
	id      article.ID
	related []*article.Article
	copies  int
}

// findRelated works out a's related stories in the background.
func findRelated(lib *store.Library, a *article.Article, inline int) tea.Cmd {
	return func() tea.Msg {
		related, copies := relatedAndCopies(lib, a, inline)
		return relatedFoundMsg{id: a.ID, related: related, copies: copies}
	}
}

// renderMarkdown runs glamour and makes its output safe and no wider than
// width: only colour and style sequences survive, and long lines are cut.
func renderMarkdown(md string, width, wrap int, style string, profile colorProfile) (string, error) {
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(style),
		glamour.WithWordWrap(wrap),
		glamour.WithColorProfile(profile),
	)
	if err != nil {
		return "", err
	}
	out, err := r.Render(protectHyphens(md))
	if err != nil {
		return "", err
	}
	out = hyphenStandInEscaped.Replace(out)
	out = strings.TrimRight(onlySGR(out), "\n ")
	var lines []string
	for _, l := range strings.Split(strings.TrimLeft(out, "\n"), "\n") {
		lines = append(lines, hardWrap(l, width)...)
	}
	return strings.Join(lines, "\n"), nil
}

// hardWrap breaks a line wider than width cells into lines that fit: what
// glamour's word wrap leaves too long (a URL, a long word, a code line) is
// broken across lines rather than cut. Each continuation keeps the line's
// indent and starts with the styles open at the break, since TruncateLeft
// keeps the escape sequences before it.
func hardWrap(l string, width int) []string {
	if ansi.StringWidth(l) <= width {
		return []string{l}
	}
	plain := ansi.Strip(l)
	indent := len(plain) - len(strings.TrimLeft(plain, " "))
	if indent > width/2 {
		indent = 0
	}
	pad := strings.Repeat(" ", indent)
	var out []string
	for ansi.StringWidth(l) > width {
		rest := ansi.TruncateLeft(l, width, "")
		if strings.TrimSpace(ansi.Strip(rest)) == "" || ansi.StringWidth(rest)+indent >= ansi.StringWidth(l) {
			// Only padding is past the edge, or a character too wide
			// for the pane: cutting loses nothing more.
			break
		}
		out = append(out, ansi.Truncate(l, width, ""))
		l = pad + rest
	}
	return append(out, ansi.Truncate(l, width, ""))
}

// hyphenStandIn takes the place of hyphens inside words while glamour
// wraps. Its word wrapper breaks after a hyphen but then counts the line one
// cell short, and its margin writer wraps the overflow again, leaving a
// lone word on a line of its own after every hyphenated word near a line
// end. Without the hyphen, lines break at spaces only.
const hyphenStandIn = "\uE000"

// hyphenStandInEscaped is the stand-in as glamour writes it where it
// escapes text, in link targets: it must never get there (protectHyphens
// keeps to plain text), and this undoes it if it ever does.
var hyphenStandInEscaped = strings.NewReplacer(hyphenStandIn, "-", "%EE%80%80", "-", "%ee%80%80", "-")

// protectHyphens swaps for the stand-in each hyphen between two letters or
// digits in the plain text of md: the words glamour wraps. Link targets,
// autolinks, code spans, code blocks, images and raw HTML keep theirs, since
// glamour escapes or copies them as they are, and a stand-in there would
// not come back as a hyphen. Markdown's own hyphens (list items, rules,
// tables) never stand between two such characters.
func protectHyphens(md string) string {
	if !strings.Contains(md, "-") {
		return md
	}
	src := []byte(md)
	doc := markdownParser.Parse(gmtext.NewReader(src))
	var at []int // offsets of the hyphens to swap
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.AutoLink, *ast.Image,
			*ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := n.(*ast.Text).Segment
			for i := seg.Start; i < seg.Stop; i++ {
				if src[i] != '-' {
					continue
				}
				before, _ := utf8.DecodeLastRune(src[:i])
				after, _ := utf8.DecodeRune(src[i+1:])
				if isWordChar(before) && isWordChar(after) {
					at = append(at, i)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(at) == 0 {
		return md
	}
	var b strings.Builder
	b.Grow(len(md) + 2*len(at))
	from := 0
	for _, i := range at {
		b.WriteString(md[from:i])
		b.WriteString(hyphenStandIn)
		from = i + 1
	}
	b.WriteString(md[from:])
	return b.String()
}

// markdownParser parses markdown as glamour does, with the same
// extensions, so that protectHyphens sees the text glamour will wrap.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// onlySGR keeps glamour's colour and style sequences (CSI … m) and turns
// any other escape or control character into a visible placeholder: a
// second guard, after the store's sanitiser, that no article byte reaches
// the terminal as a control.
func onlySGR(s string) string { return keepSGR(s, text.Sanitize) }

// keepSGR runs clean over the text between the SGR sequences of s,
// keeping the sequences.
func keepSGR(s string, clean func(string) string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0 // start of the text not yet written
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			continue
		}
		if j := sgrEnd(s, i); j > 0 {
			b.WriteString(clean(s[from:i]))
			b.WriteString(s[i:j])
			from = j
			i = j - 1
		}
	}
	b.WriteString(clean(s[from:]))
	return b.String()
}

// sgrEnd returns the index just past the SGR sequence at s[i], or 0 when
// s[i] does not start one.
func sgrEnd(s string, i int) int {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0
	}
	for j := i + 2; j < len(s); j++ {
		c := s[j]
		switch {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return j + 1
		default:
			return 0
		}
	}
	return 0
}
