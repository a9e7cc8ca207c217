package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/broadsheet/broadsheet/store/text"
)

// Query is a parsed filter, shared by the reader's filter and the CLI's
// list --filter. Its language:
//
//	qatar hostage     every word, in the headline or the body, as a whole word
//	"hostage deal"    a phrase: the words adjacent, in order
//	-war  -"a b"      exclude
//	title:qatar       in the headline alone (title:"a phrase" too)
//	in:2024/11        in a folder below an argument
//	after:2024-11-01  before:2024-12  on:2024-11-16   by the article's own date,
//	                  inclusive; a year or a month stand for all of it
//	is:bookmarked  is:unread
//	tag:gaza  tag:"middle east"   a tag, whole
//	author:smith      words of the author's name
//	note:ask  note:"ask doha"    words of the note the user wrote on it
//	site:bbc.co.uk  site:bbc     the URL's domain (or a label of it), or
//	                  words of the site's name
//	a OR b            either; ( ) group
//
// Case and accents never matter. The last word of the query also matches
// as the start of a word, since it may still be being typed, when it is a
// plain word, a title: word or in an unclosed phrase, and not itself
// written with a "-". What does not parse is left out and listed in
// Ignored, never an error.
type Query struct {
	// Words are the folded words the query looks for, for highlighting.
	Words []string
	Raw   string
	// Ignored lists the parts of Raw that were not understood.
	Ignored []string
	root    *node
}

type nodeKind int

const (
	nWords  nodeKind = iota // all of words, anywhere (or in the title)
	nPhrase                 // words adjacent, in the body or in the title
	nFolder
	nField // tag:, author: or site:
	nDate
	nIs
	nNot
	nAnd
	nOr
)

// node is one part of a query.
type node struct {
	kind   nodeKind
	words  []string // folded
	prefix bool     // the last word may be the start of a longer one
	title  bool     // in the headline alone
	folder string   // folded, with slashes
	from   time.Time
	to     time.Time // exclusive
	is     string
	field  string // of nField: "tag", "author", "site" or "note"
	value  string // of nField: folded
	kids   []*node
}

// Parse reads what the user typed.
func Parse(s string) Query {
	p := &queryParser{toks: lexQuery(s)}
	q := Query{Raw: s}
	q.root = p.or()
	for p.pos < len(p.toks) { // a stray ")"
		p.ignore(p.toks[p.pos].text)
		p.pos++
		p.lastWordTok = nil
		if n := p.or(); n != nil {
			q.root = joinAnd(q.root, n)
		}
	}
	q.Ignored = p.ignored
	markPrefix(q.root, p.lastWordTok)
	q.Words = positiveWords(q.root, false)
	return q
}

// Empty says whether the query matches everything.
func (q Query) Empty() bool { return q.root == nil }

type queryParser struct {
	toks        []token
	pos         int
	ignored     []string
	lastWordTok *node // the node holding the query's last typed word
}

func (p *queryParser) ignore(what string) { p.ignored = append(p.ignored, what) }

// or := and ("OR" and)*
func (p *queryParser) or() *node {
	var alts []*node
	left := p.and()
	for p.pos < len(p.toks) && p.toks[p.pos].kind == '|' {
		p.pos++
		right := p.and()
		switch {
		case left == nil && right == nil:
		case left == nil:
			left = right
		case right == nil:
		default:
			alts = append(alts, left)
			left = right
		}
	}
	if len(alts) == 0 {
		return left
	}
	return &node{kind: nOr, kids: append(alts, left)}
}

// and := unary*, up to ")" or OR
func (p *queryParser) and() *node {
	var n *node
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		if t.kind == ')' || t.kind == '|' {
			break
		}
		n = joinAnd(n, p.unary())
	}
	return n
}

func joinAnd(a, b *node) *node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.kind == nAnd:
		a.kids = append(a.kids, b)
		return a
	}
	return &node{kind: nAnd, kids: []*node{a, b}}
}

func (p *queryParser) unary() *node {
	t := p.toks[p.pos]
	p.pos++
	if t.kind == '(' {
		inner := p.or()
		if p.pos < len(p.toks) && p.toks[p.pos].kind == ')' {
			p.pos++
		} else {
			// Unclosed: what follows is read as if it were closed, and
			// the "(" is named, as a stray ")" is.
			p.ignore("(")
		}
		if inner != nil && t.neg {
			return &node{kind: nNot, kids: []*node{inner}}
		}
		return inner
	}
	n := p.atom(t)
	if n != nil && t.neg {
		return &node{kind: nNot, kids: []*node{n}}
	}
	return n
}

var dateLayouts = []string{"2006-01-02", "2006-01", "2006"}

