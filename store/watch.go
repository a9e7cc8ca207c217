package store

import (
	"context"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// Watch follows the roots after Load, until ctx ends: files added,
// changed, renamed or removed show in the library within about a second.
// Each burst of changes is one rescan, as Load does it but of the files
// and folders the burst named alone: their sizes and times checked, only
// new or changed files read, so that one file dropped into a folder of a
// million costs that file; what changed while the watches were being
// set is found by the folders' stamps once they are. Where the system runs
// out of watches, it checks every so often instead, and says so in
// Progress.Note. Roots without a place on disk are not followed.
func (l *Library) Watch(ctx context.Context, roots []article.Root, notify func(Progress)) {
	w := l.watcher
	if w == nil {
		w = &scan.DefaultWatcher
	}
	// A file made after the load listed its folder and before the
	// watches were set sent no event: once they are, the folders whose
	// stamps changed since the load are checked, as a start from the
	// cache checks them.
	ready := func() {
		if scopes := l.quickScopes(roots); len(scopes) > 0 {
			l.rescan(ctx, roots, scopes, notify)
		}
	}
	w.Watch(ctx, roots, ready, func(note string, changed []string) {
		scopes, ok := scan.ScopesOf(roots, changed)
		if changed == nil || !ok {
			scopes = nil
		} else if len(scopes) == 0 {
			return // nothing a walk would see
		}
		l.rescan(ctx, roots, scopes, func(p Progress) {
			p.Note = note
			notify(p)
		})
	}, func(note string) {
		notify(Progress{Loaded: l.Len(), Searchable: true, Final: true, Note: note})
	})
}

// rescan loads the scopes of the roots again, each file once however the
// scopes nest.
func (l *Library) rescan(ctx context.Context, roots []article.Root, scopes []scan.Scope, notify func(Progress)) {
	if scopes != nil {
		scopes = outermost(scopes)
	}
	l.load(ctx, roots, scopes, notify)
}
