//go:build unix

package segment

import (
	"os"
	"syscall"
)

// mapFile maps size bytes of f read-only and shared: pages are read on
// first touch and stay in the page cache, not the heap.
func mapFile(f *os.File, size int) ([]byte, error) {
	return syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmapFile(b []byte) error { return syscall.Munmap(b) }

// releaseFile lets the pages of a mapping go from the process: they are
// read again from the file, or the page cache, when next touched.
func releaseFile(b []byte) { _ = syscall.Madvise(b, syscall.MADV_DONTNEED) }
