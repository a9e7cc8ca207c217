package state

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// pollEvery is how often Watch looks at the files when the system cannot
// tell it of changes.
const pollEvery = 500 * time.Millisecond

// Watch calls changed soon after any of the state files at paths is
// written, by this instance or another (the CLI, a second TUI), until ctx
// is done; it then returns ctx.Err(). It watches the files' folders, and
// through a symlink its target's, with fsnotify, and falls back to a stat
// of each file every 500 ms when that cannot be done (a folder not made
// yet, no watches left). changed may be called more than once for one
// write and from another goroutine: it should only ask for a Reload, which
// costs a stat when nothing changed.
func Watch(ctx context.Context, paths []string, changed func()) error {
	return watcher{}.watch(ctx, paths, changed)
}

// watcher is how Watch follows the files; poll skips fsnotify, for tests.
type watcher struct{ poll bool }

func (w watcher) watch(ctx context.Context, paths []string, changed func()) error {
	if !w.poll {
		if err := watchEvents(ctx, paths, changed); err == nil || ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return pollFiles(ctx, paths, changed)
}

// watchEvents follows the files with fsnotify; it returns an error at
// once when the folders cannot be watched, or later when the watch ends.
func watchEvents(ctx context.Context, paths []string, changed func()) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer fw.Close()
	names := map[string]bool{} // the files, as links and as targets
	dirs := map[string]bool{}
	for _, p := range paths {
		target, err := resolveLink(p)
		if err != nil {
			return err
		}
		for _, f := range []string{filepath.Clean(p), filepath.Clean(target)} {
			names[f] = true
			dirs[filepath.Dir(f)] = true
		}
	}
	for d := range dirs {
		if err := fw.Add(d); err != nil {
			return err
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return errors.New("the watch ended")
			}
			if names[filepath.Clean(ev.Name)] {
				changed()
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return errors.New("the watch ended")
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				changed() // events were lost: look again
				continue
			}
			return err
		}
	}
}

// pollFiles stats each file every pollEvery and calls changed when one is
// no longer the file it was (size, time or inode).
func pollFiles(ctx context.Context, paths []string, changed func()) error {
	last := make([]os.FileInfo, len(paths))
	for i, p := range paths {
		last[i], _ = os.Stat(p)
	}
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		seen := false
		for i, p := range paths {
			fi, _ := os.Stat(p)
			if !sameFile(fi, last[i]) {
				last[i], seen = fi, true
			}
		}
		if seen {
			changed()
		}
	}
}
