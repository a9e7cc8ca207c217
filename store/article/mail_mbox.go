package article

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path"
	"strings"
)

// mboxFormat reads mbox files. A message starts at a "From " line at the
// file's start or after a blank line; its Loc.Offset is the byte offset
// of that line, and Reread reads the one message found there. Its ID is
// a hash of its Message-ID, so that a mail client marking it read (which
// rewrites its Status header) keeps its bookmarks; a message without one
// is known by a hash of its bytes.
var mboxFormat = Format{
	Name: FormatMbox,
	Claims: func(name string, head []byte) bool {
		if strings.EqualFold(path.Ext(name), ".mbox") {
			return true
		}
		if !bytes.HasPrefix(head, []byte("From ")) {
			return false
		}
		_, rest, _ := bytes.Cut(head, []byte("\n"))
		return headerField(firstLine(rest)) != ""
	},
	Stream:   streamMbox,
	Reread:   rereadMbox,
	Markdown: true,
}

// streamMbox reads r line by line, each message held only while it is
// parsed. A stretch before the first "From " line is reported as one bad
// record.
func streamMbox(r io.Reader, base int64, _ string, each func(Record) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	m := &mboxReader{each: each, offset: base, start: base, blank: true, lineHead: true}
	for {
		chunk, err := br.ReadSlice('\n')
		if e := m.chunk(chunk); e != nil {
			return e
		}
		switch {
		case err == io.EOF:
			return m.flush()
		case err != nil && !errors.Is(err, bufio.ErrBufferFull):
			return err
		}
	}
}

// mboxReader is streamMbox's state between chunks: a line longer than
// the reader's buffer comes in more than one, so where a line starts is
// tracked apart from where a chunk does.
type mboxReader struct {
	each            func(Record) error
	offset, start   int64 // of the next chunk; of the message or stretch
	line, startLine int   // the same, as line numbers
	msg             []byte
	size            int64 // the message's bytes, kept or not
	inMsg, junk     bool  // in a message; in a stretch that is not one
	cut, fromLine   bool  // past maxMessage; in the rest of a long "From " line
	blank, lineHead bool  // the last line was blank; the next chunk starts a line
}

// chunk takes one chunk of the file: a "From " line after a blank one
// ends the message before it (which is reported) and starts another;
// anything else is the message's, or starts a stretch that is not one.
func (m *mboxReader) chunk(chunk []byte) error {
	atStart := m.lineHead
	m.lineHead = len(chunk) > 0 && chunk[len(chunk)-1] == '\n'
	if atStart && len(chunk) > 0 {
		m.line++
	}
	if atStart && m.blank && bytes.HasPrefix(chunk, []byte("From ")) {
		if e := m.flush(); e != nil {
			return e
		}
		m.start, m.startLine, m.msg, m.size, m.inMsg, m.junk, m.cut = m.offset, m.line, m.msg[:0], 0, true, false, false
		m.fromLine = !m.lineHead
	} else if m.fromLine {
		m.fromLine = !m.lineHead // the rest of the "From " line is not the message's
	} else if len(chunk) > 0 {
		m.body(chunk, atStart)
	}
	m.offset += int64(len(chunk))
	if atStart && m.lineHead {
		m.blank = len(bytes.TrimRight(chunk, "\r\n")) == 0
	} else if len(chunk) > 0 {
		m.blank = false
	}
	return nil
}

// body takes a chunk that is not a "From " line: the message's, up to
// maxMessage (its size counts on past the cut: an article's Size is the
// whole of it), or, before any message, the start of a stretch reported
// as a bad record.
func (m *mboxReader) body(chunk []byte, atStart bool) {
	if !m.inMsg && !m.junk && len(bytes.TrimSpace(chunk)) > 0 {
		m.start, m.startLine, m.junk = m.offset, m.line, true
	}
	if !m.inMsg {
		return
	}
	c := chunk
	if atStart && bytes.HasPrefix(bytes.TrimLeft(c, ">"), []byte("From ")) && c[0] == '>' {
		c = c[1:] // mboxrd: one '>' less than written
	}
	m.size += int64(len(c))
	if m.cut = m.cut || len(m.msg)+len(c) > maxMessage; !m.cut {
		m.msg = append(m.msg, c...)
	}
}

// flush reports the message or stretch that has just ended, if any.
func (m *mboxReader) flush() error {
	var rec Record
	switch {
	case m.inMsg:
		rec = mboxRecord(bytes.TrimSuffix(bytes.TrimSuffix(m.msg, []byte("\n")), []byte("\r")), m.size, m.cut, m.start)
	case m.junk:
		rec.Err = errors.New("not a message: no \"From \" line before it")
	default:
		return nil
	}
	rec.Line = m.startLine
	return m.each(rec)
}

// mboxRecord reads one message of an mbox, of size bytes of which msg
// holds all or, when cut, the first, found at offset.
func mboxRecord(msg []byte, size int64, cut bool, offset int64) Record {
	a, err := parseMail(msg)
	if err != nil {
		return Record{Err: err}
	}
	a.Cut = a.Cut || cut
	a.Size = size
	a.Loc.Offset = offset
	return Record{Article: a}
}

// rereadMbox reads the message whose "From " line is at offset.
func rereadMbox(f io.ReaderAt, size, offset int64, name string) (Article, error) {
	if offset < 0 || offset >= size {
		return Article{}, errors.New("the mailbox is shorter now")
	}
	var a Article
	err := errors.New("no message starts there now")
	stop := errors.New("stop")
	serr := streamMbox(io.NewSectionReader(f, offset, size-offset), offset, name, func(r Record) error {
		if r.Article.Loc.Offset == offset {
			a, err = r.Article, r.Err
		}
		return stop // the first record is the one
	})
	if serr != nil && serr != stop {
		return Article{}, serr
	}
	return a, err
}
