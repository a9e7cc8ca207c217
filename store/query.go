package store

// Query is a parsed filter: every word must occur in an article's headline
// or body as a whole word, except the last, which may also be the start of
// a word (the one being typed).
type Query struct {
	Words []string // folded
	Raw   string
}

// ParseQuery reads what the user typed.
func ParseQuery(s string) Query { return Query{Words: Words(s), Raw: s} }

// Empty says whether the query matches everything.
func (q Query) Empty() bool { return len(q.Words) == 0 }

// matchesWord says whether the folded word w satisfies query word i.
func (q Query) matchesWord(i int, w string) bool {
	qw := q.Words[i]
	if i == len(q.Words)-1 {
		return len(w) >= len(qw) && w[:len(qw)] == qw
	}
	return w == qw
}

// Highlights returns the byte spans of the words of s that the query
// matched, for showing them in a row.
func (q Query) Highlights(s string) [][2]int {
	if q.Empty() {
		return nil
	}
	var spans [][2]int
	forEachWord(s, func(start, end int) {
		w := Fold(s[start:end])
		for i := range q.Words {
			if q.matchesWord(i, w) {
				spans = append(spans, [2]int{start, end})
				return
			}
		}
	})
	return spans
}
