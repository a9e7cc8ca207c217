//go:build !unix

package segment

import (
	"io"
	"os"
)

// mapFile reads the file whole where there is no mmap: correct, but the
// segment then lives in the heap.
func mapFile(f *os.File, size int) ([]byte, error) {
	b := make([]byte, size)
	_, err := io.ReadFull(f, b)
	return b, err
}

func unmapFile([]byte) error { return nil }

func releaseFile([]byte) {}
