package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/gofrs/flock"
)

// stateFile is a set keyed by article ID kept in a JSON file that several
// instances may share (bookmarks, read state). Every change locks the
// file, merges with what is on disk and replaces it atomically; a file
// that cannot be understood is copied aside and never written over.
type stateFile[T any] struct {
	what string // what it holds, for messages: "bookmarks"
	path string
	// read decodes the file, returning with the set the top-level members
	// it does not know (see object.rest); write encodes them back.
	read  func(path string, data []byte) (map[article.ID]T, string, error)
	write func(set map[article.ID]T, rest string) ([]byte, error)

	mu   sync.Mutex
	set  map[article.ID]T
	rest string
	// broken is why the file on disk cannot be trusted; while set, nothing
	// is written so that nothing in it is lost.
	broken error
}

// open reads the file; a missing one is an empty set.
func (s *stateFile[T]) open() error {
	s.set = map[article.ID]T{}
	set, rest, err := s.load()
	if err != nil {
		s.broken = brokenFile(s.path, err)
		return s.broken
	}
	s.set, s.rest = set, rest
	return nil
}

// load reads the file, through a symlink; one over maxStateFileSize is
// refused from its size alone, neither read nor copied aside.
func (s *stateFile[T]) load() (map[article.ID]T, string, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[article.ID]T{}, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	if fi.Size() > maxStateFileSize {
		return nil, "", tooBig(s.path, fi.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxStateFileSize+1))
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %w", s.path, err)
	}
	if len(data) > maxStateFileSize { // it grew while being read
		return nil, "", tooBig(s.path, int64(len(data)))
	}
	return s.read(s.path, data)
}

// maxStateFileSize bounds a state file: far more than a lifetime of
// bookmarks, and a file past it is not one broadsheet wrote.
const maxStateFileSize = 64 << 20

func tooBig(path string, size int64) error {
	return fmt.Errorf("%s is %.1f MB, over the %d MB a state file may be: it was not read", path,
		float64(size)/(1<<20), maxStateFileSize>>20)
}

func (s *stateFile[T]) has(id article.ID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.set[id]
	return ok
}

func (s *stateFile[T]) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.set)
}

// values returns a copy of the set's values.
func (s *stateFile[T]) values() []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]T, 0, len(s.set))
	for _, v := range s.set {
		out = append(out, v)
	}
	return out
}

// update applies change to what is on disk, under the file's lock, and
// writes the result.
func (s *stateFile[T]) update(change func(map[article.ID]T)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func(err error) error { return fmt.Errorf("%s not saved: %w", s.what, err) }
	if s.broken != nil {
		return fail(s.broken)
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
	set, rest, err := s.load()
	if err != nil {
		s.broken = brokenFile(s.path, err)
		return fail(s.broken)
	}
	change(set)
	data, err := s.write(set, rest)
	if err == nil {
		_, err = writeAtomic(s.path, data)
	}
	if err != nil {
		return fail(err)
	}
	s.set, s.rest = set, rest
	return nil
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
