package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"syscall"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// ReadLoc reads the article at loc again, with its body and its words
// counted: the library drops bodies once indexed.
func ReadLoc(loc article.Loc) (*article.Article, error) {
	if loc.Root == nil {
		return nil, errors.New("the article has no file")
	}
	as, _, _, err := Read(loc.Root, loc.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(loc.Path()), err)
	}
	for _, a := range as {
		if a.Loc.Offset == loc.Offset {
			a.CountWords()
			return a, nil
		}
	}
	return nil, fmt.Errorf("%s: the article is no longer in its file", text.SanitizeLine(loc.Path()))
}

// Read reads and parses one file of r into its articles, reading into buf
// (grown as needed and returned for the next file), since parsing copies
// what it keeps, and says what the file's stamp was as it was read. It
// leaves Words for the caller to count.
func Read(r *article.Root, name string, buf []byte) ([]*article.Article, Stamp, []byte, error) {
	f, err := open(r, name)
	if err != nil {
		return nil, Stamp{}, buf, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, Stamp{}, buf, err
	}
	if !fi.Mode().IsRegular() {
		return nil, Stamp{}, buf, notRegular(fi.Mode())
	}
	stamp := StampOf(fi)
	data, err := readCapped(f, fi.Size(), buf)
	if err != nil {
		return nil, stamp, data, err
	}
	buf = data
	cut := len(data) > article.MaxArticleSize
	if cut {
		data = data[:cutPoint(data[:article.MaxArticleSize])]
	}
	parsed, err := article.ParseUncounted(path.Base(name), data, fi.ModTime())
	if err != nil {
		return nil, stamp, buf, err
	}
	as := make([]*article.Article, len(parsed))
	for i := range parsed {
		a := &parsed[i]
		if a.DateFromFile && a.ModTime.IsZero() {
			// Embedded files have no modification time to stand in.
			a.DateFromFile, a.Undated = false, true
		}
		if cut && len(parsed) == 1 {
			// Two files that differ only past the cut are still two
			// articles.
			a.ID = article.IDOf(fmt.Appendf(data, "\x00cut of %d bytes", fi.Size()))
			a.Cut, a.Size = true, fi.Size()
		}
		a.Loc.Root, a.Loc.Name = r, name
		a.Path = r.DisplayPath(name)
		a.Folder = article.FolderOf(name)
		as[i] = a
	}
	return as, stamp, buf, nil
}

// readCapped reads f, of about size bytes, into buf: to the end, not just
// size bytes, since the file may grow meanwhile, but never more than one
// byte past MaxArticleSize.
func readCapped(f io.Reader, size int64, buf []byte) ([]byte, error) {
	data := buf[:0]
	if want := min(int(size), article.MaxArticleSize) + 512; cap(data) < want {
		data = make([]byte, 0, want)
	}
	for len(data) <= article.MaxArticleSize {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(cap(data), article.MaxArticleSize+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return data, err
		}
	}
	return data, nil
}

// cutPoint is where to cut data, which is too long: after its last line
// end in the second half, or else at its last whole UTF-8 character, so
// that a cut never splits a character or makes the text look like another
// encoding.
func cutPoint(data []byte) int {
	if i := bytes.LastIndexByte(data, '\n'); i >= len(data)/2 {
		return i + 1
	}
	for n := len(data); n > 0 && n > len(data)-utf8.UTFMax; n-- {
		if utf8.RuneStart(data[n-1]) {
			if utf8.FullRune(data[n-1:]) {
				return len(data)
			}
			return n - 1
		}
	}
	return len(data)
}

// open opens a file of r for reading without waiting on it: a root on
// disk opens with O_NONBLOCK, so that a FIFO (which would wait for a
// writer for ever) or a device opens at once and is then refused as not a
// regular file, even one swapped in after the walk looked at it.
func open(r *article.Root, name string) (fs.File, error) {
	dir, ok := r.Dir()
	if !ok {
		return r.FS.Open(name)
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return os.OpenFile(filepath.Join(dir, filepath.FromSlash(name)), os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// notRegular says what a file that is not an article's is.
func notRegular(m fs.FileMode) error {
	kind := ""
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = " (a FIFO)"
	case m&fs.ModeSocket != 0:
		kind = " (a socket)"
	case m&fs.ModeDevice != 0:
		kind = " (a device)"
	case m.IsDir():
		kind = " (a folder)"
	}
	return errors.New("not a regular file" + kind)
}
