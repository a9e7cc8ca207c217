// Package state owns what broadsheet keeps of the user's own: bookmarks
// and read state, each a set keyed by article ID in a JSON file that
// several instances share (locked, merged with what is on disk, replaced
// atomically, and copied aside rather than written over when it cannot be
// understood). It imports store/article and store/text only,
// and must not import the index, the walk, store itself or any Charm
// package.
package state
