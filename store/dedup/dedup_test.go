package dedup_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	"github.com/broadsheet/broadsheet/store/text"
)

// sketchOf sketches a body as the index's Termer does: its folded words,
// hashed as the dictionary hashes them, in order.
func sketchOf(body string) dedup.Sketch {
	var s dedup.Sketcher
	for _, w := range text.Words(body) {
		s.Word(index.WordHash(w))
	}
	return s.Sketch()
}

// gen makes news-like text: sentences of words drawn by the corpus's
// Zipf law, some from a story's topic.
type gen struct {
	rnd   *rand.Rand
	vocab []string
	zipf  *rand.Zipf
}

func newGen(seed uint64) *gen {
	rnd := rand.New(rand.NewPCG(seed, 7))
	vocab := testcorpus.Words()
	return &gen{rnd: rnd, vocab: vocab, zipf: rand.NewZipf(rnd, 1.1, 2, uint64(len(vocab)-1))}
}

func (g *gen) sentence(topic []string) string {
	n := 8 + g.rnd.IntN(15)
	w := make([]string, n)
	for i := range w {
		if len(topic) > 0 && g.rnd.IntN(10) < 3 {
			w[i] = topic[g.rnd.IntN(len(topic))]
		} else {
			w[i] = g.vocab[g.zipf.Uint64()]
		}
	}
	return strings.Join(w, " ") + "."
}

// story is paragraphs of sentences, 300 to 900 words.
type story [][]string

func (g *gen) story(topic []string) story {
	var s story
	words := 0
	target := 300 + g.rnd.IntN(600)
	for words < target {
		var p []string
		for range 2 + g.rnd.IntN(4) {
			sent := g.sentence(topic)
			words += strings.Count(sent, " ") + 1
			p = append(p, sent)
		}
		s = append(s, p)
	}
	return s
}

func (s story) clone() story {
	c := make(story, len(s))
	for i, p := range s {
		c[i] = slices.Clone(p)
	}
	return c
}

func (s story) body() string {
	ps := make([]string, len(s))
	for i, p := range s {
		ps[i] = strings.Join(p, " ")
	}
	return strings.Join(ps, "\n\n")
}

// The ways a copy of a story differs from it.
func (g *gen) addLine(s story) story {
	c := s.clone()
	at := g.rnd.IntN(len(c) + 1)
	return slices.Insert(c, at, []string{g.sentence(nil)})
}

func (g *gen) changeSentence(s story) story {
	c := s.clone()
	p := c[g.rnd.IntN(len(c))]
	p[g.rnd.IntN(len(p))] = g.sentence(nil)
	return c
}

func (g *gen) swapParagraphs(s story) story {
	c := s.clone()
	if len(c) > 2 {
		i := g.rnd.IntN(len(c) - 1)
		c[i], c[i+1] = c[i+1], c[i]
	}
	return c
}

func (g *gen) newHeadline(s story) story { return s.clone() } // the body is all a sketch sees

// corpus is docs with the story each tells.
type corpus struct {
	bodies []string
	story  []int
}

// makeCorpus makes n stories, most told once, some several times over in
// the ways above; some share a topic, some the same boilerplate, some
// quote a paragraph of another: alike, but not copies.
func makeCorpus(seed uint64, n int) corpus {
	g := newGen(seed)
	var c corpus
	topics := make([][]string, n/10+1)
	for i := range topics {
		for range 30 {
			topics[i] = append(topics[i], g.vocab[20+g.rnd.IntN(3000)])
		}
	}
	boiler := g.story(nil)[:1] // a paragraph of a site's footer
	dateline := []string{g.sentence(nil)}
	var told []story
	for i := range n {
		s := g.story(topics[g.rnd.IntN(len(topics))])
		switch g.rnd.IntN(4) {
		case 0:
			s = append(story{dateline}, append(s, boiler...)...)
		case 1:
			if len(told) > 0 { // a follow-up that quotes an earlier story
				q := told[g.rnd.IntN(len(told))]
				s = slices.Insert(s, 1, slices.Clone(q[g.rnd.IntN(len(q))]))
			}
		}
		told = append(told, s)
		c.bodies, c.story = append(c.bodies, s.body()), append(c.story, i)
		ways := []func(story) story{g.addLine, g.changeSentence, g.swapParagraphs, g.newHeadline,
			func(s story) story { return g.swapParagraphs(g.changeSentence(g.addLine(s))) }}
		if g.rnd.IntN(3) == 0 {
			for range 1 + g.rnd.IntN(4) {
				c.bodies, c.story = append(c.bodies, ways[g.rnd.IntN(len(ways))](s).body()), append(c.story, i)
			}
		}
	}
	return c
}

