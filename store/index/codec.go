package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

// ErrCorrupt is what a decoder says of a file it cannot trust: torn,
// foreign, or spoiled.
var ErrCorrupt = errors.New("not a usable cache")

// NewEncoder returns an Encoder writing to w.
func NewEncoder(w *bufio.Writer) *Encoder { return &Encoder{w: w} }

// Err is the first error met in writing.
func (e *Encoder) Err() error { return e.err }

// NewDecoder returns a Decoder of the left bytes that r holds.
func NewDecoder(r *bufio.Reader, left int64) *Decoder { return &Decoder{r: r, left: left} }

// Err is ErrCorrupt once anything failed to read.
func (d *Decoder) Err() error { return d.err }

// Left is how many bytes are still to read.
func (d *Decoder) Left() int64 { return d.left }

// Encoder writes the varints, strings and bytes of a cache file,
// keeping the first error.
type Encoder struct {
	w   *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
	err error
}

func (e *Encoder) Bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *Encoder) Uvarint(v uint64) { e.Bytes(e.tmp[:binary.PutUvarint(e.tmp[:], v)]) }
func (e *Encoder) Varint(v int64)   { e.Bytes(e.tmp[:binary.PutVarint(e.tmp[:], v)]) }

func (e *Encoder) Str(s string) {
	e.Uvarint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Decoder reads a cache file's body, refusing to read past its stated
// length, so that no count or length in a corrupt file can make it
// allocate or loop beyond the file's size.
type Decoder struct {
	r    *bufio.Reader
	left int64
	err  error
}

func (d *Decoder) fail() {
	if d.err == nil {
		d.err = ErrCorrupt
	}
}

func (d *Decoder) Uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	// Peek at what is buffered rather than read byte by byte: this runs
	// a million times on a warm start.
	b, _ := d.r.Peek(binary.MaxVarintLen64)
	if int64(len(b)) > d.left {
		b = b[:d.left]
	}
	v, n := binary.Uvarint(b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.r.Discard(n)
	d.left -= int64(n)
	return v
}

func (d *Decoder) Varint() int64 {
	u := d.Uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// Count reads a count of items each at least min bytes long, refusing one
// that could not fit in what is left.
func (d *Decoder) Count(min int64) uint64 {
	n := d.Uvarint()
	if d.err != nil || n > uint64(d.left/min) {
		d.fail()
		return 0
	}
	return n
}

func (d *Decoder) Bytes(b []byte) {
	if d.err != nil || int64(len(b)) > d.left {
		d.fail()
		return
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail()
		return
	}
	d.left -= int64(len(b))
}

func (d *Decoder) Str() string {
	n := d.Count(1)
	if n == 0 || d.err != nil {
		return ""
	}
	if b, err := d.r.Peek(int(n)); err == nil {
		s := string(b)
		d.r.Discard(int(n))
		d.left -= int64(n)
		return s
	}
	b := make([]byte, n)
	d.Bytes(b)
	return string(b)
}
