package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/gofrs/flock"
)

// stateFile is a set keyed by article ID kept in a JSON file that several
// instances may share (bookmarks, read state). Every change locks the
// file, merges with what is on disk and replaces it atomically; a file
// that cannot be understood is copied aside and never written over.
type stateFile[T any] struct {
	what  string // what it holds, for messages: "bookmarks"
	path  string
	read  func(path string, data []byte) (map[article.ID]T, error)
	write func(set map[article.ID]T) ([]byte, error)

	mu  sync.Mutex
	set map[article.ID]T
	// broken is why the file on disk cannot be trusted; while set, nothing
	// is written so that nothing in it is lost.
	broken error
}

// open reads the file; a missing one is an empty set.
func (s *stateFile[T]) open() error {
	s.set = map[article.ID]T{}
	set, err := s.load()
	if err != nil {
		s.broken = brokenFile(s.path, err)
		return s.broken
	}
	s.set = set
	return nil
}

func (s *stateFile[T]) load() (map[article.ID]T, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[article.ID]T{}, nil
	}
	if err != nil {
		return nil, err
	}
	return s.read(s.path, data)
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
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fail(err)
	}
	lock := flock.New(s.path + ".lock")
	if err := lock.Lock(); err != nil {
		return fail(fmt.Errorf("locking %s: %w", s.path, err))
	}
	defer lock.Unlock()
	RemoveStaleTemps(filepath.Join(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*.tmp"))
	set, err := s.load()
	if err != nil {
		s.broken = brokenFile(s.path, err)
		return fail(s.broken)
	}
	change(set)
	data, err := s.write(set)
	if err == nil {
		err = WriteFileAtomic(s.path, data)
	}
	if err != nil {
		return fail(err)
	}
	s.set = set
	return nil
}

// decodeVersioned reads a state file's JSON into v, refusing an empty or
// truncated file, one that is not JSON of the kind, and one from a newer
// broadsheet, each as a badFileError holding the bytes.
func decodeVersioned(path, kind string, data []byte, v any, version func() int, current int) error {
	bad := func(err error) error { return &badFileError{err, data} }
	if len(bytes.TrimSpace(data)) == 0 {
		return bad(fmt.Errorf("%s: the file is empty (truncated?)", path))
	}
	if err := json.Unmarshal(data, v); err != nil {
		return bad(fmt.Errorf("%s: not a %s file: %w", path, kind, err))
	}
	switch n := version(); {
	case n > current:
		return bad(fmt.Errorf("%s: written by a newer broadsheet (format %d, this one reads %d)", path, n, current))
	case n < 1:
		return bad(fmt.Errorf("%s: not a %s file: no version", path, kind))
	}
	return nil
}

// RemoveStaleTemps clears the temporary files matching pattern that a
// killed writer left: any older than an hour, when no live writer can
// still be using one.
func RemoveStaleTemps(pattern string) {
	names, _ := filepath.Glob(pattern)
	for _, n := range names {
		if fi, err := os.Stat(n); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(n)
		}
	}
}
