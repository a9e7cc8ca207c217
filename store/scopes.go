package store

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
)

// A load checks the scopes it is given (all of every root, for none):
// the file records in them are unmarked until the walk finds them again,
// and the rest stand as they are.

// unmarkFiles marks every file the library holds in the scopes (all, for
// nil) as not found yet, since a load must find it again for it to stay,
// and maps the tail's by name; the segments' are found in place
// (knownFiles).
func (l *Library) unmarkFiles(scopes []scan.Scope) map[fileKey][]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	known := make(map[fileKey][]int, len(l.files))
	for i := range l.files {
		l.files[i].live = scopes != nil && !slices.ContainsFunc(scopes, func(s scan.Scope) bool {
			return s.Holds(l.files[i].root, l.files[i].name)
		})
		k := fileKey{l.files[i].root, l.files[i].name}
		known[k] = append(known[k], l.segFiles+i)
	}
	l.segLive = index.NewBitset(l.segFiles)
	if scopes == nil {
		return known
	}
	for i := range l.segLive {
		l.segLive[i] = ^uint64(0)
	}
	for _, s := range scopes {
		for _, p := range l.segs {
			for _, r := range p.seg.FilesUnder(uint32(s.Root), s.Name) {
				for j := r[0]; j < r[1]; j++ {
					l.segLive.Clear(uint32(p.fileBase + j))
				}
			}
		}
	}
	return known
}

// inScopes says whether a skip's path, as shown, is in the scopes of the
// roots: the path of a file or folder in one, below one, or a record of
// one (FILE:LINE). Every path is, with no scopes.
func inScopes(roots []article.Root, scopes []scan.Scope, path string) bool {
	if scopes == nil {
		return true
	}
	for _, s := range scopes {
		d := roots[s.Root].DisplayPath(s.Name)
		if s.Name == "." || path == d || strings.HasPrefix(path, d+string(filepath.Separator)) || strings.HasPrefix(path, d+":") {
			return true
		}
	}
	return false
}

// knownFiles returns the file numbers of the records the library holds
// of a file.
func (ld *loader) knownFiles(k fileKey) []int {
	recs := ld.known[k]
	if ld.segFiles == 0 {
		return recs
	}
	ld.l.mu.RLock()
	defer ld.l.mu.RUnlock()
	return append(ld.l.segFileRecs(k.root, k.name), recs...)
}
