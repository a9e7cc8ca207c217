package state

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// newFileMode is the mode of a state file made for the first time; an
// existing file keeps its own.
const newFileMode = 0o644

// WriteFileAtomic replaces path with data so that a crash at any moment
// leaves either the old file or the new one: a temporary file in the same
// folder, synced, renamed over the old, and the folder synced. A symlink
// at path is written through, to its target, and stays a link, so that a
// state file kept in a dotfiles or sync folder goes on getting changes;
// the file keeps its permissions.
func WriteFileAtomic(path string, data []byte) error {
	_, err := writeAtomic(path, data)
	return err
}

// writeAtomic is WriteFileAtomic, returning what was written as the
// folder now holds it: its identity tells a later change by another
// instance from this one.
func writeAtomic(path string, data []byte) (os.FileInfo, error) {
	target, err := resolveLink(path)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	mode := os.FileMode(newFileMode)
	if fi, err := os.Stat(target); err == nil {
		mode = fi.Mode().Perm()
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	fail := func(err error) (os.FileInfo, error) {
		tmp.Close()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	fi, err := tmp.Stat()
	if err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return fi, nil
}

// resolveLink follows symlinks at path to the file they name, which need
// not exist yet (a dangling link is where the first save goes). A path
// that is not a link is its own target.
func resolveLink(path string) (string, error) {
	p := path
	for range 40 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return p, nil
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return "", errors.New("too many levels of symbolic links")
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
