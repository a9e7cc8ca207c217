// Package index owns the inverted index: the dictionary of folded words,
// the posting lists (delta varints, or bitsets for common words), with
// headline postings apart, prefix look-ups with a cache of the short ones,
// a walk of its words and postings (EachTerm) for a segment writer, and
// each article's filter of adjacent words that spares a phrase check its
// reads (pairs.go).
// It holds what a run adds; the cache keeps its segments in
// store/segment, and the library ORs the two (store/segments.go). The
// Termer also sketches each body for store/dedup, from the word hashes
// it works out anyway. It imports store/text and store/dedup only, and
// must not import store/article (it never sees an article or a
// file), store itself or any Charm package.
package index
