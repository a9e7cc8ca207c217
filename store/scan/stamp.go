package scan

import (
	"io/fs"
	"syscall"
)

// Stamp is what tells whether a file changed without reading it: its size
// and modification time, which an edit may keep (touch -r, or a file
// system with 2 s times), and its change time and inode, which it cannot:
// every write moves the change time on, and an editor's atomic save makes
// a new inode. The last two are 0 where the system has none (the embedded
// samples).
type Stamp struct {
	Size, MTime, CTime int64
	Ino                uint64
}

// StampOf is a file's stamp, from what stat said of it.
func StampOf(fi fs.FileInfo) Stamp {
	s := Stamp{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.CTime, s.Ino = changeTime(st), uint64(st.Ino)
	}
	return s
}
