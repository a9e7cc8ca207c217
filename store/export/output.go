package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrExists is an output that is there already, without force.
var ErrExists = errors.New("already exists: give --force to replace it")

// WriteFile makes the file at path from what write writes, through a
// temporary file beside it that is synced and renamed into place only
// when write and the writing succeeded: a failed export leaves whatever
// was at path before. An existing path is replaced only with force, and
// never when it is a folder.
func WriteFile(path string, force bool, write func(io.Writer) error) (err error) {
	if err := checkTarget(path, force, false); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if !force {
		// A link fails where a file appeared since the check; a rename
		// would replace it.
		if err := os.Link(tmp.Name(), path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s %w", path, ErrExists)
			}
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return os.Remove(tmp.Name())
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// WriteFolder makes the folder at path from what write puts in the
// folder it is given, a temporary one beside path that is renamed into
// place when write succeeded. An existing folder is replaced only with
// force, and only when it holds nothing but markdown files, as an export
// leaves it: --force must not take a folder of other things with it.
func WriteFolder(path string, force bool, write func(dir string) error) (err error) {
	if err := checkTarget(path, force, true); err != nil {
		return err
	}
	parent, base := filepath.Dir(path), filepath.Base(path)
	tmp, err := os.MkdirTemp(parent, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := write(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := os.Lstat(path); err != nil {
		// Nothing there: the rename is the whole change. (Linux's rename
		// would also replace an empty folder made meanwhile.)
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return nil
	}
	// The old folder steps aside, the new one takes its place, and only
	// then is the old one removed; should the second rename fail, the
	// old one comes back.
	old, err := os.MkdirTemp(parent, "."+base+".*.old")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	os.Remove(old)
	if err := os.Rename(path, old); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		if back := os.Rename(old, path); back != nil {
			return fmt.Errorf("writing %s: %w (the old folder is at %s)", path, err, old)
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.RemoveAll(old)
}

// checkTarget says whether an export may go to path: nothing there, or
// with force a file (folder false) or an export's folder (folder true).
func checkTarget(path string, force, folder bool) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !force:
		return fmt.Errorf("%s %w", path, ErrExists)
	case folder && !fi.IsDir():
		return fmt.Errorf("%s is not a folder: --force replaces only a folder of an earlier export", path)
	case !folder && !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a file: --force replaces only a file", path)
	case folder:
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".md") {
				return fmt.Errorf("%s holds %s, which no export wrote: --force replaces only a folder of markdown files", path, e.Name())
			}
		}
	}
	return nil
}
