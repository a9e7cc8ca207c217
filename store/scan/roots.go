package scan

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// OpenRoots turns command-line arguments into roots. A missing argument is
// an error naming it.
func OpenRoots(args []string) ([]article.Root, error) {
	roots := make([]article.Root, 0, len(args))
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		key, err := filepath.Abs(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		if fi.IsDir() {
			roots = append(roots, article.Root{FS: os.DirFS(arg), Name: filepath.Clean(arg), Key: key})
			continue
		}
		dir, file := filepath.Split(arg)
		if dir == "" {
			dir = "."
		}
		roots = append(roots, article.Root{FS: os.DirFS(dir), Name: filepath.Clean(dir), File: file, Key: key})
	}
	return roots, nil
}

// Skip records a file that was not loaded and why.
type Skip struct {
	Path string
	Err  error
}

func (s Skip) String() string { return text.SanitizeLine(s.Path) + ": " + s.Reason() }

// Reason says why the file was skipped, sanitised, without the file's
// name that Parse's errors begin with: the path says it better.
func (s Skip) Reason() string {
	return strings.TrimPrefix(text.SanitizeLine(s.Err.Error()), text.SanitizeLine(path.Base(filepath.ToSlash(s.Path)))+": ")
}

// SortSkips orders skipped files by path for stable reporting.
func SortSkips(s []Skip) { sort.Slice(s, func(i, j int) bool { return s[i].Path < s[j].Path }) }