func TestSimilarity(t *testing.T) {
	g := newGen(1)
	base := g.story(nil)
	other := g.story(nil)
	tests := []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"same text", base.body(), base.body(), 1, 1},
		{"a line added", base.body(), g.addLine(base).body(), 0.85, 1},
		{"a sentence changed", base.body(), g.changeSentence(base).body(), 0.8, 1},
		{"paragraphs swapped", base.body(), g.swapParagraphs(base).body(), 0.85, 1},
		{"case and accents", "Zürich " + base.body(), "ZURICH " + base.body(), 1, 1},
		{"another story", base.body(), other.body(), 0, 0.15},
		{"half of it", base.body(), story(base[:len(base)/2]).body(), 0.3, 0.7},
		{"too short", "one two three four five six", "one two three four five six", 0, 0},
		{"empty", "", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := sketchOf(tt.a), sketchOf(tt.b)
			if got := dedup.Similarity(&a, &b); got < tt.min || got > tt.max {
				t.Errorf("Similarity = %.3f, want %.2f to %.2f", got, tt.min, tt.max)
			}
		})
	}
}

func TestShortTextHasNoSketch(t *testing.T) {
	var s dedup.Sketcher
	for i := range dedup.MinShingles + dedup.Shingle - 2 {
		s.Word(index.WordHash(string(rune('a' + i))))
	}
	if sk := s.Sketch(); !sk.None() {
		t.Fatalf("%d shingles made a sketch", s.Shingles())
	}
	s.Word(index.WordHash("z"))
	if sk := s.Sketch(); sk.None() {
		t.Fatalf("%d shingles made none", s.Shingles())
	}
	s.Reset()
	if sk := s.Sketch(); !sk.None() || s.Shingles() != 0 {
		t.Fatal("Reset kept the text")
	}
}

func TestStartBreaksShingles(t *testing.T) {
	words := strings.Fields("a b c d e f g h i j k l m n o p q r s t u v w x y z")
	var joined, split dedup.Sketcher
	for i, w := range words {
		if i%3 == 0 {
			split.Start()
		}
		joined.Word(index.WordHash(w))
		split.Word(index.WordHash(w))
	}
	if joined.Shingles() != len(words)-3 || split.Shingles() != 0 {
		t.Fatalf("shingles: joined %d, split %d", joined.Shingles(), split.Shingles())
	}
}

