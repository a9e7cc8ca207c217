package store

// The manifest names what the cache of a set of roots holds, in
// $XDG_CACHE_HOME/broadsheet/lib-<hash of the roots>.manifest:
//
//	magic    "broadsheet manifest\n"
//	version  uint32, little-endian (manifestVersion)
//	crc      uint32, CRC-32 (IEEE) of everything after the header
//	length   uint64, the bytes after the header
//	roots    count, then each root's Key and File (strings)
//	segments count, then each: its file's name (lib-<hash>-<n>.seg),
//	         its docs, its dead docs (count, then doc numbers), its
//	         files no longer standing (count, then root, name, offset)
//	extras   count, then each file record a segment's doc gained since
//	         it was written: segment, doc, root, name, offset, size,
//	         modification time, change time, inode
//	bad      the bad records of files the cache keeps: count, then each
//	         file's root, name, count, then each record's path and reason
//	skips    the files not loaded: count, then each path and reason
//	folders  the folders listed (folders.go): count, then each root,
//	         name, size, modification time, change time, inode and
//	         when it was listed; a manifest without them (an older one)
//	         has every file checked once
//
// Counts and numbers are varints, strings a varint length and the bytes.
// It is small: the articles and the index are in the segments, which are
// never changed once written. A save writes a new segment of what changed
// and a new manifest, each to a temporary file renamed into place, so a
// crash or a second instance leaves one whole manifest or the other; a
// torn, foreign or newer one is discarded and the library read again.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
)

const (
	manifestMagic   = "broadsheet manifest\n"
	manifestVersion = 1
	manifestHead    = len(manifestMagic) + 4 + 4 + 8
	// manifestMax bounds what is read of a manifest: it names files and
	// marks, never articles.
	manifestMax = 256 << 20
)

type manifest struct {
	segs    []manifestSeg
	extras  []extraFile
	bad     map[fileKey][]scan.Skip
	skips   []scan.Skip // the files not loaded, shown while a start checks
	folders map[folderKey]folderStamp
}

type manifestSeg struct {
	name      string
	ndocs     int
	dead      []uint32
	goneFiles []fileKeyAt
}

// fileKeyAt names one file record: a file, and a record's offset in it.
type fileKeyAt struct {
	root   int
	name   string
	offset int64
}

// extraFile is a file record of a segment's doc kept in the manifest.
type extraFile struct {
	seg int
	doc uint32
	rec fileRec
}

