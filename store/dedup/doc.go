// Package dedup owns near-duplicate detection: each article's sketch, a
// MinHash of the shingles of its body's folded words (sketch.go), 64
// bytes whoever wrote it, and the grouping of a library's sketches into
// stories by locality-sensitive hashing, verified by the sketches'
// estimated similarity (group.go). It is fed word hashes (the index's
// Termer hands it those it already works out), so it never sees a text,
// a file or an article; it imports no other store package and no Charm
// package.
package dedup
