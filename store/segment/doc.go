// Package segment owns the immutable index segment on disk: one file
// holding a set of articles' rows, their files, their words and posting
// lists, written once (Write, Merge) and read in place through a
// read-only memory mapping (Open), so that a library of a million
// articles opens without decoding anything and keeps in memory only the
// pages a screen or a query touches. The layout is documented at the top
// of open.go, where it is read.
//
// It imports store/index (to read an in-memory index and to fill its
// Bitsets) and store/text (to fold headlines), and must not import store,
// store/article (it never sees an article or parses a file), or any Charm
// package.
package segment
