package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/query"
)

// qNode is a random query for the property test: rendered to text for
// ParseQuery, and judged by bruteEval directly.
type qNode struct {
	kind   string // word, phrase, title, in, after, before, on, is, not, and, or
	words  []string
	prefix bool
	value  string
	kids   []*qNode
}

var qFolders = []string{"2024/11", "2024/12", "clips", "clips/old"}

// The tags, authors and sites of the property test's articles, and what
// its queries ask of them: whole tags in other cases and accents, words
// of names, domains and their labels.
var (
	qTags        = []string{"Gaza", "gaza", "Middle East", "middle east", "Zürich", "zurich", "Mid", "east"}
	qAuthors     = []string{"Ann Lee", "Bo Lee", "Ann Smith", "José Álvarez", ""}
	qAuthorWords = []string{"lee", "Ann", "ann lee", "jose", "ALVAREZ", "smith ann", "le"}
	qSites       = [][2]string{{"BBC News", "https://www.bbc.co.uk/news/x"}, {"Financial Times", "https://ft.com/a"},
		{"Le Monde", "https://www.lemonde.fr/b"}, {"", ""}, {"", "not a url"}}
	qSiteWords = []string{"bbc.co.uk", "bbc", "co.uk", "uk", "ft.com", "financial times", "times", "monde", "le monde", "lemonde.fr", "news", "uk.co"}
)

func genQuery(rng *rand.Rand, all []*article.Article, depth int) *qNode {
	r := rng.IntN(14)
	if depth > 2 && r >= 10 {
		r = rng.IntN(10)
	}
	switch {
	case r < 3:
		return &qNode{kind: "word", words: []string{propQueryWord(rng)}}
	case r < 5: // a phrase, often taken from an article so that it matches
		n := 2 + rng.IntN(2)
		if rng.IntN(3) > 0 {
			a := all[rng.IntN(len(all))]
			ws := bruteWords(a.Headline + " " + a.Body)
			if len(ws) >= n {
				i := rng.IntN(len(ws) - n + 1)
				return &qNode{kind: "phrase", words: ws[i : i+n]}
			}
		}
		var ws []string
		for range n {
			ws = append(ws, propQueryWord(rng))
		}
		return &qNode{kind: "phrase", words: ws}
	case r < 6:
		return &qNode{kind: "title", words: []string{propQueryWord(rng)}}
	case r < 7:
		f := qFolders[rng.IntN(len(qFolders))]
		if rng.IntN(3) == 0 {
			f = strings.ToUpper(f[:1]) + f[1:] + "/"
		}
		return &qNode{kind: "in", value: f}
	case r < 8:
		kind := []string{"after", "before", "on"}[rng.IntN(3)]
		v := []string{"2024", "2024-11", "2024-11-16", "2024-03", "2023", "2024-12-01"}[rng.IntN(6)]
		return &qNode{kind: kind, value: v}
	case r < 9:
		switch rng.IntN(4) {
		case 0:
			return &qNode{kind: "tag", value: qTags[rng.IntN(len(qTags))]}
		case 1:
			return &qNode{kind: "author", value: qAuthorWords[rng.IntN(len(qAuthorWords))]}
		case 2:
			return &qNode{kind: "site", value: qSiteWords[rng.IntN(len(qSiteWords))]}
		}
		return &qNode{kind: "is", value: []string{"bookmarked", "unread"}[rng.IntN(2)]}
	case r < 10:
		return &qNode{kind: "not", kids: []*qNode{genQuery(rng, all, depth+1)}}
	case r < 12:
		return &qNode{kind: "and", kids: []*qNode{genQuery(rng, all, depth+1), genQuery(rng, all, depth+1)}}
	default:
		return &qNode{kind: "or", kids: []*qNode{genQuery(rng, all, depth+1), genQuery(rng, all, depth+1)}}
	}
}

