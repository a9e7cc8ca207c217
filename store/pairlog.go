package store

import (
	"bufio"
	"errors"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/broadsheet/broadsheet/store/dedup"
)

// pairLog holds the filters of adjacent words (index.PairFilter) and the
// sketches (store/dedup) of the docs not yet in a segment, in a file
// rather than the heap: the filters are a fifth of a kilobyte an article,
// and a cold load of 100,000 kept 21 MB of them until its save, which took
// its peak from 190 MB to 225; the sketches, 64 bytes each, took it 4-8 MB
// past its bound. The save reads each back once, to write it into the
// segment, a phrase check before the save reads the filters of its
// candidates, and grouping the copies reads the sketches. A doc's record is
// its sketch, then its filter.
//
// The file is removed as soon as it is made, so that the system frees it
// when the process ends, however it ends. Once a save outside a load has
// taken the tail in, the file starts again (a new generation): a filter
// put before that, for a doc still on its way to the library, reads as
// none, and a phrase check reads that doc's file instead; its sketch is
// none too, and it is grouped with no copy until its file is read again.
// A record that could not be written reads as none.
type pairLog struct {
	mu      sync.Mutex
	f       *os.File
	w       *bufio.Writer
	gen     uint32
	n       int64 // bytes put this generation
	flushed int64
	failed  bool
}

// pairRef is where a doc's record is in the log, its filter n bytes:
// none when gen is 0.
type pairRef struct {
	gen uint32
	n   uint32
	off int64
}

// put appends a doc's sketch and filter to the log, creating its file in
// dir ("" for the system's temporary folder) the first time.
func (p *pairLog) put(dir string, filter []byte, sketch *dedup.Sketch) pairRef {
	if len(filter) > 1<<31 || len(filter) == 0 && sketch.None() {
		return pairRef{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.f == nil && !p.failed {
		if dir != "" {
			os.MkdirAll(dir, 0o700) // as a save would; if it cannot, CreateTemp says so
		}
		f, err := os.CreateTemp(dir, ".pairs-*")
		if err != nil {
			p.failed = true
			return pairRef{}
		}
		os.Remove(f.Name()) // where the system allows it, as unix does
		p.f, p.w, p.gen = f, bufio.NewWriterSize(io.NewOffsetWriter(f, 0), 1<<16), 1
	}
	if p.failed {
		return pairRef{}
	}
	if _, err := p.w.Write(sketch[:]); err != nil {
		p.failed = true
		return pairRef{}
	}
	if _, err := p.w.Write(filter); err != nil {
		p.failed = true
		return pairRef{}
	}
	r := pairRef{gen: p.gen, n: uint32(len(filter)), off: p.n}
	p.n += int64(len(sketch) + len(filter))
	return r
}

// sketch reads the sketch r names, or gives none.
func (p *pairLog) sketch(r pairRef) dedup.Sketch {
	var s dedup.Sketch
	if r.gen == 0 || p.read(r.gen, r.off, s[:]) != nil {
		return dedup.Sketch{}
	}
	return s
}

// get reads the filter r names into buf's room (which it grows), or gives
// nil. It reads under the lock: a restart meanwhile would put another
// generation's bytes where r points, and a wrong filter can turn away a
// doc that holds a phrase.
func (p *pairLog) get(r pairRef, buf []byte) []byte {
	if r.gen == 0 || r.n == 0 {
		return nil
	}
	b := slices.Grow(buf[:0], int(r.n))[:r.n]
	if p.read(r.gen, r.off+int64(len(dedup.Sketch{})), b) != nil {
		return nil
	}
	return b
}

// read fills b from the log at off, if the log is still of generation
// gen, flushing first what it needs; under the lock, for get's reason.
func (p *pairLog) read(gen uint32, off int64, b []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen != p.gen || p.failed {
		return errNoRecord
	}
	if off+int64(len(b)) > p.flushed {
		if err := p.w.Flush(); err != nil {
			p.failed = true
			return err
		}
		p.flushed = p.n
	}
	_, err := p.f.ReadAt(b, off)
	return err
}

// errNoRecord is a record of a generation gone, or of a log that failed.
var errNoRecord = errors.New("no such record in the log")

// restart empties the log, for a library whose tail is all in segments.
func (p *pairLog) restart() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.f == nil || p.failed || p.n == 0 {
		return
	}
	p.w.Reset(io.NewOffsetWriter(p.f, 0))
	if err := p.f.Truncate(0); err != nil {
		p.failed = true
		return
	}
	p.gen++
	p.n, p.flushed = 0, 0
}
