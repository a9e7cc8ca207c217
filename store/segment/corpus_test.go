package segment

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	"github.com/broadsheet/broadsheet/store/text"
)

// corpus is what a test writes into a segment, and what a brute force
// over it says the segment must answer.
type corpus struct {
	docs  []Doc // in Compare order
	files []File
	x     *index.Index
	renum []uint32
	all   []map[string]bool // doc to its terms, headline or body
	title []map[string]bool // doc to its headline's terms
	body  []string          // doc to its body

	inv    [2]map[string][]uint32 // word to its docs, all and title
	sorted []string               // words in order
}

// testVocab is the words articles are made of: the generator's commonest,
// which become dense lists, and some that fold or split.
// The last ones fold to words of other scripts, whose letters take two
// or three bytes, and CJK runs, which index as bigrams and characters.
var testVocab = append(testcorpus.Words()[:3000:3000], "München", "MÜNCHEN", "Zürich", "café", "Cafés", "東京都", "qatar", "qatari", "Straße",
	"Łódź", "Łęczna", "Øresund", "Ørsted", "Москва", "московский", "Σίσυφος", "東北", "京都府")

// word picks a word, the low ones far more often, as a Zipf law would.
func word(rnd *rand.Rand) string {
	f := rnd.Float64()
	return testVocab[int(f*f*f*float64(len(testVocab)))]
}

func sentence(rnd *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = word(rnd)
	}
	return strings.Join(w, " ")
}

// makeCorpus makes n docs of about bodyWords words each, plus a few the
// index holds but renum leaves out; seed picks them.
func makeCorpus(seed uint64, n, bodyWords int) *corpus {
	rnd := rand.New(rand.NewPCG(seed, 7))
	c := &corpus{x: index.New()}
	tm := index.NewTermer(c.x)
	type gen struct {
		d            Doc
		body         string
		all, title   map[string]bool
		out          bool
		files, names int
	}
	var gens []gen
	for i := 0; i < n+n/10; i++ {
		g := gen{d: randomDoc(rnd, seed, i), out: i >= n}
		// One word in every doc and one in the undated ones alone, which
		// sort last: run containers.
		body := "everywhere " + sentence(rnd, 1+rnd.IntN(2*bodyWords))
		if g.d.Flags&FlagUndated != 0 {
			body += " undated"
		}
		terms, title, words := tm.Terms(g.d.Headline, body)
		c.x.Add(uint32(i), terms, title)
		g.d.Words, g.body, g.d.Pairs, g.d.Sketch = uint32(words), body, slices.Clone(tm.Pairs()), tm.Sketch()
		g.title = bruteTerms(g.d.Headline)
		g.all = bruteTerms(g.d.Headline + " " + body)
		gens = append(gens, g)
	}
	live := make([]int, 0, n)
	for i := range gens {
		if !gens[i].out {
			live = append(live, i)
		}
	}
	slices.SortFunc(live, func(a, b int) int { return Compare(&gens[a].d, &gens[b].d) })
	c.renum = slices.Repeat([]uint32{^uint32(0)}, len(gens))
	for nd, i := range live {
		c.renum[i] = uint32(nd)
		c.docs = append(c.docs, gens[i].d)
		c.all = append(c.all, gens[i].all)
		c.title = append(c.title, gens[i].title)
		c.body = append(c.body, gens[i].body)
	}
	c.files = randomFiles(rnd, c.docs)
	return c
}

// randomDoc makes doc i, with ties of date and headline among its
// neighbours and some undated.
func randomDoc(rnd *rand.Rand, seed uint64, i int) Doc {
	d := Doc{Date: int64(rnd.IntN(50)) * 1e9, Size: rnd.Int64N(1 << 20), ModTime: rnd.Int64(),
		Root: uint32(rnd.IntN(3)), Offset: rnd.Int64N(1 << 30), Format: []string{"txt", "md", "jsonl"}[rnd.IntN(3)],
		Folder: fmt.Sprintf("20%02d/%02d", 10+rnd.IntN(10), 1+rnd.IntN(12)), Source: sentence(rnd, rnd.IntN(2)),
		Author: sentence(rnd, rnd.IntN(3)), Site: sentence(rnd, rnd.IntN(2)), Excerpt: sentence(rnd, rnd.IntN(12))}
	for b := range d.ID {
		d.ID[b] = byte(rnd.UintN(256))
	}
	d.ID[0], d.ID[1] = byte(seed), byte(i) // IDs unique across a test's corpora
	d.ID[2] = byte(i >> 8)
	d.ID[3] = byte(i >> 16)
	d.Headline = sentence(rnd, 1+rnd.IntN(6))
	if rnd.IntN(8) == 0 {
		d.Headline = "Same headline"
	}
	if rnd.IntN(10) == 0 {
		d.Flags |= FlagUndated
		d.Date = 0
	}
	if rnd.IntN(4) == 0 {
		d.Flags |= FlagDateFromFile | FlagCut
	}
	d.Name = fmt.Sprintf("%s/%d-%d.txt", d.Folder, seed, i)
	for range rnd.IntN(3) {
		d.Tags = append(d.Tags, word(rnd))
	}
	return d
}

