// Package store is the library: the table of loaded articles with their
// files (the mapped segments of the cache, then the articles this run
// added, read alike through the accessors of docs.go), load orchestration
// (the cache first, then a parallel walk, read and index, or a look at
// the folders that changed, folders.go), saving what
// changed as segments with a manifest (each then read in place of the
// heap copy it was written from, its docs renumbered: numbering.go; a
// cold load does so every so many articles, and Compact merges the
// segments it leaves into one, compact.go), search and sort, related
// stories,
// the reading list, and following the folders for changes. It knows
// nothing of the screen: the CLI and the TUI both go through it. It
// imports the store packages below it (text, article, index, segment,
// query, scan, state) and no Charm package; none of them imports it.
package store
