package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/gofrs/flock"
)

// stateFile is a set keyed by article ID (bookmarks, read state, tags,
// notes) or by name (saved searches) kept in a JSON file that several
// instances may share, and changed by a TUI that
// must never wait on the disk.
//
// A change is made in memory at once and queued (apply); Save then locks
// the file, reads what is on disk, makes the queued changes to it in the
// order they were made and replaces the file atomically. So a key pressed
// twice before the first save has run counts twice, another instance's
// change made meanwhile is kept, and the saves of racing commands are one
// after another. A file that cannot be understood is copied aside and
// never written over; a change that could not be saved is undone in
// memory, so that the screen never shows what the file does not hold.
type stateFile[K comparable, T any] struct {
	what string // what it holds, for messages: "bookmarks"
	path string
	// read decodes the file, returning with the set the top-level members
	// it does not know (see object.rest); write encodes them back.
	read  func(path string, data []byte) (map[K]T, string, error)
	write func(set map[K]T, rest string) ([]byte, error)

	// disk is held through every round with the file (Save, Reload), so
	// that they run one at a time; mu is never held while on disk.
	disk sync.Mutex
	mu   sync.Mutex
	// base is the set as last read or written, with the file's top-level
	// members this build does not know, and the file as it was then.
	base  map[K]T
	rest  string
	stamp os.FileInfo
	// set is base with the queued changes made to it: what is shown.
	set     map[K]T
	pending *batch[K, T]
	// broken is why the file on disk cannot be trusted; while set, nothing
	// is written so that nothing in it is lost.
	broken error
}

// batch is the changes queued between two saves. Its outcome is set, under
// disk, by the save that wrote it.
type batch[K comparable, T any] struct {
	changes []func(map[K]T)
	done    bool
	err     error
}

// open reads the file; a missing one is an empty set.
func (s *stateFile[K, T]) open() error {
	s.base, s.set, s.pending = map[K]T{}, map[K]T{}, &batch[K, T]{}
	set, rest, fi, err := s.load()
	if err != nil {
		s.broken = brokenFile(s.path, err)
		return s.broken
	}
	s.base, s.rest, s.stamp = set, rest, fi
	s.set = maps.Clone(set)
	return nil
}

// load reads the file, through a symlink; one over maxStateFileSize is
// refused from its size alone, neither read nor copied aside.
// It returns the file as opened, nil for none, to tell later whether it
// changed.
func (s *stateFile[K, T]) load() (map[K]T, string, os.FileInfo, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[K]T{}, "", nil, nil
	}
	if err != nil {
		return nil, "", nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, "", nil, err
	}
	if fi.Size() > maxStateFileSize {
		return nil, "", nil, tooBig(s.path, fi.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxStateFileSize+1))
	if err != nil {
		return nil, "", nil, fmt.Errorf("reading %s: %w", s.path, err)
	}
	if len(data) > maxStateFileSize { // it grew while being read
		return nil, "", nil, tooBig(s.path, int64(len(data)))
	}
	set, rest, err := s.read(s.path, data)
	return set, rest, fi, err
}

// maxStateFileSize bounds a state file: far more than a lifetime of
// bookmarks, and a file past it is not one broadsheet wrote.
const maxStateFileSize = 64 << 20

func tooBig(path string, size int64) error {
	return fmt.Errorf("%s is %.1f MB, over the %d MB a state file may be: it was not read", path,
		float64(size)/(1<<20), maxStateFileSize>>20)
}

func (s *stateFile[K, T]) get(id K) (T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.set[id]
	return v, ok
}

func (s *stateFile[K, T]) has(id K) bool {
	_, ok := s.get(id)
	return ok
}

func (s *stateFile[K, T]) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.set)
}

// values returns a copy of the set's values.
func (s *stateFile[K, T]) values() []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]T, 0, len(s.set))
	for _, v := range s.set {
		out = append(out, v)
	}
	return out
}

// apply makes a change in memory at once and queues it for the next save.
// It never touches the disk. decide, when set, picks the change from what
// memory holds, atomically with making it (a toggle); change must give the
// same result whatever order it meets other instances' changes in, so it
// is made again to the set read from disk.
func (s *stateFile[K, T]) apply(decide func(set map[K]T) func(map[K]T)) *batch[K, T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	change := decide(s.set)
	if change == nil {
		return s.pending
	}
	change(s.set)
	s.pending.changes = append(s.pending.changes, change)
	return s.pending
}

// save writes the queued changes, returning the outcome of the batch
// that held b's: several commands saving at once each get the answer of
// the write that carried their change.
func (s *stateFile[K, T]) save(b *batch[K, T]) error {
	s.disk.Lock()
	defer s.disk.Unlock()
	if !b.done {
		s.saveQueued() // b is still the pending batch: nothing else saves
	}
	return b.err
}

