package state

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReloadSeesOtherInstance: a bookmark set by another instance (the
// CLI) shows after Reload; an unchanged file is not read again.
func TestReloadSeesOtherInstance(t *testing.T) {
	dir := t.TempDir()
	tui, cli := bkOpen(t, dir), bkOpen(t, dir)
	x, y := bkMark("x", "X", libDay(1)), bkMark("y", "Y", libDay(2))
	bkSet(t, tui, x, true)
	if changed, err := tui.Reload(); changed || err != nil {
		t.Errorf("Reload after its own save: %v, %v", changed, err)
	}
	bkSet(t, cli, y, true)
	tui.Mark(bkMark("z", "Z", libDay(3)), true) // queued, not saved
	if changed, err := tui.Reload(); !changed || err != nil || !tui.Has(y.ID) || !tui.Has(x.ID) {
		t.Fatalf("Reload: %v, %v; has y %v", changed, err, tui.Has(y.ID))
	}
	if tui.Len() != 3 {
		t.Errorf("the queued change was lost on Reload: %d", tui.Len())
	}
	if changed, _ := tui.Reload(); changed {
		t.Error("a second Reload read the file again")
	}
	r1, _ := OpenReadState(dir)
	r2, _ := OpenReadState(dir)
	r2.Set(x.ID, true)
	if changed, err := r1.Reload(); !changed || err != nil || !r1.Has(x.ID) {
		t.Errorf("read state Reload: %v, %v", changed, err)
	}
}

// TestWatchSeesOtherInstance: Watch calls changed soon after another
// instance writes, through a symlink too, watching or polling.
func TestWatchSeesOtherInstance(t *testing.T) {
	for _, poll := range []bool{false, true} {
		name := "fsnotify"
		if poll {
			name = "polling"
		}
		t.Run(name, func(t *testing.T) {
			dir, target := t.TempDir(), t.TempDir()
			if err := os.Symlink(filepath.Join(target, "b.json"), filepath.Join(dir, BookmarksFile)); err != nil {
				t.Skip(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			seen := make(chan struct{}, 16)
			done := make(chan error, 1)
			w := watcher{poll: poll}
			go func() {
				done <- w.watch(ctx, []string{filepath.Join(dir, BookmarksFile), filepath.Join(dir, ReadStateFile)},
					func() { seen <- struct{}{} })
			}()
			time.Sleep(100 * time.Millisecond) // let it start
			for i, write := range []func(){
				func() { bkSet(t, bkOpen(t, dir), bkMark("x", "X", libDay(1)), true) },
				func() { r, _ := OpenReadState(dir); r.Set(bkMark("x", "X", libDay(1)).ID, true) },
			} {
				for len(seen) > 0 {
					<-seen
				}
				write()
				select {
				case <-seen:
				case <-time.After(time.Second):
					t.Fatalf("write %d: changed not called within a second", i)
				}
			}
			cancel()
			if err := <-done; err != nil && err != context.Canceled {
				t.Errorf("Watch: %v", err)
			}
		})
	}
}