func (p *queryParser) atom(t token) *node {
	// Only a word typed last, and still open, is matched as a prefix.
	p.lastWordTok = nil
	typed := t.text
	field, value, hasField := strings.Cut(typed, ":")
	if !hasField || !isField(field) {
		field, value = "", typed
	}
	if t.kind == '"' {
		value = strings.TrimPrefix(value, `"`)
	}
	switch field {
	case "", "title":
		return p.words(t, field, value)
	case "in":
		f := strings.Trim(strings.ReplaceAll(value, "\\", "/"), "/")
		if f == "" {
			p.ignore(typed)
			return nil
		}
		return &node{kind: nFolder, folder: foldPath(f)}
	case "after", "before", "on":
		from, to, ok := parseDateRange(value)
		if !ok {
			p.ignore(typed)
			return nil
		}
		switch field {
		case "after":
			to = time.Time{}
		case "before":
			from = time.Time{}
		}
		return &node{kind: nDate, from: from, to: to}
	case "tag", "author", "site", "note":
		v := strings.Join(text.Words(value), " ")
		if v == "" {
			p.ignore(typed)
			return nil
		}
		if field == "site" {
			v = strings.Trim(text.Fold(strings.TrimSpace(value)), "./")
		}
		return &node{kind: nField, field: field, value: v}
	case "is":
		v := strings.ToLower(value)
		if v != "bookmarked" && v != "unread" {
			p.ignore(typed)
			return nil
		}
		return &node{kind: nIs, is: v}
	}
	return nil
}

// words is a word atom: words anywhere, or in the title; a phrase when
// quoted or when its words run together (a CJK run's bigrams).
func (p *queryParser) words(t token, field, value string) *node {
	words := text.Words(value)
	if len(words) == 0 {
		if field != "" {
			p.ignore(t.text) // "title:" with nothing after it
		}
		return nil
	}
	n := &node{kind: nWords, words: words, title: field == "title"}
	if t.kind == '"' || runTogether(value) {
		n.kind = nPhrase
	}
	if !t.neg && (t.kind != '"' || !t.closed) {
		p.lastWordTok = n
	}
	return n
}

func isField(f string) bool {
	switch f {
	case "title", "in", "after", "before", "on", "is", "tag", "author", "site", "note":
		return true
	}
	return false
}

// parseDateRange reads a full or partial date as the span it names.
func parseDateRange(v string) (from, to time.Time, ok bool) {
	for i, layout := range dateLayouts {
		d, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		switch i {
		case 0:
			return d, d.AddDate(0, 0, 1), true
		case 1:
			return d, d.AddDate(0, 1, 0), true
		default:
			return d, d.AddDate(1, 0, 0), true
		}
	}
	return time.Time{}, time.Time{}, false
}

// foldPath folds a folder path for comparing: case and accents ignored.
func foldPath(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\\' {
			return '/'
		}
		return unicode.ToLower(r)
	}, text.Fold(s))
}

// markPrefix lets the last typed word match as the start of a word.
func markPrefix(root, last *node) {
	if root != nil && last != nil {
		last.prefix = true
	}
}

// positiveWords lists the words a query looks for, not those it excludes.
func positiveWords(n *node, negated bool) []string {
	if n == nil {
		return nil
	}
	switch n.kind {
	case nWords, nPhrase:
		if !negated {
			return n.words
		}
	case nNot:
		return positiveWords(n.kids[0], !negated)
	case nAnd, nOr:
		var out []string
		for _, k := range n.kids {
			out = append(out, positiveWords(k, negated)...)
		}
		return out
	}
	return nil
}

// String shows the parsed query, for tests and debugging.
func (q Query) String() string { return q.root.String() }

// String shows the node and all below it.
func (n *node) String() string {
	if n == nil {
		return "all"
	}
	switch n.kind {
	case nWords, nPhrase:
		s := strings.Join(n.words, " ")
		if n.kind == nPhrase {
			s = `"` + s + `"`
		}
		if n.prefix {
			s += "*"
		}
		if n.title {
			s = "title:" + s
		}
		return s
	case nFolder:
		return "in:" + n.folder
	case nDate:
		return fmt.Sprintf("date[%s,%s)", n.from.Format("2006-01-02"), n.to.Format("2006-01-02"))
	case nIs:
		return "is:" + n.is
	case nField:
		return n.field + ":" + strconv.Quote(n.value)
	case nNot:
		return "-" + n.kids[0].String()
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.String()
	}
	sep := " "
	if n.kind == nOr {
		sep = " OR "
	}
	return "(" + strings.Join(parts, sep) + ")"
}

// runTogether says whether some of s's words overlap: the bigrams of a
// run of CJK characters, which stand for the run only as a phrase, or
// "東京都" would find "京都" in one place and "東京" in another.
func runTogether(s string) bool {
	end := -1
	overlap := false
	text.ForEachWord(s, func(start, e int) {
		overlap = overlap || start < end
		end = e
	})
	return overlap
}