// render writes n as a query; atoms under an OR or a NOT are grouped.
func (n *qNode) render(b *strings.Builder) {
	switch n.kind {
	case "word":
		b.WriteString(n.words[0])
	case "phrase":
		b.WriteString(`"` + strings.Join(n.words, " ") + `"`)
	case "title":
		b.WriteString("title:" + n.words[0])
	case "tag", "author", "site":
		b.WriteString(n.kind + ":" + strconv.Quote(n.value))
	case "in", "after", "before", "on", "is":
		b.WriteString(n.kind + ":" + n.value)
	case "not":
		b.WriteString("-")
		if k := n.kids[0]; k.kind == "and" || k.kind == "or" || k.kind == "not" {
			b.WriteString("(")
			k.render(b)
			b.WriteString(")")
		} else {
			k.render(b)
		}
	case "and", "or":
		b.WriteString("(")
		n.kids[0].render(b)
		if n.kind == "or" {
			b.WriteString(" OR ")
		} else {
			b.WriteString(" ")
		}
		n.kids[1].render(b)
		b.WriteString(")")
	}
}

// markLast marks the atom that ParseQuery takes as still being typed: the
// last one written, when it is a word or a title word not itself written
// with a leading "-".
func (n *qNode) markLast() {
	last, negated := n, false
	for {
		switch last.kind {
		case "not":
			last, negated = last.kids[0], true
			continue
		case "and", "or":
			last, negated = last.kids[1], false
			continue
		}
		break
	}
	if !negated && (last.kind == "word" || last.kind == "title") {
		last.prefix = true
	}
}

type bruteDoc struct {
	a              *article.Article
	text           *bruteText
	folder         string
	marked, unread bool
}

func bruteEval(n *qNode, d *bruteDoc) bool {
	own := !d.a.Undated && !d.a.DateFromFile
	span := func(v string) (time.Time, time.Time) {
		switch len(v) {
		case 4:
			f, _ := time.Parse("2006", v)
			return f, f.AddDate(1, 0, 0)
		case 7:
			f, _ := time.Parse("2006-01", v)
			return f, f.AddDate(0, 1, 0)
		}
		f, _ := time.Parse("2006-01-02", v)
		return f, f.AddDate(0, 0, 1)
	}
	switch n.kind {
	case "word", "title":
		groups := bruteGroups(n.words[0])
		for i, g := range groups {
			if !d.text.has(g, n.prefix && i == len(groups)-1, n.kind == "title") {
				return false
			}
		}
		return len(groups) > 0
	case "phrase":
		q := bruteWords(strings.Join(n.words, " "))
		return brutePhrase(d.text.head, q, false) || brutePhrase(d.text.body, q, false)
	case "in":
		f := strings.ToLower(strings.Trim(n.value, "/"))
		return d.folder == f || strings.HasPrefix(d.folder, f+"/")
	case "after":
		from, _ := span(n.value)
		return own && !d.a.Date.Before(from)
	case "before":
		_, to := span(n.value)
		return own && d.a.Date.Before(to)
	case "on":
		from, to := span(n.value)
		return own && !d.a.Date.Before(from) && d.a.Date.Before(to)
	case "tag":
		for _, tag := range d.a.Tags {
			if slices.Equal(bruteWords(tag), bruteWords(n.value)) {
				return true
			}
		}
		return false
	case "author":
		return bruteContains(bruteWords(d.a.Author), bruteWords(n.value))
	case "site":
		if u, err := url.Parse(d.a.Source); err == nil && u.Host != "" {
			host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
			v := strings.ToLower(n.value)
			for h := host; h != ""; {
				if h == v {
					return true
				}
				_, rest, ok := strings.Cut(h, ".")
				if !ok {
					break
				}
				h = rest
			}
			if slices.Contains(strings.Split(host, "."), v) {
				return true
			}
		}
		return bruteContains(bruteWords(d.a.Site), bruteWords(n.value))
	case "is":
		if n.value == "bookmarked" {
			return d.marked
		}
		return d.unread
	case "not":
		return !bruteEval(n.kids[0], d)
	case "and":
		return bruteEval(n.kids[0], d) && bruteEval(n.kids[1], d)
	case "or":
		return bruteEval(n.kids[0], d) || bruteEval(n.kids[1], d)
	}
	return false
}

