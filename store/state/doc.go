// Package state owns what broadsheet keeps of the user's own: bookmarks,
// read state, and the tags and notes they give articles, each a set keyed
// by article ID in a JSON file that several instances share (locked,
// merged with what is on disk, replaced atomically, and copied aside
// rather than written over when it cannot be understood). Changes are
// made in memory at once and saved in order by Save, so the TUI's Update
// never waits on the disk; each entry keeps a Ref that finds its article
// again after an edit changes its ID; Reload and Watch show what other
// instances wrote. It imports store/article and store/text only (and
// fsnotify and flock), and must not import the index, the walk, store
// itself or any Charm package.
package state
