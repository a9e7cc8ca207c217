package store

import (
	"time"

	"github.com/broadsheet/broadsheet/store/scan"
)

// collect adds the results to the library in batches, reporting progress
// after each, and settles the library at the end. It says whether the
// library changed.
func (ld *loader) collect() bool {
	c := &collector{ld: ld, batch: make([]loaded, 0, 512), last: time.Now()}
	// A tick flushes what has come in even when nothing more comes, as
	// while one file is slow to read.
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		var res result
		select {
		case r, ok := <-ld.results:
			if !ok {
				c.flush(true)
				return c.changed
			}
			res = r
		case <-tick.C:
			if len(c.batch) > 0 || len(c.skips) > 0 {
				c.flush(false)
			}
			continue
		}
		c.take(res)
		// Flush on a full batch of new articles, or now and then for the
		// progress count; files found unchanged only need counting.
		if len(c.batch)-c.kept >= 512 || time.Since(c.last) > 100*time.Millisecond {
			c.flush(false)
		}
	}
}

// collector is collect's batch in the making.
type collector struct {
	ld      *loader
	batch   []loaded
	skips   []scan.Skip
	kept    int // unchanged cached files in batch
	last    time.Time
	changed bool
	checked []scan.Skip // what a check of a cache finds not loaded
}

// take puts one result in the batch.
func (c *collector) take(res result) {
	ld := c.ld
	ld.count(res)
	c.skips = append(c.skips, res.skips...)
	if len(res.bad) > 0 || res.kept && ld.anyBad {
		bad := ld.l.badRecords(res)
		ld.p.Skipped += len(bad)
		c.skips = append(c.skips, bad...)
	}
	if res.kept {
		c.kept++
	}
	c.batch = append(c.batch, res.loaded...)
}

// flush adds the batch to the library and reports progress; the final
// flush settles the library first.
func (c *collector) flush(final bool) {
	ld := c.ld
	toAdd := c.skips
	if ld.p.Checking {
		c.checked, toAdd = append(c.checked, c.skips...), nil
	}
	dupes, fresh := ld.l.add(c.batch, toAdd)
	if ld.spillPath != "" && !final && ld.l.tailLen() >= ld.l.spillDocs {
		// A cold load streams into segments: the heap holds a spill's
		// worth of articles and postings at most. The save at the end
		// writes the rest and the manifest naming them all.
		ld.spilled = ld.l.spill(ld.spillPath) || ld.spilled
	}
	c.changed = c.changed || fresh > 0
	c.batch, c.skips, c.kept = c.batch[:0], nil, 0
	ld.p.Dupes += dupes
	ld.p.Found = int(ld.found.Load())
	ld.p.Ignored = int(ld.ignored.Load())
	if final && ld.ctx.Err() == nil && ld.l.settle(ld.roots) {
		c.changed = true
	}
	ld.p.Loaded = ld.l.Len()
	ld.p.Final = final
	c.last = time.Now()
	p := ld.p
	switch {
	case final && p.Checking:
		// The cache's list of files not loaded gives way to the check's.
		changed, n := ld.l.replaceSkips(ld.roots, ld.scopes, c.checked)
		c.changed = changed || c.changed
		p.Checking, p.Skipped = false, n
	case p.Checking:
		p.Skipped = ld.cachedSkips
	}
	ld.notify(p)
}