// saveAll writes whatever is queued; with nothing queued it does nothing.
func (s *stateFile[K, T]) saveAll() error {
	s.mu.Lock()
	b := s.pending
	empty := len(b.changes) == 0
	s.mu.Unlock()
	if empty {
		return nil
	}
	return s.save(b)
}

// saveQueued is one round with the file, under disk.
func (s *stateFile[K, T]) saveQueued() {
	s.mu.Lock()
	b := s.pending
	s.pending = &batch[K, T]{}
	broken := s.broken
	s.mu.Unlock()

	set, rest, fi, isBroken, err := s.commit(b.changes, broken)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err == nil:
		s.base, s.rest, s.stamp = set, rest, fi
	case isBroken:
		s.broken = err
	}
	s.replay()
	b.done = true
	if err != nil {
		b.err = fmt.Errorf("%s not saved: %w", s.what, err)
	}
}

// replay makes the shown set base plus what is still queued, under mu.
func (s *stateFile[K, T]) replay() {
	s.set = maps.Clone(s.base)
	for _, change := range s.pending.changes {
		change(s.set)
	}
}

// commit locks the file, makes changes to what is on disk and writes it;
// isBroken says the file was found not to read.
func (s *stateFile[K, T]) commit(changes []func(map[K]T), broken error) (
	set map[K]T, rest string, fi os.FileInfo, isBroken bool, err error) {
	fail := func(err error) (map[K]T, string, os.FileInfo, bool, error) {
		return nil, "", nil, false, err
	}
	if broken != nil {
		return fail(broken)
	}
	// A linked file is locked and replaced where it really is, so that
	// instances reaching it by different names still take turns.
	target, err := resolveLink(s.path)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", s.path, err))
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fail(err)
	}
	lock := flock.New(target + ".lock")
	if err := lock.Lock(); err != nil {
		return fail(fmt.Errorf("locking %s: %w", s.path, err))
	}
	defer lock.Unlock()
	RemoveStaleTemps(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp"))
	set, rest, _, err = s.load()
	if err != nil {
		return nil, "", nil, true, brokenFile(s.path, err)
	}
	for _, change := range changes {
		change(set)
	}
	data, err := s.write(set, rest)
	if err != nil {
		return fail(err)
	}
	if fi, err = writeAtomic(s.path, data); err != nil {
		return fail(err)
	}
	return set, rest, fi, false, nil
}

// update makes one change and saves it at once.
func (s *stateFile[K, T]) update(change func(map[K]T)) error {
	return s.save(s.apply(func(map[K]T) func(map[K]T) { return change }))
}

// reload reads the file again if it is not the one last read or written
// (its size, time or inode differ), keeping what is queued on top; an
// unchanged file costs one stat. A file that now reads well is trusted
// again, one that no longer does is reported and not written over.
func (s *stateFile[K, T]) reload() (bool, error) {
	s.disk.Lock()
	defer s.disk.Unlock()
	fi, err := os.Stat(s.path)
	if errors.Is(err, os.ErrNotExist) {
		fi, err = nil, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", s.path, err)
	}
	s.mu.Lock()
	same := sameFile(fi, s.stamp)
	s.mu.Unlock()
	if same {
		return false, nil
	}
	set, rest, read, err := s.load()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		// Not read again until it changes once more.
		s.broken, s.stamp = brokenFile(s.path, err), fi
		return false, s.broken
	}
	fi = read
	s.base, s.rest, s.stamp, s.broken = set, rest, fi, nil
	s.replay()
	return true, nil
}

// sameFile says whether two looks at a file found the same one, unchanged.
func sameFile(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// decodeVersioned reads a state file's top-level object, its version
// taken out, refusing an empty or truncated file, one that is not a JSON
// object, one with a key twice anywhere, and one from a newer broadsheet,
// each as a badFileError holding the bytes.
func decodeVersioned(path, kind string, data []byte, current int) (object, error) {
	bad := func(err error) error { return &badFileError{err, data} }
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, bad(fmt.Errorf("%s: the file is empty (truncated?)", path))
	}
	if err := checkDuplicateKeys(data); err != nil {
		return nil, bad(fmt.Errorf("%s: not a %s file: %w", path, kind, err))
	}
	var top object
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, bad(fmt.Errorf("%s: not a %s file: %w", path, kind, err))
	}
	var n int
	if err := top.take("version", &n); err != nil {
		return nil, bad(fmt.Errorf("%s: not a %s file: %w", path, kind, err))
	}
	switch {
	case n > current:
		return nil, bad(fmt.Errorf("%s: written by a newer broadsheet (format %d, this one reads %d)", path, n, current))
	case n < 1:
		return nil, bad(fmt.Errorf("%s: not a %s file: no version", path, kind))
	}
	return top, nil
}