// TestQueryLanguageMatchesBruteForce: random queries of every kind, nested
// with NOT, AND and OR, find exactly what a direct reading of each article
// says they should, with posting lists in both forms.
func TestQueryLanguageMatchesBruteForce(t *testing.T) {
	for _, dense := range []int{512, 0} {
		old := index.DenseMin
		index.DenseMin = dense
		t.Run(fmt.Sprintf("denseMin=%d", dense), func(t *testing.T) { testQueryLanguage(t, false) })
		index.DenseMin = old
	}
	// Saved and mapped again, every field a query reads (tags, authors,
	// sites, folders, dates) is read from the segment's rows in place.
	t.Run("segments", func(t *testing.T) { testQueryLanguage(t, true) })
}

func testQueryLanguage(t *testing.T, saved bool) {
	rng := rand.New(rand.NewPCG(5, 1116))
	var all []*article.Article
	docs := map[article.ID]*bruteDoc{}
	marked := map[article.ID]bool{}
	read := map[article.ID]bool{}
	for i := range 400 {
		a := &article.Article{
			ID:       article.IDOf(fmt.Appendf(nil, "q article %d", i)),
			Headline: propText(rng, 1, 4),
			Body:     propText(rng, 0, 30),
			Folder:   qFolders[rng.IntN(len(qFolders))],
			Author:   qAuthors[rng.IntN(len(qAuthors))],
		}
		for range rng.IntN(3) {
			a.Tags = append(a.Tags, qTags[rng.IntN(len(qTags))])
		}
		site := qSites[rng.IntN(len(qSites))]
		a.Site, a.Source = site[0], site[1]
		switch rng.IntN(8) {
		case 0:
			a.Undated = true
		case 1:
			a.DateFromFile, a.Date = true, time.Date(2024, 11, 16, 3, 0, 0, 0, time.UTC)
		default:
			a.Date = time.Date(2023+rng.IntN(2), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 0, 0, 0, time.UTC)
		}
		marked[a.ID] = rng.IntN(4) == 0
		read[a.ID] = rng.IntN(3) == 0
		all = append(all, a)
		docs[a.ID] = &bruteDoc{a: a, text: newBruteText(a),
			folder: strings.ToLower(a.Folder), marked: marked[a.ID], unread: !read[a.ID]}
	}
	lib := NewLibrary()
	if saved {
		// Each article has a file, which a phrase check reads its body
		// from: a segment keeps no bodies.
		dir := t.TempDir()
		root := []article.Root{{Key: dir, Name: dir, FS: os.DirFS(dir)}}
		for i, a := range all {
			a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("%s/q%04d.md", a.Folder, i)}
			a.Path, a.Format = a.Loc.Path(), "markdown"
			title, _ := json.Marshal(a.Headline)
			writeFile(t, filepath.Join(dir, a.Loc.Name), fmt.Sprintf("---\ntitle: %s\n---\n\n%s\n", title, a.Body))
		}
		lib.Add(all...)
		lib = saveAndMap(t, lib, root, filepath.Join(t.TempDir(), "lib-q.manifest"))
		if lib.segDocs != uint32(len(all)) {
			t.Fatalf("%d of %d docs mapped", lib.segDocs, len(all))
		}
	} else {
		lib.Add(all...)
	}
	opt := SearchOptions{
		Bookmarked: func(id article.ID) bool { return marked[id] },
		Read:       func(id article.ID) bool { return read[id] },
	}
	// The results are read with Peek, which keeps no article: a mapped
	// doc once built would answer from its article, not its row.
	var order []*article.Article
	for r, i := lib.Search(query.Query{}, SearchOptions{}), 0; i < r.Len(); i++ {
		order = append(order, docs[r.Peek(i).ID].a)
	}
	matched := 0
	for i := range 3000 {
		n := genQuery(rng, all, 0)
		n.markLast()
		var b strings.Builder
		n.render(&b)
		text := b.String()
		q := query.Parse(text)
		if len(q.Ignored) > 0 {
			t.Fatalf("query %d %q: ignored %q", i, text, q.Ignored)
		}
		r := lib.Search(q, opt)
		got := make([]article.ID, r.Len())
		for i := range got {
			got[i] = r.Peek(i).ID
		}
		var want []article.ID
		for _, a := range order {
			if bruteEval(n, docs[a.ID]) {
				want = append(want, a.ID)
			}
		}
		if len(want) > 0 && len(want) < len(all) {
			matched++
		}
		if !slices.Equal(got, want) {
			t.Fatalf("query %d %q (parsed %s): %d found, brute force %d", i, text, q, len(got), len(want))
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of 3000 queries found some but not all articles: the test is too easy", matched)
	}
}

