package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
	"github.com/broadsheet/broadsheet/seeds"
	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// openRoots decides where articles come from: the arguments, else
// $BROADSHEET_PATH, else the configuration's paths, else the embedded
// samples.
func (a *app) openRoots(paths []string) ([]article.Root, error) {
	if len(paths) == 0 {
		if env := os.Getenv("BROADSHEET_PATH"); env != "" {
			for _, p := range filepath.SplitList(env) {
				if p != "" {
					paths = append(paths, p)
				}
			}
		}
	}
	if len(paths) == 0 && a.cfg != nil {
		paths = a.cfg.Paths
	}
	if len(paths) == 0 {
		return []article.Root{{FS: seeds.FS, Name: "seeds"}}, nil
	}
	if err := checkPaths(paths); err != nil {
		return nil, err
	}
	roots, err := scan.OpenRoots(paths)
	if err != nil {
		return nil, err
	}
	if a.cfg != nil {
		for i := range roots {
			roots[i].Fields = a.cfg.fields
		}
	}
	return roots, nil
}

// newLibrary makes a library that keeps its index between runs under
// $XDG_CACHE_HOME/broadsheet.
func newLibrary() *store.Library {
	lib := store.NewLibrary()
	xdg.Reload()
	lib.CacheDir = filepath.Join(xdg.CacheHome, "broadsheet")
	return lib
}

// statePath is where read state lives.
func (a *app) statePath() string {
	if a.stateDir != "" {
		return a.stateDir
	}
	xdg.Reload()
	return filepath.Join(xdg.StateHome, "broadsheet")
}

// dataPath is where bookmarks live.
func (a *app) dataPath() string {
	if a.dataDir != "" {
		return a.dataDir
	}
	xdg.Reload()
	return filepath.Join(xdg.DataHome, "broadsheet")
}

// load reads the whole library, reporting skipped files on stderr. Past
// store.AutoFolders files it trusts the folders that did not change, as
// notmuch and mu do, so that a command over a million articles answers
// in a fraction of a second rather than after a million stats; a file
// rewritten in place there waits for --check-files or the reader.
func (a *app) load(paths []string) (*store.Library, error) {
	roots, err := a.openRoots(paths)
	if err != nil {
		return nil, err
	}
	lib := newLibrary()
	lib.Check = store.CheckAuto
	if a.checkFiles {
		lib.Check = store.CheckFiles
	}
	lib.Load(context.Background(), roots, nil)
	// A cold load of a large folder streams into several segments; merged
	// now, before the answer, every later run reads one. A cache not
	// written only costs the next start time, as in Load.
	_, _ = lib.Compact()
	for _, s := range lib.Skipped() {
		fmt.Fprintln(a.stderr, "broadsheet: skipped "+s.String())
	}
	return lib, nil
}