// randomFiles gives each doc a file or two; some docs share one name, as
// the records of a dataset do, told apart by offset.
func randomFiles(rnd *rand.Rand, docs []Doc) []File {
	var files []File
	for i, d := range docs {
		f := File{Root: d.Root, Name: d.Name, Offset: d.Offset, Size: d.Size, MTime: d.ModTime,
			CTime: rnd.Int64(), Ino: rnd.Uint64(), Doc: uint32(i)}
		if rnd.IntN(5) == 0 {
			f.Name, f.Offset = "dataset.jsonl", int64(i)*100
		}
		files = append(files, f)
		if rnd.IntN(6) == 0 {
			f.Name = "copy/" + d.Name
			files = append(files, f)
		}
	}
	rnd.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
	return files
}

// bruteTerms is the set of folded terms of s, as the Termer makes them.
func bruteTerms(s string) map[string]bool {
	set := map[string]bool{}
	add := func(b, e int) { set[string(text.AppendFolded(nil, s[b:e]))] = true }
	text.ForEachTerm(s, add, add)
	return set
}

// write writes c to a segment in dir and opens it.
func (c *corpus) write(t testing.TB, dir, name string) *Segment {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := Write(path, DocRows(c.docs), c.files, c.x, c.renum); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// words is every term of the live docs, in byte order.
func (c *corpus) words() []string {
	set := map[string]bool{}
	for _, m := range c.all {
		for w := range m {
			set[w] = true
		}
	}
	var ws []string
	for w := range set {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	return ws
}

// docsWith is the docs holding w (or a word starting with w), in the
// headline alone when title is set.
func (c *corpus) docsWith(w string, prefix, title bool) []uint32 {
	if c.inv[0] == nil {
		c.inv = [2]map[string][]uint32{{}, {}}
		for k, sets := range [][]map[string]bool{c.all, c.title} {
			for d, m := range sets {
				for t := range m {
					c.inv[k][t] = append(c.inv[k][t], uint32(d))
				}
			}
		}
		c.sorted = c.words()
	}
	inv := c.inv[0]
	if title {
		inv = c.inv[1]
	}
	if !prefix {
		return inv[w]
	}
	in := make([]bool, len(c.docs))
	lo, _ := slices.BinarySearch(c.sorted, w)
	for _, t := range c.sorted[lo:] {
		if !strings.HasPrefix(t, w) {
			break
		}
		for _, d := range inv[t] {
			in[d] = true
		}
	}
	var docs []uint32
	for d, ok := range in {
		if ok {
			docs = append(docs, uint32(d))
		}
	}
	return docs
}

// union is the corpus of the docs of cs that dead does not hold, indexed
// afresh: what a merge of their segments must equal.
func union(cs []*corpus, dead []index.Bitset) *corpus {
	type src struct{ k, i int }
	var live []src
	for k, c := range cs {
		for i := range c.docs {
			if !dead[k].Has(uint32(i)) {
				live = append(live, src{k, i})
			}
		}
	}
	slices.SortStableFunc(live, func(a, b src) int { return Compare(&cs[a.k].docs[a.i], &cs[b.k].docs[b.i]) })
	u := &corpus{x: index.New()}
	tm := index.NewTermer(u.x)
	newNum := make([]map[int]uint32, len(cs))
	for k := range cs {
		newNum[k] = map[int]uint32{}
	}
	for nd, l := range live {
		c := cs[l.k]
		terms, title, _ := tm.Terms(c.docs[l.i].Headline, c.body[l.i])
		u.x.Add(uint32(nd), terms, title)
		u.renum = append(u.renum, uint32(nd))
		u.docs = append(u.docs, c.docs[l.i])
		u.all, u.title, u.body = append(u.all, c.all[l.i]), append(u.title, c.title[l.i]), append(u.body, c.body[l.i])
		newNum[l.k][l.i] = uint32(nd)
	}
	for k, c := range cs {
		for _, f := range c.files {
			if nd, ok := newNum[k][int(f.Doc)]; ok {
				f.Doc = nd
				u.files = append(u.files, f)
			}
		}
	}
	return u
}
