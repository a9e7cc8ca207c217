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
	a, err := readLoc(loc, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(loc.Path()), err)
	}
	a.CountWords()
	return a, nil
}

// ReadLocView is ReadLoc for a caller that reads many articles again and
// keeps none, as a phrase check does: the file is read into bufs, the
// article may point into them until they are read into again, and its
// words are not counted.
func ReadLocView(loc article.Loc, bufs *Buffers) (*article.Article, error) {
	if loc.Root == nil {
		return nil, errors.New("the article has no file")
	}
	return readLoc(loc, bufs)
}

// readLoc reads the article at loc into bufs, or with nil, into buffers
// of its own, copying it out of them. The file is opened and its head
// read once, for the claim and the parse alike.
func readLoc(loc article.Loc, bufs *Buffers) (*article.Article, error) {
	own := bufs == nil
	if own {
		bufs = &Buffers{}
	}
	f, fi, err := openRegular(loc.Root, loc.Name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head, err := readHead(f, bufs)
	if err != nil {
		return nil, err
	}
	format := loc.Root.Fields.Claim(path.Base(loc.Name), head)
	if format != nil && format.Stream != nil {
		return rereadRecord(loc, f, fi, format)
	}
	var found *article.Article
	err = readWhole(loc.Root, loc.Name, f, fi, bufs, format, StampOf(fi), func(a *article.Article, _ Stamp) {
		if found == nil && a.Loc.Offset == loc.Offset {
			if own {
				a.Own()
			}
			found = a
		}
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, errGone
	}
	return found, nil
}

var errGone = errors.New("the article is no longer in its file")

// rereadRecord reads the one record of a streamed file at loc.
func rereadRecord(loc article.Loc, f fs.File, fi fs.FileInfo, format *article.Format) (*article.Article, error) {
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return nil, errors.New("cannot read the file at an offset")
	}
	if format.Reread == nil {
		return nil, errors.New("the format cannot read one record again")
	}
	a, err := format.Reread(ra, fi.Size(), loc.Offset, path.Base(loc.Name))
	if err != nil {
		return nil, err
	}
	settle(&a, loc.Root, loc.Name, format.Name, fi)
	return &a, nil
}

// Read reads and parses one file of r into its articles (see ReadEach).
func Read(r *article.Root, name string, bufs *Buffers) ([]*article.Article, Stamp, error) {
	var as []*article.Article
	stamp, err := ReadEach(r, name, bufs, func(a *article.Article, _ Stamp) {
		a.Own()
		as = append(as, a)
	}, nil, nil)
	return as, stamp, err
}

// Buffers are what ReadEach reads a file and builds its text into, kept
// from one file to the next by a caller that reads many: the zero value
// is ready, and nil is none kept.
type Buffers struct {
	read, text []byte
}

// ReadEach reads and parses one file of r, giving each of its articles to
// each as it is read, with the file's stamp: a file of many (a dataset)
// is streamed, never held whole, and bad is given each of its records
// that cannot be read, by line. It reads into bufs, and an article given
// to each may point into them: each must Own (or DropBody) what it keeps
// once it returns. It says what the file's stamp was as it was read, and
// leaves Words for the caller to count.
//
// With split, a file whose format reads in two parts (Split and Decode,
// see article.Format) is not decoded here: each record's bytes go to
// split.Each, good until the next call, with the record's Place, for the
// caller to decode where it likes (on every core); and with split.From,
// only the records from that offset on, the file before it being known.
func ReadEach(r *article.Root, name string, bufs *Buffers, each func(*article.Article, Stamp), bad func(line int, err error),
	split *Split) (Stamp, error) {
	if bufs == nil {
		bufs = &Buffers{}
	}
	f, fi, err := openRegular(r, name)
	if err != nil {
		return Stamp{}, err
	}
	defer f.Close()
	stamp := StampOf(fi)
	head, err := readHead(f, bufs)
	if err != nil {
		return stamp, err
	}
	format := r.Fields.Claim(path.Base(name), head)
	if split != nil && format != nil && format.Split != nil {
		return stamp, split.read(f, head, Place{root: r, name: name, format: format, fi: fi, Stamp: stamp})
	}
	if format != nil && format.Stream != nil {
		return stamp, format.Stream(io.MultiReader(bytes.NewReader(head), f), 0, path.Base(name), func(rec article.Record) error {
			if rec.Err != nil {
				if bad != nil {
					bad(rec.Line, rec.Err)
				}
				return nil
			}
			settle(&rec.Article, r, name, format.Name, fi)
			each(&rec.Article, stamp)
			return nil
		})
	}
	return stamp, readWhole(r, name, f, fi, bufs, format, stamp, each)
}

// readHead reads the first HeadLen bytes of f, or all of a shorter one,
// into bufs.read, which readWhole reads on after.
func readHead(f io.Reader, bufs *Buffers) ([]byte, error) {
	head := bufs.read[:0]
	if cap(head) < article.HeadLen {
		head = make([]byte, 0, article.HeadLen)
	}
	n, err := io.ReadFull(f, head[:article.HeadLen])
	head = head[:n]
	bufs.read = head
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return head, err
}

// readWhole reads the rest of a file of one article, or of a format that
// reads whole files (format nil: the text decides), and parses it.
func readWhole(r *article.Root, name string, f io.Reader, fi fs.FileInfo, bufs *Buffers, format *article.Format,
	stamp Stamp, each func(*article.Article, Stamp)) error {
	limit := article.MaxArticleSize
	if format != nil && format.MaxSize > 0 {
		limit = format.MaxSize
	}
	data, err := readCapped(f, fi.Size(), bufs.read, limit)
	bufs.read = data
	if err != nil {
		return err
	}
	cut := len(data) > limit
	if cut {
		data = data[:cutPoint(data[:limit])]
	}
	// format is what Claim says of this head again: data starts with it.
	parsed, err := article.ParseClaimedView(name, data, fi.ModTime(), format, &bufs.text)
	if err != nil {
		return err
	}
	for i := range parsed {
		a := &parsed[i]
		if cut && len(parsed) == 1 {
			// Two files that differ only past the cut are still two
			// articles.
			a.ID = article.IDOf(fmt.Appendf(data, "\x00cut of %d bytes", fi.Size()))
			a.Cut, a.Size = true, fi.Size()
		}
		settle(a, r, name, a.Format, fi)
		each(a, stamp)
	}
	return nil
}

// Split is how ReadEach hands over the records of a format that reads in
// two parts.
type Split struct {
	// From, when set, is where the records not yet known start: the
	// end of the last known record of a file that has grown.
	From int64
	Each func(raw article.Raw, at Place) error
}

// read splits f, whose head has been read, from s.From on; the records'
// lines are counted from the file's start all the same.
func (s *Split) read(f io.Reader, head []byte, at Place) error {
	r, lines := io.MultiReader(bytes.NewReader(head), f), 0
	if s.From > 0 {
		prefix := make([]byte, 64<<10)
		for left := s.From; left > 0; {
			n, err := r.Read(prefix[:min(int64(len(prefix)), left)])
			lines += bytes.Count(prefix[:n], []byte{'\n'})
			left -= int64(n)
			if err != nil {
				return err
			}
		}
	}
	return at.format.Split(r, s.From, func(raw article.Raw) error {
		raw.Line += lines
		return s.Each(raw, at)
	})
}

// Place is where a record that ReadEach's split was given stands: its
// file and format.
type Place struct {
	root   *article.Root
	name   string
	format *article.Format
	fi     fs.FileInfo
	Stamp  Stamp
}

// Decode makes a record that ReadEach's split was given an article in
// its place.
func (p Place) Decode(raw []byte, offset int64) (*article.Article, error) {
	a, err := p.format.Decode(raw, offset)
	if err != nil {
		return nil, err
	}
	settle(&a, p.root, p.name, p.format.Name, p.fi)
	return &a, nil
}

// settle gives an article read from name in r its place and its file's
// particulars.
func settle(a *article.Article, r *article.Root, name, format string, fi fs.FileInfo) {
	a.Format = format
	if a.ModTime.IsZero() {
		a.ModTime = fi.ModTime()
	}
	if a.DateFromFile && a.ModTime.IsZero() {
		// Embedded files have no modification time to stand in.
		a.DateFromFile, a.Undated = false, true
	}
	a.Loc.Root, a.Loc.Name = r, name
	a.Path = r.DisplayPath(name)
	a.Folder = article.FolderOf(name)
}

// openRegular opens a file of r that must be a regular file.
func openRegular(r *article.Root, name string) (fs.File, fs.FileInfo, error) {
	f, err := open(r, name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, notRegular(fi.Mode())
	}
	return f, fi, nil
}

// readCapped reads the rest of f, of about size bytes, after what buf
// already holds (its first bytes): to the end, not just size bytes, since
// the file may grow meanwhile, but never more than one byte past limit.
func readCapped(f io.Reader, size int64, buf []byte, limit int) ([]byte, error) {
	data := buf
	if want := min(int(size), limit) + 512; cap(data) < want {
		data = append(make([]byte, 0, want), data...)
	}
	for len(data) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(cap(data), limit+1)])
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

// RecordEnd checks that the record of a split format at offset in a file
// of r is still the one whose ID is id, and says where the record after
// it starts: for a file that has only grown, what comes before is known.
func RecordEnd(r *article.Root, name string, offset int64, id article.ID) (int64, bool) {
	f, fi, err := openRegular(r, name)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	ra, ok := f.(io.ReaderAt)
	format := r.Fields.Claim(path.Base(name), nil)
	if !ok || format == nil || format.Split == nil || offset >= fi.Size() {
		return 0, false
	}
	end, found, stop := fi.Size(), false, errors.New("stop")
	format.Split(io.NewSectionReader(ra, offset, fi.Size()-offset), offset, func(raw article.Raw) error {
		if found {
			end = raw.Offset
			return stop
		}
		found = raw.Offset == offset && raw.Err == nil && article.IDOf(raw.Bytes) == id
		if !found {
			return stop
		}
		return nil
	})
	return end, found
}