// TestStaleSearchGivesUp: a phrase search that has been superseded stops
// reading texts and finds nothing, its result unwanted.
func TestStaleSearchGivesUp(t *testing.T) {
	lib, _ := loadWith(t, cacheCorpus(t), "")
	q := query.Parse(`"hostage talks"`)
	if res := lib.Search(q, SearchOptions{}); res.Len() == 0 || res.Stale() {
		t.Fatalf("the phrase finds %d to begin with, stale %v", res.Len(), res.Stale())
	}
	if res := lib.Search(q, SearchOptions{Stale: func() bool { return true }}); res.Len() != 0 || !res.Stale() {
		t.Errorf("a stale search found %d articles, and says stale %v", res.Len(), res.Stale())
	}
}

// bruteContains says whether want's words stand together in have.
func bruteContains(have, want []string) bool {
	if len(want) == 0 {
		return false
	}
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// TestPhraseReadsWhatMayHoldIt: a phrase check reads the files of the
// candidates whose filter of adjacent words may hold the phrase, not of
// every doc holding its words, whether the docs are a save's tail or in
// a mapped segment, and finds what reading every file finds.
func TestPhraseReadsWhatMayHoldIt(t *testing.T) {
	dir := t.TempDir()
	root := []article.Root{{Key: dir, Name: dir, FS: os.DirFS(dir)}}
	var all []*article.Article
	var want []article.ID
	for i := range 400 {
		body := fmt.Sprintf("the minister, asked twice, said %d things to the press", i)
		if i%20 == 0 {
			body = fmt.Sprintf("%d people heard what was said: the minister was asked.", i)
			body = strings.Replace(body, "said: the minister", "said the minister", 1)
			want = append(want, article.IDOf(fmt.Appendf(nil, "phrase %d", i)))
		}
		a := &article.Article{ID: article.IDOf(fmt.Appendf(nil, "phrase %d", i)), Headline: fmt.Sprint("Report ", i),
			Body: body, Date: time.Date(2024, 11, 1, 0, i, 0, 0, time.UTC), Format: "markdown"}
		a.Loc = article.Loc{Root: &root[0], Name: fmt.Sprintf("p%04d.md", i)}
		a.Path = a.Loc.Path()
		writeFile(t, filepath.Join(dir, a.Loc.Name), fmt.Sprintf("---\ntitle: %s\n---\n\n%s\n", a.Headline, body))
		all = append(all, a)
	}
	q := query.Parse(`"said the minister"`)
	check := func(what string, lib *Library) {
		t.Helper()
		lib.mu.RLock()
		m, texts := q.Eval(source{lib, SearchOptions{}}), lib.texts()
		lib.mu.RUnlock()
		if !m.Check(texts, nil) {
			t.Fatal("the check gave up")
		}
		res := m.Result()
		var got []article.ID
		for doc := range uint32(lib.ndocs()) {
			if res.Has(doc) {
				got = append(got, lib.id(doc))
			}
		}
		slices.SortFunc(got, func(a, b article.ID) int { return bytes.Compare(a[:], b[:]) })
		sorted := slices.SortedFunc(slices.Values(want), func(a, b article.ID) int { return bytes.Compare(a[:], b[:]) })
		if !slices.Equal(got, sorted) {
			t.Fatalf("%s: found %d docs, want %d", what, len(got), len(want))
		}
		// Each filter lets one in fifty of the others through, and a
		// body the library keeps is not a read.
		if n := texts.reads.Load(); n > int64(len(want))+40 {
			t.Errorf("%s: read %d files for %d docs holding the phrase, of %d candidates", what, n, len(want), len(all))
		}
	}
	lib := NewLibrary()
	lib.Add(all...)
	for _, a := range all {
		a.DropBody()
	}
	check("the tail", lib)
	lib = saveAndMap(t, lib, root, filepath.Join(t.TempDir(), "lib-p.manifest"))
	if lib.segDocs != uint32(len(all)) {
		t.Fatalf("%d of %d docs mapped", lib.segDocs, len(all))
	}
	check("a segment", lib)
}
