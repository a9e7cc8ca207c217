package store

import (
	"slices"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/store/article"
)

// The library's rows are read through these accessors, by doc number,
// never by walking articles: searches, sorts and look-ups over a million
// rows must not build a million articles. Their callers hold the read
// lock.

// article returns doc's article.
func (l *Library) article(doc uint32) *article.Article { return l.docs[doc] }

// id is doc's article ID.
func (l *Library) id(doc uint32) article.ID { return l.docs[doc].ID }

// undated says whether doc has no date at all.
func (l *Library) undated(doc uint32) bool { return l.docs[doc].Undated }

// words is how many words doc's headline and body hold.
func (l *Library) words(doc uint32) int { return l.docs[doc].Words }

// pathIs says whether doc's file is at path, as shown.
func (l *Library) pathIs(doc uint32, path string) bool { return l.docs[doc].Path == path }

// hasWhere says whether doc has a site, a folder or an author, which the
// list shows beside the headline.
func (l *Library) hasWhere(doc uint32) bool {
	a := l.docs[doc]
	return a.Site != "" || a.Folder != "" || a.Author != ""
}

// totalWords is the words of every live article, for BM25's mean length.
func (l *Library) totalWords() int {
	total := 0
	for _, doc := range l.order {
		total += l.words(doc)
	}
	return total
}

// titleRanks returns each doc's place in headline order (case and
// accents ignored), worked out once for the library as it stands, so
// that sorting a result by title compares two numbers and allocates
// nothing per article.
func (l *Library) titleRanks() []uint32 {
	l.ranks.mu.Lock()
	defer l.ranks.mu.Unlock()
	if len(l.ranks.of) == len(l.docs) {
		return l.ranks.of
	}
	keys := make([]string, len(l.docs))
	byTitle := make([]uint32, len(l.docs))
	for doc := range l.docs {
		keys[doc] = foldTitle(l.article(uint32(doc)).Headline)
		byTitle[doc] = uint32(doc)
	}
	slices.SortStableFunc(byTitle, func(a, b uint32) int { return strings.Compare(keys[a], keys[b]) })
	rank := make([]uint32, len(l.docs))
	for i, doc := range byTitle {
		// Equal headlines share a rank, so a stable sort keeps them in
		// the order they came in.
		if i > 0 && keys[doc] == keys[byTitle[i-1]] {
			rank[doc] = rank[byTitle[i-1]]
			continue
		}
		rank[doc] = uint32(i)
	}
	l.ranks.of = rank
	return rank
}

// titleRankCache holds titleRanks' answer for a library of len(of) docs.
type titleRankCache struct {
	mu sync.Mutex
	of []uint32
}
