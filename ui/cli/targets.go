package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// The arguments that name articles are IDs, files and folders; when one
// is wrong, the error says which it was taken for and what to give
// instead, never "no article has that ID" for a path. Each function
// reports every bad argument it is given, not just the first, so that
// one run shows all there is to fix.

// checkPaths says what is wrong with each of paths that cannot be read.
func checkPaths(paths []string) error {
	var errs []error
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			errs = append(errs, pathError(p, err))
		}
	}
	return errors.Join(errs...)
}

// pathError is a path that cannot be read, in words: "no such file or
// folder" rather than stat's "stat X: no such file or directory".
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file or folder", text.SanitizeLine(path))
	}
	return fmt.Errorf("%s: %w", text.SanitizeLine(path), err)
}

// isID says whether s can be an ID prefix: hex, as list prints them.
func isID(s string) bool {
	return s != "" && strings.Trim(strings.ToLower(s), "0123456789abcdef") == ""
}

// looksLikePath says whether s was surely meant as a path, not an ID.
func looksLikePath(s string) bool {
	return strings.ContainsAny(s, "/.~"+string(os.PathSeparator))
}

// notAnID is what a look-up by ID says of s.
func notAnID(s string) error {
	return fmt.Errorf("%q: %w", text.SanitizeLine(s), article.ErrNotFound)
}

// checkID says what is wrong with an argument that must be an ID, before
// any library is loaded: a file, a folder, a path that is not there, or
// no hex at all.
func checkID(arg string) error {
	if isID(arg) {
		return nil
	}
	name := text.SanitizeLine(arg)
	fi, err := os.Stat(arg)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a folder, not an article ID: the folders to look IDs up in follow the ID (related ID FOLDER) or go with --in (bookmark add ID --in FOLDER)", name)
	case err == nil:
		return fmt.Errorf("%s is a file, not an article ID: broadsheet list %s prints its ID", name, name)
	case looksLikePath(arg) || !errors.Is(err, fs.ErrNotExist):
		return pathError(arg, err)
	}
	return notAnID(arg)
}

// checkIDs is checkID of every id, and checkPaths of the paths to look
// them up in.
func checkIDs(ids, paths []string) error {
	errs := []error{checkPaths(paths)}
	for _, id := range ids {
		errs = append(errs, checkID(id))
	}
	return errors.Join(errs...)
}

// checkTarget says whether show's target is a file, else checks it as an
// ID; a folder is neither.
func checkTarget(target string) (file bool, err error) {
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return false, fmt.Errorf("%s is a folder: give a file, or an ID (then the folders to look it up in)", text.SanitizeLine(target))
	case err == nil:
		return true, nil
	case isID(target):
		return false, nil
	case looksLikePath(target) || !errors.Is(err, fs.ErrNotExist):
		return false, pathError(target, err)
	}
	return false, notAnID(target)
}

// errorLines are err's messages, one for each error that errors.Join put
// together.
func errorLines(err error) []string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, errorLines(e)...)
		}
		return lines
	}
	return []string{err.Error()}
}