// reconcile queues the changes plan finds for the set's entries, whose
// Refs refOf gives: move makes the entry old found under a new ID, to,
// into the one kept there (had says whether cur, the one there already,
// is real), and fill teaches an entry what it lacks of its article. It
// says whether there were any.
func reconcile[T any](s *stateFile[article.ID, T], find Finder, refOf func(T) Ref, move func(old, cur T, had bool, to Ref) T, fill func(T, Ref) T) bool {
	var refs []Ref
	for _, v := range s.values() {
		refs = append(refs, refOf(v))
	}
	moves, fills := plan(refs, find)
	for _, mv := range moves {
		from, to := mv[0].ID, mv[1]
		s.apply(func(map[article.ID]T) func(map[article.ID]T) {
			return func(set map[article.ID]T) {
				old, ok := set[from]
				if !ok {
					return // removed meanwhile
				}
				delete(set, from)
				cur, had := set[to.ID]
				set[to.ID] = move(old, cur, had, to)
			}
		})
	}
	for _, ref := range fills {
		s.apply(func(map[article.ID]T) func(map[article.ID]T) {
			return func(set map[article.ID]T) {
				if cur, ok := set[ref.ID]; ok {
					set[ref.ID] = fill(cur, ref)
				}
			}
		})
	}
	return len(moves)+len(fills) > 0
}

// encodeEntries is the JSON list of a set's entries, sorted by ID, each
// the object entry gives: its members, and those this build does not know.
func encodeEntries[T any](set map[article.ID]T, entry func(article.ID, T) ([]member, string)) (json.RawMessage, error) {
	return encodeSorted(set, func(a, b article.ID) int { return bytes.Compare(a[:], b[:]) }, entry)
}

// encodeSorted is encodeEntries for a set of any key, sorted by order.
func encodeSorted[K comparable, T any](set map[K]T, order func(a, b K) int, entry func(K, T) ([]member, string)) (json.RawMessage, error) {
	ids := make([]K, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, order)
	list := []byte{'['}
	for i, id := range ids {
		members, extra := entry(id, set[id])
		e, err := encodeObject(members, extra)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			list = append(list, ',')
		}
		list = append(list, e...)
	}
	return append(list, ']'), nil
}

// encodeFile is a state file: its version, its list of entries under
// kind, then the top-level members this build does not know, indented.
func encodeFile(version int, kind string, list json.RawMessage, rest string) ([]byte, error) {
	data, err := encodeObject([]member{{"version", version}, {kind, list}}, rest)
	if err != nil {
		return nil, err
	}
	return indent(data)
}

// decodeEntries reads a state file (bookmarks, tags, notes) that is a
// versioned object whose member kind is a list of entries, one an
// article: its "id", and what read takes of the rest; finish gives the
// entry its ID and the members this build does not know, and says
// whether to keep it. A member that does not read, an ID that is not
// one, or one given twice (an entry being a dup) makes the file one that
// cannot be read.
func decodeEntries[T any](path, kind, dup string, data []byte, version int,
	read func(e object) (T, error), finish func(v T, id article.ID, extra string) (T, bool)) (map[article.ID]T, string, error) {
	top, err := decodeVersioned(path, kind, data, version)
	if err != nil {
		return nil, "", err
	}
	bad := func(err error) error {
		return &badFileError{fmt.Errorf("%s: not a %s file: %w", path, kind, err), data}
	}
	var entries []object
	if err := top.take(kind, &entries); err != nil {
		return nil, "", bad(err)
	}
	set := make(map[article.ID]T, len(entries))
	seen := make(map[article.ID]bool, len(entries))
	for _, e := range entries {
		var s string
		if err := e.take("id", &s); err != nil {
			return nil, "", bad(err)
		}
		v, err := read(e)
		if err != nil {
			return nil, "", bad(err)
		}
		id, ok := article.ParseID(s)
		if !ok {
			return nil, "", &badFileError{fmt.Errorf("%s: bad article ID %q", path, text.SanitizeLine(s)), data}
		}
		if seen[id] {
			return nil, "", bad(fmt.Errorf("the %s %s is there twice", dup, id))
		}
		seen[id] = true
		if v, keep := finish(v, id, e.rest()); keep {
			set[id] = v
		}
	}
	return set, top.rest(), nil
}

// firstError is the first of errs that is not nil, as a reader of many
// members reports the first that does not read.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
