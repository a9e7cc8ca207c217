package store

// The cache keeps a load's results between runs, in
// $XDG_CACHE_HOME/broadsheet: for each set of roots a manifest
// (lib-<hash of the roots>.manifest, see manifest.go) naming segment
// files (lib-<hash>-<n>.seg, see store/segment), which hold the articles'
// rows, their files and the index, and are mapped, never decoded whole.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
)

// cachePath is where the index of these roots lives, or "" when they are
// not cached: no CacheDir, a root (the embedded samples) with no Key, or
// only small single files, a one-off (show FILE) whose index would cost
// more than reading them and never be read again. A large file, a dataset
// of many articles, is cached like a folder.
func (l *Library) cachePath(roots []article.Root) string {
	if l.CacheDir == "" || len(roots) == 0 {
		return ""
	}
	h := sha256.New()
	worth := false
	for _, r := range roots {
		if r.Key == "" {
			return ""
		}
		if fi, err := os.Stat(r.Key); r.File == "" || err == nil && fi.Size() >= cacheFileMin {
			worth = true
		}
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", r.Key, r.File, r.Fields)
	}
	if !worth {
		return ""
	}
	return filepath.Join(l.CacheDir, "lib-"+hex.EncodeToString(h.Sum(nil)[:12])+".manifest")
}

// reset empties the library, after a cache that turned out bad.
func (l *Library) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs, l.pairs, l.byID, l.order, l.dead, l.files = nil, nil, make(map[article.ID]uint32), nil, nil, nil
	l.bad, l.folders = nil, nil
	l.idx = index.New()
	l.ranks.of = nil
	l.gen++
	l.segs, l.segDocs, l.segFiles, l.made, l.segGone, l.segLive = nil, 0, 0, madeTable{}, nil, nil
	l.segPrefix = prefixCache{}
}

// The cache folder's bounds: an index not used for cacheAge goes (a
// folder set opened once), and past cacheMax in all, the least recently
// used go first.
const (
	cacheAge = 30 * 24 * time.Hour
	cacheMax = 1 << 30
	// cacheFileMin is the size from which a file named alone is cached.
	cacheFileMin = 1 << 20
)

// pruneCache keeps the cache folder within its bounds; keep, the
// manifest just written, and its segments always stay. A library counts
// as used when its manifest was last read or written, and weighs what its
// segments do; segments no manifest names (merged away, or a save that
// died before its manifest) go once they are old enough that no save can
// still be writing its manifest. Caches of the single-file format before
// segments go.
func (l *Library) pruneCache(keep string) {
	limit := int64(cacheMax)
	if l.cacheMax > 0 {
		limit = l.cacheMax
	}
	dir := filepath.Dir(keep)
	old, _ := filepath.Glob(filepath.Join(dir, "index-*.bin"))
	for _, n := range old {
		os.Remove(n)
	}
	type entry struct {
		files []string
		size  int64
		used  time.Time
	}
	named := map[string]bool{}
	var live []entry
	total := int64(0)
	manifests, _ := filepath.Glob(filepath.Join(dir, "lib-*.manifest"))
	for _, n := range manifests {
		fi, err := os.Stat(n)
		if err != nil {
			continue
		}
		e := entry{files: []string{n, n + ".lock"}, size: fi.Size(), used: fi.ModTime()}
		if m, err := readManifestAny(n); err == nil {
			for _, s := range m {
				named[s] = true
				e.files = append(e.files, filepath.Join(dir, s))
				if si, err := os.Stat(filepath.Join(dir, s)); err == nil {
					e.size += si.Size()
				}
			}
		}
		total += e.size
		switch {
		case n == keep:
		case time.Since(e.used) > cacheAge:
			removeAll(e.files)
			total -= e.size
		default:
			live = append(live, e)
		}
	}
	segs, _ := filepath.Glob(filepath.Join(dir, "lib-*.seg"))
	for _, n := range segs {
		if fi, err := os.Stat(n); err == nil && !named[filepath.Base(n)] && time.Since(fi.ModTime()) > segGrace {
			os.Remove(n)
		}
	}
	removeLeftovers(dir)
	slices.SortFunc(live, func(a, b entry) int { return a.used.Compare(b.used) })
	for _, e := range live {
		if total <= limit {
			break
		}
		removeAll(e.files)
		total -= e.size
	}
}

// segGrace is how old a segment no manifest names must be before it
// goes: a save writes its segments before the manifest that names them.
const segGrace = 10 * time.Minute

// removeLeftovers removes what saves killed while writing a segment left
// in dir: the segment's temporary file and its spills, which a million
// articles make hundreds of megabytes of. A save still writing one has
// modified it moments ago.
func removeLeftovers(dir string) {
	for _, pat := range []string{"lib-*.seg.tmp*", "lib-*.seg.dict*", "lib-*.seg.prefix*"} {
		left, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, n := range left {
			if fi, err := os.Stat(n); err == nil && time.Since(fi.ModTime()) > segGrace {
				os.Remove(n)
			}
		}
	}
}

func removeAll(files []string) {
	for _, f := range files {
		os.Remove(f)
	}
}
