package article

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"
)

// Root is one place articles come from: a folder or a single file given on
// the command line, or the embedded samples.
type Root struct {
	FS fs.FS
	// Name is how paths under this root are shown: the argument as typed.
	Name string
	// File, when set, is the one file of FS this root stands for.
	File string
	// Key names the root for the cache: its absolute path. Roots without
	// one (the embedded samples) are not cached.
	Key string
	// Fields maps a dataset's field names beyond the common ones (the
	// configuration's [formats.json]); the zero value maps none.
	Fields Fields
}

// DisplayPath is how a file under the root is shown to people.
func (r *Root) DisplayPath(name string) string {
	if r.Name == "" || r.Name == "." {
		return filepath.FromSlash(name)
	}
	return filepath.Join(r.Name, filepath.FromSlash(name))
}

// DisplayDir is the folder DisplayPath joins names to: the root's Name,
// cleaned. AppendDisplayPath takes it, worked out once for many names.
func (r *Root) DisplayDir() string { return filepath.Clean(r.Name) }

// AppendDisplayPath appends DisplayPath(name) to dst; dir is DisplayDir's.
// A name as a walk makes it, clean and relative, is joined as it stands,
// without Join's pass over the whole path and its allocation: a listing
// of half a million articles spent a third of its time joining.
func (r *Root) AppendDisplayPath(dst []byte, dir, name string) []byte {
	if r.Name == "" || dir == "." || filepath.Separator != '/' || !cleanName(name) {
		return append(dst, r.DisplayPath(name)...)
	}
	dst = append(dst, dir...)
	if dir != "/" {
		dst = append(dst, '/')
	}
	return append(dst, name...)
}

// cleanName says whether name is a relative slash-separated path that
// path.Clean leaves as it is and that has no ".." in it.
func cleanName(name string) bool {
	if name == "" || name[0] == '/' {
		return false
	}
	for len(name) > 0 {
		elem, rest, more := strings.Cut(name, "/")
		if elem == "" || elem == "." || elem == ".." || more && rest == "" {
			return false
		}
		name = rest
	}
	return true
}

// Dir is the folder on disk that FS reads, for a root that is on disk
// (one with a Key): the argument's folder, or the folder of its one file.
func (r *Root) Dir() (string, bool) {
	switch {
	case r.Key == "":
		return "", false
	case r.File != "":
		return filepath.Dir(r.Key), true
	}
	return r.Key, true
}

// Loc is where an article is, as a value: the root it was found under,
// its file's slash-separated name within the root's FS, and, for a format
// whose files hold many articles, the byte offset of its record. An
// article with no Root (one a test or caller added by hand) has no file
// to read again.
type Loc struct {
	Root   *Root
	Name   string
	Offset int64
}

// Path is the article's file as shown to people.
func (l Loc) Path() string {
	if l.Root == nil {
		return filepath.FromSlash(l.Name)
	}
	return l.Root.DisplayPath(l.Name)
}

// Folder is the folder of the article's file relative to its root ("" for
// the root itself).
func (l Loc) Folder() string { return FolderOf(l.Name) }

// FolderOf is the folder part of a slash-separated name, in the system's
// form, or "" for none.
func FolderOf(name string) string {
	dir := filepath.FromSlash(path.Dir(name))
	if dir == "." {
		return ""
	}
	return dir
}
