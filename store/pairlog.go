package store

import (
	"bufio"
	"io"
	"os"
	"slices"
	"sync"
)

// pairLog holds the filters of adjacent words (index.PairFilter) of the
// docs not yet in a segment, in a file rather than the heap: they are a
// fifth of a kilobyte an article, and a cold load of 100,000 kept 21 MB of
// them until its save, which took its peak from 190 MB to 225. The save
// reads each back once, to write it into the segment, and a phrase check
// before the save reads those of its candidates.
//
// The file is removed as soon as it is made, so that the system frees it
// when the process ends, however it ends. Once a save outside a load has
// taken the tail in, the file starts again (a new generation): a filter
// put before that, for a doc still on its way to the library, reads as
// none, and a phrase check reads that doc's file instead. A filter that
// could not be written reads as none too.
type pairLog struct {
	mu      sync.Mutex
	f       *os.File
	w       *bufio.Writer
	gen     uint32
	n       int64 // bytes put this generation
	flushed int64
	failed  bool
}

// pairRef is where a filter is in the log: none when n is 0.
type pairRef struct {
	gen uint32
	n   uint32
	off int64
}

// put appends filter to the log, creating its file in dir ("" for the
// system's temporary folder) the first time.
func (p *pairLog) put(dir string, filter []byte) pairRef {
	if len(filter) == 0 || len(filter) > 1<<31 {
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
	if _, err := p.w.Write(filter); err != nil {
		p.failed = true
		return pairRef{}
	}
	r := pairRef{gen: p.gen, n: uint32(len(filter)), off: p.n}
	p.n += int64(len(filter))
	return r
}

// get reads the filter r names into buf's room (which it grows), or gives
// nil. It reads under the lock: a restart meanwhile would put another
// generation's bytes where r points, and a wrong filter can turn away a
// doc that holds a phrase.
func (p *pairLog) get(r pairRef, buf []byte) []byte {
	if r.n == 0 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.gen != p.gen || p.failed {
		return nil
	}
	if r.off+int64(r.n) > p.flushed {
		if err := p.w.Flush(); err != nil {
			p.failed = true
			return nil
		}
		p.flushed = p.n
	}
	b := slices.Grow(buf[:0], int(r.n))[:r.n]
	if _, err := p.f.ReadAt(b, r.off); err != nil {
		return nil
	}
	return b
}

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
