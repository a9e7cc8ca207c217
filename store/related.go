package store

import (
	"cmp"
	"math"
	"slices"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// Related returns up to n other articles most like a (read from disk
// unless a has its body): those that share
// its rarer words, weighted by how rare (idf squared, as in a TF-IDF cosine
// over word presence), over the square root of their length, so that long
// articles do not win by size alone. Words in more than a tenth of the
// library say little of a story and are left out, as are words of a alone.
func (l *Library) Related(a *article.Article, n int) ([]*article.Article, error) {
	full, err := l.Open(a)
	if err != nil {
		return nil, err
	}
	words := text.Words(full.Headline + "\n" + full.Body)
	l.mu.RLock()
	defer l.mu.RUnlock()
	ndocs := len(l.order)
	if ndocs < 2 {
		return nil, nil
	}
	self, hasSelf := l.findLive(a.ID)
	scores := l.scores(words)
	type hit struct {
		doc   uint32
		score float64
	}
	// The best n, kept sorted as the date order is walked: a full sort of
	// every doc sharing a word would cost more than the scoring.
	top := make([]hit, 0, n+1)
	for _, doc := range l.order {
		if scores[doc] == 0 {
			continue
		}
		h := hit{doc, float64(scores[doc]) / math.Sqrt(float64(l.words(doc)+50))}
		if len(top) == n && h.score <= top[n-1].score {
			continue
		}
		// Not a itself, nor its file's older version while an edit loads:
		// asked only of a doc that would make the best n, as reading a
		// row's path costs more than scoring it.
		if hasSelf && doc == self || l.id(doc) == a.ID || a.Path != "" && l.pathIs(doc, a.Path) {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, h.score, func(x hit, s float64) int { return cmp.Compare(s, x.score) })
		for i < len(top) && top[i].score == h.score { // equal scores keep the date order
			i++
		}
		top = slices.Insert(top, i, h)
		if len(top) > n {
			top = top[:n]
		}
	}
	out := make([]*article.Article, 0, len(top))
	for _, h := range top {
		out = append(out, l.article(h.doc))
	}
	return out, nil
}

// docCount is how many docs hold the folded word w, dead ones too: the
// segments' and the tail's. The caller holds the read lock.
func (l *Library) docCount(w string) int {
	n := 0
	if t, ok := l.idx.Lookup(w); ok {
		n = l.idx.Count(t)
	}
	for _, p := range l.segs {
		n += p.seg.Count(w)
	}
	return n
}

// scores weighs each doc by the words it shares with words: the sum of
// their idf squared, words of one doc alone or of more than a tenth of
// the library left out. The caller holds the read lock.
func (l *Library) scores(words []string) []float32 {
	ndocs := len(l.order)
	var kept []string
	var weights []float32
	seen := map[string]bool{}
	for _, w := range words {
		if seen[w] {
			continue
		}
		seen[w] = true
		df := l.docCount(w)
		if df < 2 || df > max(ndocs/10, 3) {
			continue
		}
		idf := math.Log(float64(ndocs) / float64(df))
		kept, weights = append(kept, w), append(weights, float32(idf*idf))
	}
	// Each doc is the segments' or the tail's, and either adds a doc's
	// weights word by word, in order: the sums are the same as adding one
	// word at a time over the whole library.
	scores := make([]float32, l.ndocs())
	for _, p := range l.segs {
		p.seg.AddScores(scores, p.base, kept, weights)
	}
	for i, w := range kept {
		if t, ok := l.idx.Lookup(w); ok {
			l.idx.EachDoc(t, func(doc uint32) { scores[doc] += weights[i] })
		}
	}
	return scores
}
