package query

import (
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/text"
)

// MatchWords finds in a sequence of folded words what the query looks
// for: each word it names (the last typed one also as the start of a
// word), and each phrase where its words stand adjacent, which may be
// across lines of a wrapped text. It returns each match as the positions
// of its words, in order of the first.
func (q Query) MatchWords(words []string) [][]int {
	var matches [][]int
	var walk func(n *node, negated bool)
	walk = func(n *node, negated bool) {
		if n == nil {
			return
		}
		switch n.kind {
		case nWords:
			if negated {
				return
			}
			for j, w := range n.words {
				prefix := n.prefix && j == len(n.words)-1
				for i, got := range words {
					if got == w || prefix && strings.HasPrefix(got, w) {
						matches = append(matches, []int{i})
					}
				}
			}
		case nPhrase:
			if negated {
				return
			}
			for i := 0; i+len(n.words) <= len(words); i++ {
				ok := true
				for j, w := range n.words {
					got := words[i+j]
					if got != w && !(n.prefix && j == len(n.words)-1 && strings.HasPrefix(got, w)) {
						ok = false
						break
					}
				}
				if ok {
					m := make([]int, len(n.words))
					for j := range m {
						m[j] = i + j
					}
					matches = append(matches, m)
				}
			}
		case nNot:
			walk(n.kids[0], !negated)
		case nAnd, nOr:
			for _, k := range n.kids {
				walk(k, negated)
			}
		}
	}
	walk(q.root, false)
	slices.SortStableFunc(matches, func(a, b []int) int { return a[0] - b[0] })
	return slices.CompactFunc(matches, slices.Equal)
}

// Highlights returns the byte spans of the words of s that the query
// looks for, for showing them in a row, in order and never overlapping.
// The last typed word also marks the words it begins.
func (q Query) Highlights(s string) [][2]int {
	if len(q.Words) == 0 {
		return nil
	}
	prefix := q.Prefixes()
	var spans [][2]int
	text.ForEachWord(s, func(start, end int) {
		w := text.Fold(s[start:end])
		for _, qw := range q.Words {
			if w == qw || prefix[qw] && strings.HasPrefix(w, qw) {
				// A CJK run's bigrams overlap: one span covers them.
				if n := len(spans); n > 0 && start < spans[n-1][1] {
					spans[n-1][1] = max(spans[n-1][1], end)
				} else {
					spans = append(spans, [2]int{start, end})
				}
				return
			}
		}
	})

	return spans
}

func collectPrefixes(n *node, into map[string]bool) {
	if n == nil {
		return
	}
	if n.prefix && len(n.words) > 0 {
		into[n.words[len(n.words)-1]] = true
	}
	for _, k := range n.kids {
		collectPrefixes(k, into)
	}
}

// Prefixes says which of Words are matched as the start of a word too:
// the last one typed, while it may still be being typed.
func (q Query) Prefixes() map[string]bool {
	prefix := map[string]bool{}
	collectPrefixes(q.root, prefix)
	return prefix
}
