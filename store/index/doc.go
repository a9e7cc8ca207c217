// Package index owns the inverted index: the dictionary of folded words,
// the posting lists (delta varints, or bitsets for common words), with
// headline postings apart, prefix look-ups with a cache of the short ones,
// and their encoding in the cache file. Reader is what searches ask of
// it, so an index on disk can stand in. It imports store/text only,
// and must not import store/article (it never sees an article or a
// file), store itself or any Charm package.
package index
