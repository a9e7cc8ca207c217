package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
	"github.com/fsnotify/fsnotify"
)

// Watch timings: a burst of changes (a sync tool landing thousands of
// files) is taken in one rescan once it pauses, or after at most
// watchMax; where the folders cannot all be watched, they are checked
// every pollEvery.
var (
	watchQuiet = 250 * time.Millisecond
	watchMax   = time.Second
	pollEvery  = 10 * time.Second
	// newWatcher makes the watcher; tests make one that fails.
	newWatcher = fsnotify.NewWatcher
)

// Watch follows the roots after Load, until ctx ends: files added,
// changed, renamed or removed show in the library within about a second.
// Each burst of changes is one rescan, as Load does it: every file's size
// and time checked, only new or changed files read. Where the system runs
// out of watches, it checks every pollEvery instead, and says so in
// Progress.Note. Roots without a place on disk are not followed.
func (l *Library) Watch(ctx context.Context, roots []Root, notify func(Progress)) {
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
	rescan := func(note string) {
		l.Load(ctx, roots, func(p Progress) {
			p.Note = note
			notify(p)
		})
	}
	w, err := newWatcher()
	if err == nil {
		for _, d := range dirs {
			if err = watchTree(w, d); err != nil {
				break
			}
		}
	}
	if err != nil {
		if w != nil {
			w.Close()
		}
		note := "folders checked every " + pollEvery.String() + " (" + watchError(err) + ")"
		notify(Progress{Loaded: l.Len(), Searchable: true, Final: true, Note: note})
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				rescan(note)
			}
		}
	}
	defer w.Close()

	var quiet, deadline <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				// A new folder is watched too, with what is already in it.
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() && !hidden(ev.Name) {
					watchTree(w, ev.Name)
				}
			}
			quiet = time.After(watchQuiet)
			if deadline == nil {
				deadline = time.After(watchMax)
			}
		case <-w.Errors:
			// An overflowed queue loses events: a rescan finds all.
			quiet = time.After(watchQuiet)
		case <-quiet:
			quiet, deadline = nil, nil
			rescan("")
		case <-deadline:
			quiet, deadline = nil, nil
			rescan("")
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
