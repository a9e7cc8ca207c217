package store

import (
	"errors"

	"github.com/broadsheet/broadsheet/store/state"
)

// Kept is what the user keeps of articles, each in its state file; any
// may be nil.
type Kept struct {
	Bookmarks *state.Bookmarks
	Read      *state.ReadState
	Tags      *state.Tags
	Notes     *state.Notes
	Positions *state.Positions // where the reader left each article
}

// keptSet is what each of Kept's sets does.
type keptSet interface {
	Path() string
	Reload() (bool, error)
	Reconcile(state.Finder) bool
	Save() error
}

// sets are the sets k holds.
func (k Kept) sets() []keptSet {
	var out []keptSet
	if k.Bookmarks != nil {
		out = append(out, k.Bookmarks)
	}
	if k.Read != nil {
		out = append(out, k.Read)
	}
	if k.Tags != nil {
		out = append(out, k.Tags)
	}
	if k.Notes != nil {
		out = append(out, k.Notes)
	}
	if k.Positions != nil {
		out = append(out, k.Positions)
	}
	return out
}

// Paths are the files of the sets k holds, for a watch.
func (k Kept) Paths() []string {
	var paths []string
	for _, s := range k.sets() {
		paths = append(paths, s.Path())
	}
	return paths
}

// Reload reads each file again that another instance changed (a stat
// for each that it did not), and says whether any had.
func (k Kept) Reload() (changed bool, err error) {
	for _, s := range k.sets() {
		c, e := s.Reload()
		changed, err = changed || c, errors.Join(err, e)
	}
	return changed, err
}

// Reconcile brings what the user keeps up to date with the library after
// a load: every entry whose ID names no article but whose Ref finds one
// moves to that article, and entries from older files learn their
// article's place. Changes are saved as every change is (locked, merged
// with the file). It reads the library under its lock and writes files,
// so it belongs in a command, after each load.
func Reconcile(lib *Library, k Kept) (changed bool, err error) {
	res := lib.Resolver()
	for _, s := range k.sets() {
		if s.Reconcile(res.FindRef) {
			changed = true
			err = errors.Join(err, s.Save())
		}
	}
	return changed, err
}
