package store

import (
	"cmp"
	"slices"
	"sync"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/index"
)

// Near-copies of one story (store/dedup) are grouped from the sketches
// the load made of each body, kept in the segments and, for the tail, in
// the heap: no file is read again. The library's groups are worked out
// once (a radix sort a band, some 25-40 ms at 100,000 docs and under a
// second at a million: BenchmarkGroup) and then again from those at each
// change to it, comparing the docs that came with all (a pass a band
// over the keys, 130 ms at a million: BenchmarkRegroup), and a result is cut
// into stories from them in one pass over it and a sort of the docs
// that have copies, meant for every key typed in a filter (not yet
// benchmarked).

// storyCache holds the library's groups for the order of generation gen,
// by the doc numbers of numbering num.
type storyCache struct {
	sync.Mutex
	gen    uint64
	num    *numbering
	groups dedup.Groups
}

// groups returns the library's groups of live docs, by doc number now,
// worked out again only after a change. The caller holds the read lock.
func (l *Library) groups() dedup.Groups {
	c := &l.stories
	c.Lock()
	defer c.Unlock()
	if c.gen == l.gen && c.groups.Len() == l.ndocs() {
		return c.groups
	}
	var set dedup.Set
	for _, p := range l.segs {
		if gap := int(p.base) - set.Len(); gap > 0 { // never, but no doc may shift
			set.Add(make([]dedup.Sketch, gap))
		}
		set.Add(p.seg.Sketches())
	}
	if gap := int(l.segDocs) - set.Len(); gap > 0 {
		set.Add(make([]dedup.Sketch, gap))
	}
	// The tail's sketches wait in the log: read for the grouping alone.
	tail := make([]dedup.Sketch, len(l.pairs))
	for i, r := range l.pairs {
		tail[i] = l.log.sketch(r)
	}
	set.Add(tail)
	live := index.NewBitset(l.ndocs())
	for _, doc := range l.order {
		live.Set(doc)
	}
	if c.num == nil {
		c.groups = dedup.Group(&set, live.Has, dedup.Threshold)
	} else {
		// A change: the groups made before, carried to today's doc
		// numbers, and the docs that came since compared with all.
		prior := make([]uint32, l.ndocs())
		for i := range prior {
			prior[i] = dedup.Unknown
		}
		for doc := range uint32(c.groups.Len()) {
			if now, _ := l.now(c.num, doc); now != gone && int(now) < len(prior) {
				prior[now] = c.groups.Of(doc)
			}
		}
		c.groups = dedup.Regroup(&set, prior, live.Has, dedup.Threshold)
	}
	c.gen, c.num = l.gen, l.num
	for _, p := range l.segs {
		p.seg.ReleaseSketches() // read again only at the next change
	}
	return c.groups
}

// GroupsReady says whether the library's groups are worked out for the
// library as it is now, so that Stories costs a pass over its result and
// no more. A reader over a large library asks before it groups a
// keystroke's result, and has PrepareGroups run in the background when
// they are not.
func (l *Library) GroupsReady() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	c := &l.stories
	c.Lock()
	defer c.Unlock()
	return c.gen == l.gen && c.groups.Len() == l.ndocs()
}

// PrepareGroups works out the library's groups (under a second at a
// million docs), for the Stories to come.
func (l *Library) PrepareGroups() {
	l.mu.RLock()
	defer l.mu.RUnlock()
	l.groups()
}

// Stories is a result cut into stories: each the copies of one story the
// result holds (near-duplicates, store/dedup), the newest first, and a
// story standing where the first of its copies stood in the result.
type Stories struct {
	r    Result
	pos  []int32 // positions in r, story by story
	ends []int32 // story k's are pos[ends[k-1]:ends[k]]
	// one says every story is one article, the k'th of r: a result with
	// no copies in it, or one shown ungrouped (Ungrouped).
	one bool
}

// Ungrouped is r as stories of one article each, r's order kept: what a
// reader showing every copy lists.
func Ungrouped(r Result) Stories { return Stories{r: r, one: true} }

