package store

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/store/scan"
)

// How long one file may take to read before the load goes on without it
// (a stalled network mount, a disk spinning up), and how much longer the
// load waits for it before it ends with the file reported as skipped.
const (
	slowRead = 3 * time.Second
	giveUp   = 5 * time.Second
)

// reader is one worker of a load, as the watchdog sees it.
type reader struct {
	// since is when the current read began (UnixNano), 0 while idle, and
	// -1 once the watchdog has given up on it: whichever of the worker
	// and the watchdog swaps it first decides.
	since atomic.Int64
	file  atomic.Pointer[scan.File]
}

// slowReads is what a load knows of its workers and of the files it has
// stopped waiting for.
type slowReads struct {
	mu      sync.Mutex
	readers []*reader
	late    map[fileKey]time.Time // given up on, and when
	arrived chan struct{}         // a late read came in
	closed  bool                  // results is closed: late reads go nowhere
}

// startWorker starts one more worker.
func (ld *loader) startWorker() {
	w := &reader{}
	ld.slow.mu.Lock()
	ld.slow.readers = append(ld.slow.readers, w)
	ld.slow.mu.Unlock()
	ld.workers.Add(1)
	go ld.work(w)
}

// watch gives up waiting, every so often, on each read that has taken
// longer than slowRead: a new worker takes the stalled one's place, so
// one slow file holds back no other. It stops when stop is closed.
func (ld *loader) watch(stop <-chan struct{}) {
	tick := time.NewTicker(max(ld.l.slowAfter()/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ld.ctx.Done():
			return
		case <-tick.C:
		}
		now := time.Now()
		ld.slow.mu.Lock()
		readers := ld.slow.readers
		ld.slow.mu.Unlock()
		for _, w := range readers {
			s := w.since.Load()
			if s <= 0 || now.Sub(time.Unix(0, s)) < ld.l.slowAfter() || !w.since.CompareAndSwap(s, -1) {
				continue
			}
			ld.slow.mu.Lock()
			f := w.file.Load()
			ld.slow.late[fileKey{f.Root, f.Name}] = now
			ld.slow.mu.Unlock()
			ld.reading.Add(-1) // nor its batches
			ld.startWorker()   // before Done: the count never touches zero
			ld.workers.Done()  // the stalled worker is no longer awaited
		}
	}
}

// finish closes the results once the walk and the workers are done and
// every late read has come in or been waited for long enough; those
// still out are reported as skipped.
func (ld *loader) finish(walkers *sync.WaitGroup, watching *sync.WaitGroup, stop chan struct{}) {
	walkers.Wait()
	ld.workers.Wait()
	close(stop)
	watching.Wait()
	for {
		ld.slow.mu.Lock()
		deadline := time.Time{}
		for _, at := range ld.slow.late {
			if d := at.Add(ld.l.giveUpAfter()); d.After(deadline) {
				deadline = d
			}
		}
		if len(ld.slow.late) == 0 || !time.Now().Before(deadline) || ld.ctx.Err() != nil {
			for f, at := range ld.slow.late {
				waited := time.Since(at) + ld.l.slowAfter()
				ld.send(result{skips: []scan.Skip{{Path: ld.roots[f.root].DisplayPath(f.name),
					Err: fmt.Errorf("too slow to read: still reading after %.0f s (a slow or stalled disk?)", waited.Seconds())}}})
			}
			ld.slow.closed = true
			close(ld.results)
			ld.slow.mu.Unlock()
			return
		}
		ld.slow.mu.Unlock()
		select {
		case <-ld.slow.arrived:
		case <-time.After(time.Until(deadline)):
		case <-ld.ctx.Done():
		}
	}
}

// lateRead hands in the result of a read the load had stopped waiting
// for, if the load is still running.
func (ld *loader) lateRead(f scan.File, res result) {
	ld.slow.mu.Lock()
	defer ld.slow.mu.Unlock()
	if ld.slow.closed {
		return // the next load reads it again
	}
	delete(ld.slow.late, fileKey{f.Root, f.Name})
	ld.send(res)
	select {
	case ld.slow.arrived <- struct{}{}:
	default:
	}
}

func (l *Library) slowAfter() time.Duration {
	if l.slowRead > 0 {
		return l.slowRead
	}
	return slowRead
}

func (l *Library) giveUpAfter() time.Duration {
	if l.giveUp > 0 {
		return l.giveUp
	}
	return giveUp
}
