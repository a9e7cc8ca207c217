package scan

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/fsnotify/fsnotify"
)

// Watcher follows folders for changes. A burst of changes (a sync tool
// landing thousands of files) is taken in one rescan once it pauses for
// Quiet, or after at most Max; where the folders cannot all be watched,
// they are checked every Poll.
type Watcher struct {
	Quiet, Max, Poll time.Duration
	// New makes the system's watcher; tests make one that fails.
	New func() (*fsnotify.Watcher, error)
}

// DefaultWatcher is how broadsheet follows its folders.
var DefaultWatcher = Watcher{
	Quiet: 250 * time.Millisecond, Max: time.Second, Poll: 10 * time.Second,
	New: fsnotify.NewWatcher,
}

// Watch follows the roots until ctx ends, calling rescan after each burst
// of changes with the paths that changed (files, or folders made, moved
// or removed, each standing for everything below it), or nil when
// everything must be checked: a root came or went, the system's queue
// overflowed, or the burst named more than MaxPaths. Where the system
// runs out of watches it calls polling once, with a note saying so, then
// rescan with that note and nil every Poll. Otherwise it calls ready (if
// not nil) once the watches are in place, before the first event is
// taken: what changed before then sent no event to take, and ready is
// the caller's chance to look for it. Roots without a place on disk are
// not followed.
func (wt Watcher) Watch(ctx context.Context, roots []article.Root, ready func(), rescan func(note string, changed []string), polling func(note string)) {
	var dirs []string
	for _, r := range roots {
		switch {
		case r.Key == "":
		case r.File != "":
			dirs = append(dirs, filepath.Dir(r.Key))
		default:
			dirs = append(dirs, r.Key)
		}
	}
	if len(dirs) == 0 {
		return
	}
	w, err := wt.New()
	if err == nil {
		for _, d := range dirs {
			if err = watchTree(w, d); err != nil {
				break
			}
		}
	}
	// A root's parent is watched too, for the root's own comings and
	// goings: deleted and made again, or moved away and back, it is
	// watched again and read.
	parents := map[string]bool{}
	for _, d := range dirs {
		if p := filepath.Dir(d); err == nil && p != d && !within(p, dirs) && !parents[p] {
			parents[p] = true
			err = w.Add(p)
		}
	}
	if err != nil {
		if w != nil {
			w.Close()
		}
		wt.poll(ctx, "folders checked every "+wt.Poll.String()+" ("+watchError(err)+")", rescan, polling)
		return
	}
	defer w.Close()
	if ready != nil {
		ready()
	}
	wt.follow(ctx, w, dirs, parents, rescan)
}

// within says whether path is one of dirs or inside one.
func within(path string, dirs []string) bool {
	for _, d := range dirs {
		if path == d || strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// MaxPaths is how many changed paths a burst may name before its rescan
// checks everything, which is then cheaper than checking each.
const MaxPaths = 4096

// poll rescans every Poll.
func (wt Watcher) poll(ctx context.Context, note string, rescan func(string, []string), polling func(string)) {
	polling(note)
	tick := time.NewTicker(wt.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			rescan(note, nil)
		}
	}
}

// follow rescans after each burst of w's events, of which those in the
// roots' parents count only for the roots themselves.
func (wt Watcher) follow(ctx context.Context, w *fsnotify.Watcher, roots []string, parents map[string]bool, rescan func(string, []string)) {
	var quiet, deadline <-chan time.Time
	var changed []string
	all := false // the burst needs everything checked
	fire := func() {
		paths := changed
		if all || len(paths) > MaxPaths {
			paths = nil
		}
		quiet, deadline, changed, all = nil, nil, nil, false
		rescan("", paths)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if parents[filepath.Dir(ev.Name)] {
				if !slices.Contains(roots, ev.Name) {
					continue // a sibling of a root
				}
				all = true // the root itself
			}
			if !all && len(changed) <= MaxPaths && !slices.Contains(changed, ev.Name) {
				changed = append(changed, ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				// A new folder is watched too, with what is already in it.
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() && (!hidden(ev.Name) || slices.Contains(roots, ev.Name)) {
					watchTree(w, ev.Name)
				}
			}
			quiet = time.After(wt.Quiet)
			if deadline == nil {
				deadline = time.After(wt.Max)
			}
		case <-w.Errors:
			// An overflowed queue loses events: a rescan finds all.
			all = true
			quiet = time.After(wt.Quiet)
		case <-quiet:
			fire()
		case <-deadline:
			fire()
		}
	}
}

// watchTree watches dir and every folder below it that is not hidden.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if path != dir && hidden(path) {
			return filepath.SkipDir
		}
		return w.Add(path)
	})
}

func hidden(path string) bool { return strings.HasPrefix(filepath.Base(path), ".") }

func watchError(err error) string {
	if errors.Is(err, syscall.ENOSPC) { // inotify's way of saying so
		return "the system's limit on watched folders was reached"
	}
	return text.SanitizeLine(err.Error())
}
