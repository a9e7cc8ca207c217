package scan

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/broadsheet/broadsheet/store/article"
)

// File is a candidate article file a walk found: its root's index in the
// roots walked, its name within the root, and a way to stat it, a system
// call the caller may not need.
type File struct {
	Root int
	Name string
	Stat func() (fs.FileInfo, error)
	// From, set by the walk's caller, is where to read a grown file of
	// many records from (see Split).
	From int64
}

// Visit is what a walk reports as it goes. Found is told of each
// candidate file, in lexical order within a folder, and Failed of what
// cannot be walked or read (ErrIgnored and ErrUnsupported among them: see
// classify). Folder, when set, is told of each folder the walk lists, with
// its stamp from just before the listing: a folder whose stamp is the same
// later has had no entry added, removed or renamed since.
type Visit struct {
	Found  func(File)
	Failed func(root int, name string, err error)
	Folder func(root int, name string, st Stamp)
}

// Walk walks every root until ctx ends, reporting to v. The walk checks
// every file, which is most of a warm start, so the top folders of each
// root are walked on every core: v's functions are called from several
// goroutines at once. Walk returns when all is walked.
func Walk(ctx context.Context, roots []article.Root, v Visit) {
	type task struct {
		root  int
		start string
	}
	var tasks []task
	for i := range roots {
		var subdirs []string
		walkRoot(ctx, i, &roots[i], ".", &subdirs, false, v)
		for _, d := range subdirs {
			tasks = append(tasks, task{i, d})
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= len(tasks) {
					return
				}
				t := tasks[n]
				walkRoot(ctx, t.root, &roots[t.root], t.start, nil, false, v)
			}
		}()
	}
	wg.Wait()
}

// walkRoot walks r (roots[ri]) from start, skipping hidden files and
// folders. With subdirs, folders below start are listed there instead of
// walked; with shallow, they are left alone: only start's own files are
// walked.
func walkRoot(ctx context.Context, ri int, r *article.Root, start string, subdirs *[]string, shallow bool, v Visit) {
	if r.File != "" {
		v.Found(File{Root: ri, Name: r.File, Stat: func() (fs.FileInfo, error) { return fs.Stat(r.FS, r.File) }})
		return
	}
	_ = fs.WalkDir(r.FS, start, func(name string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			v.Failed(ri, name, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if name != "." && strings.HasPrefix(path.Base(name), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if name != start && (subdirs != nil || shallow) {
				if subdirs != nil {
					*subdirs = append(*subdirs, name)
				}
				return fs.SkipDir
			}
			if v.Folder != nil {
				if fi, err := d.Info(); err == nil {
					v.Folder(ri, name, StampOf(fi))
				}
			}
			return nil
		}
		if err := classify(name); err != nil {
			v.Failed(ri, name, err)
		} else {
			entry(ri, r, name, d, v.Found, v.Failed)
		}
		return nil
	})
}

// entry reports one directory entry that may be an article's file.
func entry(ri int, r *article.Root, name string, d fs.DirEntry, found func(File), failed func(int, string, error)) {
	switch mode := d.Type(); {
	case mode.IsRegular():
		found(File{Root: ri, Name: name, Stat: d.Info})
	case mode&fs.ModeSymlink != 0:
		// A link to a file is read; a link to a folder is not followed,
		// so a loop or a link to a parent cannot recur.
		fi, err := fs.Stat(r.FS, name)
		switch {
		case err != nil:
			failed(ri, name, err)
		case fi.Mode().IsRegular():
			found(File{Root: ri, Name: name, Stat: func() (fs.FileInfo, error) { return fi, nil }})
		case !fi.IsDir():
			failed(ri, name, notRegular(fi.Mode()))
		}
	default:
		failed(ri, name, notRegular(mode))
	}
}

// Scope is part of a root a rescan checks: the file or folder name (slash
// separated, "." for the whole root) and everything below it, or, when
// Shallow, the files directly in the folder name alone.
type Scope struct {
	Root    int
	Name    string
	Shallow bool
}

// Holds says whether the file name of root is in the scope.
func (s Scope) Holds(root int, name string) bool {
	switch {
	case root != s.Root:
		return false
	case s.Shallow:
		return path.Dir(name) == s.Name
	}
	return s.Name == "." || name == s.Name || strings.HasPrefix(name, s.Name+"/")
}

// ScopesOf turns changed paths on disk into scopes of roots; ok is false
// when one is a root itself, or names a root's place, so that everything
// must be checked. A path in no root, or in a hidden file or folder, is
// left out, as a walk leaves them.
func ScopesOf(roots []article.Root, paths []string) (scopes []Scope, ok bool) {
	for _, p := range paths {
		for i, r := range roots {
			if r.Key == "" {
				continue
			}
			if r.File != "" {
				if p == r.Key {
					scopes = append(scopes, Scope{Root: i, Name: r.File})
				}
				continue
			}
			rel, err := filepath.Rel(r.Key, p)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				continue
			}
			if rel == "." {
				return nil, false
			}
			name := filepath.ToSlash(rel)
			if !hiddenName(name) {
				scopes = append(scopes, Scope{Root: i, Name: name})
			}
		}
	}
	return scopes, true
}

func hiddenName(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// WalkScopes walks the scopes as Walk walks whole roots; a scope whose
// file or folder is not there any more finds nothing and fails nothing.
func WalkScopes(ctx context.Context, roots []article.Root, scopes []Scope, v Visit) {
	for _, s := range scopes {
		r := &roots[s.Root]
		if r.File != "" {
			walkRoot(ctx, s.Root, r, ".", nil, false, v)
			continue
		}
		fi, err := fs.Lstat(r.FS, s.Name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err == nil && fi.Mode()&fs.ModeSymlink != 0:
			// As a walk meets it: a link to a file is read, a link to a
			// folder is not followed.
			if err := classify(s.Name); err != nil {
				v.Failed(s.Root, s.Name, err)
			} else {
				entry(s.Root, r, s.Name, fs.FileInfoToDirEntry(fi), v.Found, v.Failed)
			}
		default:
			walkRoot(ctx, s.Root, r, s.Name, nil, s.Shallow, v)
		}
	}
}
