package store

import (
	"context"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// Watch follows the roots after Load, until ctx ends: files added,
// changed, renamed or removed show in the library within about a second.
// Each burst of changes is one rescan, as Load does it: every file's size
// and time checked, only new or changed files read. Where the system runs
// out of watches, it checks every so often instead, and says so in
// Progress.Note. Roots without a place on disk are not followed.
func (l *Library) Watch(ctx context.Context, roots []article.Root, notify func(Progress)) {
	w := l.watcher
	if w == nil {
		w = &scan.DefaultWatcher
	}
	w.Watch(ctx, roots, func(note string) {
		l.Load(ctx, roots, func(p Progress) {
			p.Note = note
			notify(p)
		})
	}, func(note string) {
		notify(Progress{Loaded: l.Len(), Searchable: true, Final: true, Note: note})
	})
}
