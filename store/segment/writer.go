package segment

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// fileWriter writes a segment into a temporary file beside its path and
// renames it into place once it is whole and synced, so a reader sees the
// old segment or the new one, never a torn one. Each section is streamed
// at an offset fixed before it starts, so the fixed-width tables, whose
// lengths the counts give, and the heap can be written side by side.
type fileWriter struct {
	path string
	f    *os.File
	h    header
	end  uint64 // where the next section may start
}

func create(path string) (*fileWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, err
	}
	return &fileWriter{path: path, f: f, end: headerSize}, nil
}

// abort removes the temporary file of a write that failed; after commit
// it does nothing.
func (w *fileWriter) abort() {
	if w.f != nil {
		w.f.Close()
		os.Remove(w.f.Name())
	}
}

// commit writes the header, syncs, and renames the file into place.
func (w *fileWriter) commit() error {
	f := w.f
	last := w.h.secs[numSections-1]
	if err := f.Truncate(int64(last.off + last.len)); err != nil { // an empty last section is past what was written
		return fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if _, err := f.WriteAt(w.h.encode(), 0); err != nil {
		return fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), w.path); err != nil {
		os.Remove(f.Name())
		w.f = nil
		return err
	}
	w.f = nil
	if dir, err := os.Open(filepath.Dir(w.path)); err == nil {
		dir.Sync() // the rename, durable; not every file system can
		dir.Close()
	}
	return nil
}

// secWriter streams one section, summing its length and CRC.
type secWriter struct {
	w   *fileWriter
	sec int
	off uint64
	n   uint64
	crc hash.Hash32
	bw  *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
	row [docSize]byte // a row being laid out: a local array would escape through bufio
}

// section starts section sec at the end of those placed so far, or, when
// size is known (not -1), reserves its room so the next may start now.
func (w *fileWriter) section(sec int, size int64) *secWriter {
	s := newSecWriter(w, sec, w.f, w.end)
	if size >= 0 {
		w.end = align8(w.end + uint64(size))
	}
	return s
}

// newSecWriter returns a writer of section sec into f from off: the
// segment's file, or a spill file copied in by closeSpill.
func newSecWriter(w *fileWriter, sec int, f *os.File, off uint64) *secWriter {
	s := &secWriter{w: w, sec: sec, off: off, crc: crc32.New(castagnoli)}
	s.bw = bufio.NewWriterSize(io.MultiWriter(io.NewOffsetWriter(f, int64(off)), s.crc), 1<<16)
	return s
}

func align8(n uint64) uint64 { return (n + 7) &^ 7 }

func (s *secWriter) Write(p []byte) (int, error) {
	s.n += uint64(len(p))
	return s.bw.Write(p)
}

func (s *secWriter) uvarint(v uint64) { s.Write(binary.AppendUvarint(s.tmp[:0], v)) }

// str writes a uvarint-prefixed string and returns its offset.
func (s *secWriter) str(v string) uint64 {
	at := s.n
	s.uvarint(uint64(len(v)))
	s.n += uint64(len(v))
	s.bw.WriteString(v)
	return at
}

// close flushes the section and enters it in the header; a section whose
// size was not reserved ends where the next may start.
func (s *secWriter) close() error {
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", s.w.f.Name(), err)
	}
	s.w.h.secs[s.sec] = section{off: s.off, len: s.n, crc: s.crc.Sum32()}
	if end := align8(s.off + s.n); end > s.w.end {
		s.w.end = end
	}
	return nil
}

// closeSized closes a section whose size was reserved, checking it was
// filled exactly.
func (s *secWriter) closeSized(want uint64) error {
	if s.n != want {
		return fmt.Errorf("segment section %d: wrote %d bytes of %d", s.sec, s.n, want)
	}
	return s.close()
}

// copySpill copies a section streamed into a spill file by s in after
// the sections so far.
func (w *fileWriter) copySpill(s *secWriter, spill *os.File) error {
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", spill.Name(), err)
	}
	off := w.end
	if _, err := io.Copy(io.NewOffsetWriter(w.f, int64(off)), io.NewSectionReader(spill, 0, int64(s.n))); err != nil {
		return fmt.Errorf("write %s: %w", w.f.Name(), err)
	}
	w.h.secs[s.sec] = section{off: off, len: s.n, crc: s.crc.Sum32()}
	w.end = align8(off + s.n)
	return nil
}

// errOrder is what Write says of docs or words out of order.
var errOrder = errors.New("out of order")