// encodeManifest returns the manifest's bytes, header and all.
func encodeManifest(m *manifest, roots []article.Root) ([]byte, error) {
	var body bytes.Buffer
	bw := bufio.NewWriter(&body)
	e := index.NewEncoder(bw)
	e.Uvarint(uint64(len(roots)))
	for _, r := range roots {
		e.Str(r.Key)
		e.Str(r.File)
	}
	e.Uvarint(uint64(len(m.segs)))
	for _, s := range m.segs {
		e.Str(s.name)
		e.Uvarint(uint64(s.ndocs))
		e.Uvarint(uint64(len(s.dead)))
		for _, d := range s.dead {
			e.Uvarint(uint64(d))
		}
		e.Uvarint(uint64(len(s.goneFiles)))
		for _, k := range s.goneFiles {
			e.Uvarint(uint64(k.root))
			e.Str(k.name)
			e.Varint(k.offset)
		}
	}
	e.Uvarint(uint64(len(m.extras)))
	for _, x := range m.extras {
		e.Uvarint(uint64(x.seg))
		e.Uvarint(uint64(x.doc))
		encodeFileRec(e, x.rec)
	}
	encodeBad(e, m.bad)
	e.Uvarint(uint64(len(m.skips)))
	for _, sk := range m.skips {
		e.Str(sk.Path)
		e.Str(sk.Reason())
	}
	encodeFolders(e, m.folders)
	if err := bw.Flush(); err != nil || e.Err() != nil {
		return nil, firstErr(err, e.Err())
	}
	out := make([]byte, manifestHead, manifestHead+body.Len())
	copy(out, manifestMagic)
	h := out[len(manifestMagic):]
	binary.LittleEndian.PutUint32(h[0:], manifestVersion)
	binary.LittleEndian.PutUint32(h[4:], crc32.ChecksumIEEE(body.Bytes()))
	binary.LittleEndian.PutUint64(h[8:], uint64(body.Len()))
	return append(out, body.Bytes()...), nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func encodeFileRec(e *index.Encoder, f fileRec) {
	e.Uvarint(uint64(f.root))
	e.Str(f.name)
	e.Varint(f.offset)
	e.Varint(f.stamp.Size)
	e.Varint(f.stamp.MTime)
	e.Varint(f.stamp.CTime)
	e.Uvarint(f.stamp.Ino)
}

// readManifest reads and checks the manifest at path for these roots.
func readManifest(path string, roots []article.Root) (*manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() < int64(manifestHead) || fi.Size() > manifestMax {
		return nil, index.ErrCorrupt
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	h := data[len(manifestMagic):manifestHead]
	body := data[manifestHead:]
	if string(data[:len(manifestMagic)]) != manifestMagic ||
		binary.LittleEndian.Uint32(h[0:]) != manifestVersion ||
		binary.LittleEndian.Uint64(h[8:]) != uint64(len(body)) ||
		binary.LittleEndian.Uint32(h[4:]) != crc32.ChecksumIEEE(body) {
		return nil, index.ErrCorrupt
	}
	d := index.NewDecoder(bufio.NewReader(bytes.NewReader(body)), int64(len(body)))
	m, err := decodeManifest(d, roots)
	if err != nil || d.Err() != nil || d.Left() != 0 {
		return nil, index.ErrCorrupt
	}
	return m, nil
}

// decodeManifest reads what encodeManifest wrote after the header.
// With no roots, any roots are accepted (for pruning, which only wants
// the segments' names).
func decodeManifest(d *index.Decoder, roots []article.Root) (*manifest, error) {
	n := d.Count(1)
	if roots != nil && n != uint64(len(roots)) {
		return nil, index.ErrCorrupt
	}
	for i := range n {
		key, file := d.Str(), d.Str()
		if roots != nil && (key != roots[i].Key || file != roots[i].File) {
			return nil, index.ErrCorrupt
		}
	}
	nroots := int(n)
	m := &manifest{}
	for range d.Count(3) {
		s := manifestSeg{name: d.Str(), ndocs: int(d.Uvarint())}
		for range d.Count(1) {
			s.dead = append(s.dead, uint32(d.Uvarint()))
		}
		for range d.Count(3) {
			s.goneFiles = append(s.goneFiles, fileKeyAt{int(d.Uvarint()), d.Str(), d.Varint()})
		}
		if d.Err() != nil || !segNameOK(s.name) {
			return nil, index.ErrCorrupt
		}
		m.segs = append(m.segs, s)
	}
	for range d.Count(9) {
		x := extraFile{seg: int(d.Uvarint()), doc: uint32(d.Uvarint())}
		x.rec = fileRec{root: int(d.Uvarint()), name: d.Str(), offset: d.Varint(),
			stamp: scan.Stamp{Size: d.Varint(), MTime: d.Varint(), CTime: d.Varint(), Ino: d.Uvarint()}}
		if d.Err() != nil || x.seg >= len(m.segs) || x.rec.root >= nroots {
			return nil, index.ErrCorrupt
		}
		m.extras = append(m.extras, x)
	}
	var err error
	if m.bad, err = decodeBadRecords(d, nroots); err != nil {
		return nil, err
	}
	for range d.Count(2) {
		m.skips = append(m.skips, scan.Skip{Path: d.Str(), Err: errors.New(d.Str())})
	}
	if d.Left() > 0 {
		m.folders = decodeFolders(d, nroots)
	}
	return m, d.Err()
}

func encodeFolders(e *index.Encoder, folders map[folderKey]folderStamp) {
	e.Uvarint(uint64(len(folders)))
	for k, f := range folders {
		e.Uvarint(uint64(k.root))
		e.Str(k.name)
		e.Varint(f.st.Size)
		e.Varint(f.st.MTime)
		e.Varint(f.st.CTime)
		e.Uvarint(f.st.Ino)
		e.Varint(f.seen)
	}
}

// decodeFolders reads what encodeFolders wrote; a folder of a root that
// is not there is corrupt, and nil is returned.
func decodeFolders(d *index.Decoder, nroots int) map[folderKey]folderStamp {
	n := d.Count(7)
	folders := make(map[folderKey]folderStamp, n)
	for range n {
		k := folderKey{root: int(d.Uvarint()), name: d.Str()}
		f := folderStamp{st: scan.Stamp{Size: d.Varint(), MTime: d.Varint(), CTime: d.Varint(), Ino: d.Uvarint()}, seen: d.Varint()}
		if d.Err() != nil || k.root >= nroots {
			return nil
		}
		folders[k] = f
	}
	return folders
}

// readManifestAny returns the segment names of the manifest at path,
// whatever its roots.
func readManifestAny(path string) ([]string, error) {
	m, err := readManifest(path, nil)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(m.segs))
	for i, s := range m.segs {
		names[i] = s.name
	}
	return names, nil
}
