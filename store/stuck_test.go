package store

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// TestFIFOsNeverBlock: a FIFO named on the command line, found in a
// folder, or behind a link is reported, never opened for reading, which
// would wait for a writer for ever.
func TestFIFOsNeverBlock(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.txt"), "Monday, March 4, 2024 10:00 AM\nA good story\nBody.\n")
	fifo := filepath.Join(dir, "f.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("f.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{fifo}, {dir}, {filepath.Join(dir, "link.txt"), filepath.Join(dir, "good.txt")}} {
		roots, err := scan.OpenRoots(args)
		if err != nil {
			t.Fatal(err)
		}
		lib, reports := loadRun(t, context.Background(), roots)
		final := reports[len(reports)-1]
		if final.Skipped == 0 {
			t.Errorf("%v: the FIFO was not reported: %+v", args, final)
		}
		for _, s := range lib.Skipped() {
			if strings.Contains(s.Path, "f.txt") || strings.Contains(s.Path, "link.txt") {
				if !strings.Contains(s.Reason(), "not a regular file") {
					t.Errorf("%v: %s", args, s)
				}
			}
		}
		if len(args) > 1 && lib.Len() != 1 {
			t.Errorf("%v: loaded %d articles, want the good one", args, lib.Len())
		}
	}
}

// stallFS is a folder where reading one file never ends, as on a stalled
// network mount, until release is closed.
type stallFS struct {
	fs.FS
	stall   string
	release chan struct{}
}

func (s stallFS) Open(name string) (fs.File, error) {
	if name == s.stall {
		<-s.release
	}
	return s.FS.Open(name)
}

// TestSlowReadHoldsNothingBack: one file that takes for ever to read does
// not hold back the others, the load still ends, and the file is reported.
func TestSlowReadHoldsNothingBack(t *testing.T) {
	files := fstest.MapFS{}
	for i, name := range []string{"a.txt", "b.txt", "c.txt", "slow.txt", "d.txt"} {
		files[name] = &fstest.MapFile{Data: []byte("Monday, March 4, 2024 10:00 AM\nStory " + name + "\nBody.\n"),
			ModTime: time.Date(2024, 3, 4+i, 0, 0, 0, 0, time.UTC)}
	}
	release := make(chan struct{})
	defer close(release)
	roots := []article.Root{{FS: stallFS{files, "slow.txt", release}, Name: "stalled"}}
	lib := NewLibrary()
	lib.slowRead = 200 * time.Millisecond
	lib.giveUp = 300 * time.Millisecond
	_, reports := loadRunLib(t, lib, context.Background(), roots)
	final := reports[len(reports)-1]
	if lib.Len() != 4 || final.Loaded != 4 || final.Skipped != 1 {
		t.Errorf("loaded %d, final %+v; want the four quick files and one skipped", lib.Len(), final)
	}
	skips := lib.Skipped()
	if len(skips) != 1 || !strings.Contains(skips[0].Path, "slow.txt") || !strings.Contains(skips[0].Reason(), "slow") {
		t.Errorf("skipped %v, want slow.txt as too slow", skips)
	}
}
