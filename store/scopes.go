package store

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/segment"
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
		l.unmarked = nil
		return known
	}
	for i := range l.segLive {
		l.segLive[i] = ^uint64(0)
	}
	l.unmarked = make([][2]int, 0, len(scopes)) // not nil: none, not all
	for _, s := range scopes {
		for _, p := range l.segs {
			for _, r := range segFilesIn(p.seg, s) {
				for j := r[0]; j < r[1]; j++ {
					l.segLive.Clear(uint32(p.fileBase + j))
				}
				l.unmarked = append(l.unmarked, [2]int{p.fileBase + r[0], p.fileBase + r[1]})
			}
		}
	}
	return known
}

// anyWent says whether a load over scopes left a file record of them
// unfound: if not, settling has nothing to do, and a check of a few
// folders of a million files need not look at the rest. The caller holds
// the lock.
func (l *Library) anyWent() bool {
	for _, r := range l.unmarked {
		for f := r[0]; f < r[1]; f++ {
			if !l.segLive.Has(uint32(f)) && !l.segGone.Has(uint32(f)) {
				return true
			}
		}
	}
	return slices.ContainsFunc(l.files, func(f fileRec) bool { return !f.live })
}

// segFilesIn returns the ranges of seg's files, [lo,hi) each, in the
// scope s. A shallow scope's are the files directly in its folder: the
// files below it are in name order, so each subfolder's run of names is
// stepped over in one search.
func segFilesIn(seg *segment.Segment, s scan.Scope) [][2]int {
	under := seg.FilesUnder(uint32(s.Root), s.Name)
	if !s.Shallow {
		return under
	}
	prefix := s.Name + "/"
	if s.Name == "." {
		prefix = ""
	}
	var out [][2]int
	r := under[len(under)-1] // the names below the folder
	for j := r[0]; j < r[1]; {
		_, name := seg.FileName(j)
		rest := name[min(len(prefix), len(name)):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			sub := seg.FilesUnder(uint32(s.Root), prefix+rest[:i])
			j = max(j+1, sub[len(sub)-1][1])
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == j {
			out[n-1][1]++
		} else {
			out = append(out, [2]int{j, j + 1})
		}
		j++
	}
	return out
}

// inScopes says whether a skip's path, as shown, is in the scopes of the
// roots: the path of a file or folder in one, below one, or a record of
// one (FILE:LINE); for a shallow scope, of a file directly in its folder.
// Every path is, with no scopes.
func inScopes(roots []article.Root, scopes []scan.Scope, path string) bool {
	if scopes == nil {
		return true
	}
	sep := string(filepath.Separator)
	for _, s := range scopes {
		d := roots[s.Root].DisplayPath(s.Name)
		rest, below := strings.CutPrefix(path, d+sep)
		if d == "." {
			rest, below = path, true
		}
		if s.Shallow {
			file, _, _ := strings.Cut(rest, ":")
			if below && !strings.Contains(file, sep) {
				return true
			}
			continue
		}
		if s.Name == "." || path == d || below || strings.HasPrefix(path, d+":") {
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
