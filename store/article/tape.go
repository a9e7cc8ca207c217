package article

import (
	"bufio"
	"bytes"
	"io"
)

// tape keeps the bytes that a decoder (encoding/csv, encoding/json) has
// read from a file since the start of the record it is reading, so that
// the record's own bytes can be hashed for its ID and its line found,
// though the decoder reads ahead in its own buffer. It holds one record
// and the decoder's read-ahead, never the file: past max bytes it fails
// the decoder's reads with errTooLong.
type tape struct {
	r      io.Reader
	buf    []byte // the bytes from file offset at
	at     int64
	origin int64 // the file offset of the decoder's offset 0
	line   int   // the line at offset at, from 1
	max    int
}

// newTape reads r, which stands at offset base of a file, skipping a
// UTF-8 byte-order mark at the file's start (neither decoder wants one).
func newTape(r io.Reader, base int64) *tape {
	t := &tape{r: r, at: base, line: 1, max: maxRecord + 1<<20}
	if base == 0 {
		br := bufio.NewReaderSize(r, 64<<10)
		if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
			br.Discard(len(utf8BOM))
			t.at = int64(len(utf8BOM))
		}
		t.r = br
	}
	t.origin = t.at
	return t
}

// file is the file offset of the decoder's offset off (InputOffset).
func (t *tape) file(off int64) int64 { return t.origin + off }

// Read is the decoder's read.
func (t *tape) Read(p []byte) (int, error) {
	if len(t.buf) > t.max {
		return 0, errTooLong
	}
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// slice is the bytes between file offsets from and to, clipped to what
// the tape holds.
func (t *tape) slice(from, to int64) []byte {
	from, to = max(from-t.at, 0), min(to-t.at, int64(len(t.buf)))
	if from >= to {
		return nil
	}
	return t.buf[from:to]
}

// lineAt is the line of file offset off, which the tape must hold.
func (t *tape) lineAt(off int64) int {
	return t.line + bytes.Count(t.slice(t.at, off), []byte{'\n'})
}

// drop forgets the bytes before file offset off, counting their lines.
func (t *tape) drop(off int64) {
	k := int(min(max(off-t.at, 0), int64(len(t.buf))))
	t.line += bytes.Count(t.buf[:k], []byte{'\n'})
	t.buf = t.buf[:copy(t.buf, t.buf[k:])]
	t.at += int64(k)
}

// skipSpace is the file offset of the first byte at or after off that
// is not in cut (JSON's white space, and the comma before an array's
// element).
func (t *tape) skipSpace(off int64, cut string) int64 {
	b := t.slice(off, t.at+int64(len(t.buf)))
	return off + int64(len(b)-len(bytes.TrimLeft(b, cut)))
}

// trimEnd is b without the line end that closes it.
func trimEnd(b []byte) []byte { return bytes.TrimRight(b, "\r\n") }

// peek is the first byte at or after file offset off that is not JSON's
// white space, or 0 where the tape does not hold one.
func (t *tape) peek(off int64) byte {
	if b := t.slice(t.skipSpace(off, jsonSpace), t.at+int64(len(t.buf))); len(b) > 0 {
		return b[0]
	}
	return 0
}