// TestGroupCorpus is the bar: copies with a line added, a
// sentence changed, a new headline or paragraphs swapped are grouped, and
// stories alike in topic, boilerplate or a quote are not, with precision
// and recall of the pairs of one story both at least 0.95.
func TestGroupCorpus(t *testing.T) {
	c := makeCorpus(42, 1500)
	var b []dedup.Sketch
	for _, body := range c.bodies {
		b = append(b, sketchOf(body))
	}
	var set dedup.Set
	set.Add(b[:len(b)/2]) // two chunks, as a segment and a tail
	set.Add(b[len(b)/2:])
	if set.Len() != len(c.bodies) {
		t.Fatalf("set holds %d docs, want %d", set.Len(), len(c.bodies))
	}
	g := dedup.Group(&set, nil, dedup.Threshold)
	var tp, fp, fn, truePairs int
	for i := range c.bodies {
		for j := i + 1; j < len(c.bodies); j++ {
			same := c.story[i] == c.story[j]
			found := g.Of(uint32(i)) != dedup.Alone && g.Of(uint32(i)) == g.Of(uint32(j))
			switch {
			case same && found:
				tp++
			case same:
				fn++
			case found:
				fp++
			}
			if same {
				truePairs++
			}
		}
	}
	if truePairs < 300 {
		t.Fatalf("the corpus has %d pairs of copies: too few to measure", truePairs)
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("%d docs, %d pairs of copies: precision %.4f, recall %.4f", len(c.bodies), truePairs, precision, recall)
	if precision < 0.95 || recall < 0.95 {
		t.Errorf("precision %.4f, recall %.4f: want both at least 0.95", precision, recall)
	}
}

func TestGroupKeepAndAlone(t *testing.T) {
	g := newGen(3)
	a, b := g.story(nil), g.story(nil)
	bodies := []string{a.body(), g.addLine(a).body(), b.body(), "too short", g.changeSentence(a).body()}
	var raw []dedup.Sketch
	for _, body := range bodies {
		raw = append(raw, sketchOf(body))
	}
	var set dedup.Set
	set.Add(raw)
	tests := []struct {
		name string
		keep func(uint32) bool
		want []uint32
	}{
		{"all", nil, []uint32{0, 0, dedup.Alone, dedup.Alone, 0}},
		{"the first left out", func(d uint32) bool { return d != 0 }, []uint32{dedup.Alone, 1, dedup.Alone, dedup.Alone, 1}},
		{"one left", func(d uint32) bool { return d == 4 }, []uint32{dedup.Alone, dedup.Alone, dedup.Alone, dedup.Alone, dedup.Alone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gr := dedup.Group(&set, tt.keep, dedup.Threshold)
			var got []uint32
			for d := range uint32(len(bodies)) {
				got = append(got, gr.Of(d))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("groups %v, want %v", got, tt.want)
			}
			if gr.Of(99) != dedup.Alone {
				t.Error("a doc out of the set is not alone")
			}
		})
	}
}

// TestRegroupAsGroup: the groups of a corpus made from those of most of
// it, with the last docs fresh, are the groups made of all of it at once;
// and a prior that joined two docs keeps them joined.
func TestRegroupAsGroup(t *testing.T) {
	c := makeCorpus(42, 1500)
	var b []dedup.Sketch
	for _, body := range c.bodies {
		b = append(b, sketchOf(body))
	}
	var all, most dedup.Set
	all.Add(b)
	cut := len(b) * 93 / 100
	most.Add(b[:cut])
	whole := dedup.Group(&all, nil, dedup.Threshold)
	before := dedup.Group(&most, nil, dedup.Threshold)
	prior := make([]uint32, len(b))
	for d := range prior {
		prior[d] = dedup.Unknown
		if d < cut {
			prior[d] = before.Of(uint32(d))
		}
	}
	again := dedup.Regroup(&all, prior, nil, dedup.Threshold)
	same, differ := 0, 0
	for i := range uint32(len(b)) {
		for j := i + 1; j < uint32(len(b)); j++ {
			w := whole.Of(i) != dedup.Alone && whole.Of(i) == whole.Of(j)
			r := again.Of(i) != dedup.Alone && again.Of(i) == again.Of(j)
			switch {
			case w && r:
				same++
			case w || r:
				differ++
			}
		}
	}
	if same < 300 || differ > same/100 {
		t.Errorf("Regroup agrees with Group on %d pairs of copies and differs on %d", same, differ)
	}
	// Two docs the prior joined stay joined, though nothing else says so.
	unlike := slices.Clone(prior)
	for d := range unlike {
		if d >= cut {
			unlike[d] = dedup.Unknown
		} else {
			unlike[d] = dedup.Alone
		}
	}
	unlike[0], unlike[1] = 7, 7
	if g := dedup.Regroup(&all, unlike, nil, dedup.Threshold); g.Of(0) == dedup.Alone || g.Of(0) != g.Of(1) {
		t.Errorf("the prior's story of docs 0 and 1 is gone: %d, %d", g.Of(0), g.Of(1))
	}
}