// Stories cuts r into stories.
func (l *Library) Stories(r Result) Stories {
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := Stories{r: r}
	n := r.Len()
	if n == 0 {
		return s
	}
	g := l.groups()
	// The docs with copies, by story: the rest are stories of one.
	type member struct {
		story uint32
		pos   int32
		doc   uint32
	}
	var grouped []member
	role := make([]int32, n) // alone (-1), the first of a story (k), or one after (-2)
	i := int32(0)
	r.each(0, func(doc uint32) bool {
		role[i] = -1
		if r.num != l.num {
			doc, _ = l.now(r.num, doc)
		}
		if doc != gone {
			if story := g.Of(doc); story != dedup.Alone {
				grouped = append(grouped, member{story, i, doc})
			}
		}
		i++
		return true
	})
	if len(grouped) == 0 {
		return Ungrouped(r) // no copies: nothing to cut, nothing to hold
	}
	slices.SortFunc(grouped, func(a, b member) int { return cmp.Or(cmp.Compare(a.story, b.story), cmp.Compare(a.pos, b.pos)) })
	var runs [][2]int // each story's members in grouped, by where its first stands
	for lo := 0; lo < len(grouped); {
		hi := lo + 1
		for hi < len(grouped) && grouped[hi].story == grouped[lo].story {
			hi++
		}
		if hi-lo > 1 {
			// The first in the result holds the story's place; the copies
			// go newest first.
			role[grouped[lo].pos] = int32(len(runs))
			for _, m := range grouped[lo+1 : hi] {
				role[m.pos] = -2
			}
			slices.SortFunc(grouped[lo:hi], func(a, b member) int { return cmp.Or(l.compare(a.doc, b.doc), cmp.Compare(a.pos, b.pos)) })
			runs = append(runs, [2]int{lo, hi})
		}
		lo = hi
	}
	s.pos = make([]int32, 0, n)
	s.ends = make([]int32, 0, n-len(grouped)+len(runs))
	for p, k := range role {
		switch {
		case k == -1:
			s.pos = append(s.pos, int32(p))
		case k >= 0:
			for _, m := range grouped[runs[k][0]:runs[k][1]] {
				s.pos = append(s.pos, m.pos)
			}
		default:
			continue
		}
		s.ends = append(s.ends, int32(len(s.pos)))
	}
	return s
}

// Len is how many stories there are.
func (s Stories) Len() int {
	if s.one {
		return s.r.Len()
	}
	return len(s.ends)
}

// Result is the result the stories were cut from.
func (s Stories) Result() Result { return s.r }

// Copies returns the positions in the result of story k's copies, the
// newest first: the first is the story's row, and one alone is a story
// told once. The slice must not be changed.
func (s Stories) Copies(k int) []int32 {
	if s.one {
		return []int32{int32(k)}
	}
	start := int32(0)
	if k > 0 {
		start = s.ends[k-1]
	}
	return s.pos[start:s.ends[k]:s.ends[k]]
}

// At returns story k's newest copy.
func (s Stories) At(k int) *article.Article { return s.r.At(s.Row(k)) }

// Row is the position in the result of story k's newest copy.
func (s Stories) Row(k int) int {
	if s.one {
		return k
	}
	start := int32(0)
	if k > 0 {
		start = s.ends[k-1]
	}
	return int(s.pos[start])
}

// Count is how many copies story k has, itself among them.
func (s Stories) Count(k int) int {
	if s.one {
		return 1
	}
	start := int32(0)
	if k > 0 {
		start = s.ends[k-1]
	}
	return int(s.ends[k] - start)
}

// ArticleCount is how many articles the stories hold: the result's.
func (s Stories) ArticleCount() int { return s.r.Len() }

// Find returns the story holding the article with this ID, or else the
// one whose file is at path (see Result.Find), or -1.
func (s Stories) Find(id article.ID, path string) int {
	p := s.r.Find(id, path)
	if p < 0 || s.one {
		return p
	}
	for k := range s.ends {
		for _, q := range s.Copies(k) {
			if int(q) == p {
				return k
			}
		}
	}
	return -1
}

// Where says whether any article of the result has a site, a folder or
// an author (Result.Where).
func (s Stories) Where() bool { return s.r.Where() }

// CopiesOf returns the library's other live copies of a's story, the
// newest first, for a reader that lists them: none for an article not
// in the library or told once.
func (l *Library) CopiesOf(a *article.Article) []*article.Article {
	l.mu.RLock()
	defer l.mu.RUnlock()
	doc, ok := l.findLive(a.ID)
	if !ok {
		return nil
	}
	g := l.groups()
	story := g.Of(doc)
	if story == dedup.Alone {
		return nil
	}
	var docs []uint32
	for _, d := range l.order { // newest first already
		if d != doc && g.Of(d) == story {
			docs = append(docs, d)
		}
	}
	out := make([]*article.Article, len(docs))
	for i, d := range docs {
		out[i] = l.article(d)
	}
	return out
}
