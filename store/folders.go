package store

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// A start from the cache may check folders instead of files. Checking a
// file is a stat, and a million of them take seconds whatever is done
// with the answers; a folder's stamp changes whenever an entry in it is
// added, removed or renamed, which is how files arrive, go, move, and are
// saved by most editors (a new file renamed over the old). So a folder
// whose stamp is the one the last listing saw holds the files it held,
// and only changed folders are listed and their files checked, as
// notmuch's and mu's indexers do. What this cannot see is a file
// rewritten in place (a shell's >, some editors) in an unchanged folder:
// the TUI, which checks every file behind its first screen and then
// watches, and CheckFiles, see it.

// Check is how a start from the cache checks what is on disk.
type Check int

const (
	// CheckFiles checks every file's size and times.
	CheckFiles Check = iota
	// CheckFolders checks the folders' stamps, and the files of changed
	// folders alone.
	CheckFolders
	// CheckAuto is CheckFolders for a cache of more than AutoFolders
	// files, and CheckFiles for a smaller one, whose every file is
	// checked in a fraction of a second.
	CheckAuto
)

// AutoFolders is where CheckAuto turns to folders: 100,000 stats take
// about 0.4 s on the 2-core machine this was measured on.
const AutoFolders = 100_000

// racySlack is how long before its listing a folder must have last
// changed to be trusted later: a change in the same tick of the file
// system's clock as the listing (a coarse one, or another machine's on a
// network file system) would leave its stamp as it was.
const racySlack = 2 * time.Second

type folderKey struct {
	root int
	name string
}

// folderStamp is a folder's stamp when it was listed, and when that was
// (Unix nanoseconds, taken before the listing).
type folderStamp struct {
	st   scan.Stamp
	seen int64
}

// trusted says whether a folder now stamped st still holds what its
// listing found.
func (f folderStamp) trusted(st scan.Stamp) bool {
	return st == f.st && f.st.MTime < f.seen-int64(racySlack)
}

// folderSeen gathers the stamps of the folders one load lists.
type folderSeen struct {
	at int64
	mu sync.Mutex
	m  map[folderKey]scan.Stamp
}

func newFolderSeen() *folderSeen {
	return &folderSeen{at: time.Now().UnixNano(), m: map[folderKey]scan.Stamp{}}
}

func (s *folderSeen) see(root int, name string, st scan.Stamp) {
	s.mu.Lock()
	s.m[folderKey{root, name}] = st
	s.mu.Unlock()
}

// trustFolders says whether a start from the cache checks folders.
func (l *Library) trustFolders() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	switch l.Check {
	case CheckFolders:
		return true
	case CheckAuto:
		return l.segFiles+len(l.files) > AutoFolders
	}
	return false
}

// quickScopes returns what a start from the cache checks when it trusts
// folders: of each folder on record, nothing if its stamp is the same,
// its own files if not, with any folder new in it, and all of it if it
// went; a root that is a file is checked as a file. It returns nil, for a
// check of everything, when a root has no folders on record.
func (l *Library) quickScopes(roots []article.Root) []scan.Scope {
	l.mu.RLock()
	folders := l.folders
	l.mu.RUnlock()
	scopes := []scan.Scope{}
	for i := range roots {
		if roots[i].File != "" {
			scopes = append(scopes, scan.Scope{Root: i, Name: roots[i].File})
		} else if _, ok := folders[folderKey{i, "."}]; !ok || roots[i].FS == nil {
			return nil
		}
	}
	for k, f := range folders {
		fsys := roots[k.root].FS
		fi, err := fs.Lstat(fsys, k.name)
		switch {
		case err != nil || !fi.IsDir():
			scopes = append(scopes, scan.Scope{Root: k.root, Name: k.name})
		case !f.trusted(scan.StampOf(fi)):
			scopes = append(scopes, scan.Scope{Root: k.root, Name: k.name, Shallow: true})
			entries, _ := fs.ReadDir(fsys, k.name) // what cannot be read, the walk reports
			for _, e := range entries {
				sub := path.Join(k.name, e.Name())
				if _, known := folders[folderKey{k.root, sub}]; e.IsDir() && !known && !strings.HasPrefix(e.Name(), ".") {
					scopes = append(scopes, scan.Scope{Root: k.root, Name: sub})
				}
			}
		}
	}
	return outermost(scopes)
}

// outermost sorts scopes and drops each one that another holds, so that
// no file is walked twice.
func outermost(scopes []scan.Scope) []scan.Scope {
	slices.SortFunc(scopes, func(a, b scan.Scope) int {
		if a.Root != b.Root {
			return a.Root - b.Root
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return boolCmp(a.Shallow, b.Shallow) // the whole before its own files
	})
	out := scopes[:0]
	var whole []scan.Scope // the folders walked whole so far
	for _, s := range scopes {
		if !slices.ContainsFunc(whole, func(w scan.Scope) bool { return w.Holds(s.Root, s.Name) }) {
			out = append(out, s)
			if !s.Shallow {
				whole = append(whole, s)
			}
		}
	}
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// noteFolders puts what a load over scopes (nil for all) listed on
// record: the folders in the scopes are as seen now, and the rest as they
// were. A folder's record stays as it was while its stamp does, unless it
// was too fresh to be trusted. It says whether the record changed.
func (l *Library) noteFolders(scopes []scan.Scope, seen *folderSeen) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.folders
	next := make(map[folderKey]folderStamp, max(len(old), len(seen.m)))
	for k, f := range old {
		if scopes != nil && !slices.ContainsFunc(scopes, func(s scan.Scope) bool { return folderIn(s, k) }) {
			next[k] = f
		}
	}
	for k, st := range seen.m {
		if f, ok := old[k]; ok && f.trusted(st) {
			next[k] = f
		} else {
			next[k] = folderStamp{st, seen.at}
		}
	}
	l.folders = next
	return !maps.Equal(old, next)
}

// folderIn says whether a scope's walk lists the folder k.
func folderIn(s scan.Scope, k folderKey) bool {
	if s.Shallow {
		return k.root == s.Root && k.name == s.Name
	}
	return s.Holds(k.root, k.name)
}
