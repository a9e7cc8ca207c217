package store

import (
	"cmp"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
)

// TagCount is one tag and how many live articles have it, own or given,
// and how many of those are unread.
type TagCount struct {
	Tag    string `json:"tag"` // as first met, sanitised
	Count  int    `json:"count"`
	Unread int    `json:"unread"`
}

// TagCounts counts every tag over the live articles: their own (front
// matter, a dataset's field) and those user gives them, one a TagKey,
// the commonest first. read, when set, tells the read from the unread.
// It reads rows in place, building no article, so that the reader's
// picker can count a million articles' tags as files arrive.
func (l *Library) TagCounts(user func(article.ID) []string, read func(article.ID) bool) []TagCount {
	counts := map[string]*TagCount{}
	seen := map[string]bool{}
	add := func(t string, unread bool) {
		k := state.TagKey(t)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		c := counts[k]
		if c == nil {
			c = &TagCount{Tag: text.SanitizeLine(t)}
			counts[k] = c
		}
		c.Count++
		if unread {
			c.Unread++
		}
	}
	l.mu.RLock()
	for _, doc := range l.order {
		own := l.where(doc).tags // aliases the mapping: only read here
		var given []string
		id := l.id(doc)
		if user != nil {
			given = user(id)
		}
		if len(own) == 0 && len(given) == 0 {
			continue
		}
		unread := read == nil || !read(id)
		clear(seen)
		for _, t := range own {
			add(t, unread)
		}
		for _, t := range given {
			add(t, unread)
		}
	}
	l.mu.RUnlock()
	out := make([]TagCount, 0, len(counts))
	for _, c := range counts {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y TagCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(state.TagKey(x.Tag), state.TagKey(y.Tag)))
	})
	return out
}
