package store

// The cache keeps a load's results between runs, in
// $XDG_CACHE_HOME/broadsheet/index-<hash of the roots>.bin:
//
//	magic    "broadsheet index\n"
//	version  uint32, little-endian (cacheVersion)
//	crc      uint32, CRC-32 (IEEE) of everything after the header
//	length   uint64, the bytes after the header
//	roots    count, then each root's Key and File (strings)
//	docs     count, then each article's list fields (see encodeDoc)
//	files    count, then each file record: root, name, offset, size,
//	         modification time, change time, inode, doc
//	order    count, then the doc numbers newest first: a permutation
//	bad      count, then each file with records that could not be read:
//	         root, name, count, then each record's path and reason
//	index    the words and both posting sets (see index.Encode)
//
// Counts and numbers are varints, strings a varint length and the bytes.
// Everything after the header is checked by the CRC and decoded with every
// count and length bounded by the bytes left, so a corrupt, truncated or
// foreign file is discarded, never trusted, and rebuilt by the next load.

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/state"
)

const (
	cacheMagic   = "broadsheet index\n"
	cacheVersion = 9
	headerLen    = len(cacheMagic) + 4 + 4 + 8
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
	return filepath.Join(l.CacheDir, "index-"+hex.EncodeToString(h.Sum(nil)[:12])+".bin")
}

// readCache puts the cached library for roots into l, which must be
// empty. The articles go in first and shown is called, so that a screen
// can be drawn before the index is decoded; then the index goes in. On an
// error l may hold part of the cache: the caller resets it.
func (l *Library) readCache(file string, roots []article.Root, shown func()) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	head := make([]byte, headerLen)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(cacheMagic)]) != cacheMagic {
		return index.ErrCorrupt
	}
	h := head[len(cacheMagic):]
	version := binary.LittleEndian.Uint32(h[0:])
	sum := binary.LittleEndian.Uint32(h[4:])
	length := int64(binary.LittleEndian.Uint64(h[8:]))
	if version != cacheVersion || length != fi.Size()-int64(len(head)) {
		return index.ErrCorrupt
	}
	crc := crc32.NewIEEE()
	d := index.NewDecoder(bufio.NewReaderSize(io.TeeReader(br, crc), 1<<16), length)
	c, err := decodeDocs(d, roots)
	if err != nil {
		return err
	}
	l.installDocs(c)
	if shown != nil {
		shown()
	}
	x, err := index.Decode(d, len(c.docs))
	if err != nil {
		return err
	}
	if d.Err() != nil || d.Left() != 0 || crc.Sum32() != sum {
		return index.ErrCorrupt
	}
	l.mu.Lock()
	l.idx = x
	l.mu.Unlock()
	// Marked as used, so that pruning keeps what is read but never
	// rewritten (a library that did not change).
	now := time.Now()
	_ = os.Chtimes(file, now, now)
	return nil
}

// reset empties the library, after a cache that turned out bad.
func (l *Library) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs, l.byID, l.order, l.dead, l.files = nil, make(map[article.ID]uint32), nil, nil, nil
	l.bad = nil
	l.idx = index.New()
	l.ranks.of = nil
}

// installDocs makes a decoded cache's articles the library's content,
// with an empty index until the cache's is read.
func (l *Library) installDocs(c *cached) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs, l.files, l.order, l.bad = c.docs, c.files, c.order, c.bad
	l.ranks.of = nil
	l.byID = make(map[article.ID]uint32, len(c.docs))
	for i, a := range c.docs {
		l.byID[a.ID] = uint32(i)
	}
	l.idx = index.New()
}

// writeCache saves the library's live articles, renumbered without the
// dead, atomically: a crash or a second instance writing at once leaves
// one whole cache or the other.
func (l *Library) writeCache(file string, roots []article.Root) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	state.RemoveStaleTemps(filepath.Join(filepath.Dir(file), ".index-*.tmp"))
	tmp, err := os.CreateTemp(filepath.Dir(file), ".index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = l.encodeCache(tmp, roots)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return err
	}
	l.pruneCache(file)
	return nil
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

// pruneCache keeps the cache folder within its bounds; keep, the index
// just written, always stays.
func (l *Library) pruneCache(keep string) {
	limit := int64(cacheMax)
	if l.cacheMax > 0 {
		limit = l.cacheMax
	}
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(keep), "index-*.bin"))
	type entry struct {
		name string
		size int64
		used time.Time
	}
	var live []entry
	total := int64(0)
	for _, n := range names {
		fi, err := os.Stat(n)
		switch {
		case err != nil || n == keep:
			if err == nil {
				total += fi.Size()
			}
		case time.Since(fi.ModTime()) > cacheAge:
			os.Remove(n)
		default:
			live = append(live, entry{n, fi.Size(), fi.ModTime()})
			total += fi.Size()
		}
	}
	slices.SortFunc(live, func(a, b entry) int { return a.used.Compare(b.used) })
	for _, e := range live {
		if total <= limit {
			break
		}
		if os.Remove(e.name) == nil {
			total -= e.size
		}
	}
}

// encodeCache writes the cache into f: the body first, then the header
// with its length and CRC.
func (l *Library) encodeCache(f *os.File, roots []article.Root) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	head := make([]byte, headerLen)
	copy(head, cacheMagic)
	if _, err := f.Write(head); err != nil {
		return err
	}
	crc := crc32.NewIEEE()
	bw := bufio.NewWriterSize(io.MultiWriter(f, crc), 1<<16)
	e := index.NewEncoder(bw)
	renum, live := l.encodeDocs(e, roots)
	l.idx.Encode(e, renum, live)
	if e.Err() != nil {
		return e.Err()
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	end, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	h := head[len(cacheMagic):]
	binary.LittleEndian.PutUint32(h[0:], cacheVersion)
	binary.LittleEndian.PutUint32(h[4:], crc.Sum32())
	binary.LittleEndian.PutUint64(h[8:], uint64(end)-uint64(len(head)))
	_, err = f.WriteAt(head, 0)
	return err
}
