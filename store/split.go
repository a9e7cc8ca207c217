package store

import (
	"fmt"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
)

// A large dataset is one file, which one worker would read alone while
// the other cores idle. For a format that reads in two parts (Split and
// Decode), the worker that reads the file only splits it into records,
// in batches, and every worker decodes and tokenises them: a batch goes
// to whichever worker is free, and to the reader itself when none is.

// recBatch is a batch of one file's records for any worker to decode.
type recBatch struct {
	at   scan.Place
	f    scan.File
	raws []article.Raw // copies, each its own
}

// splitFile reads f's records into batches, and says false (having read
// nothing) for a file that Split does not read. ok is false when the
// watchdog gave up on the read meanwhile.
func (ld *loader) splitFile(w *reader, t *index.Termer, f scan.File) (res result, handled, ok bool) {
	r := &ld.roots[f.Root]
	start := time.Now().UnixNano()
	w.since.Store(start)
	alive := true
	var batch recBatch
	flush := func() {
		if len(batch.raws) == 0 {
			return
		}
		b := batch
		batch.raws = nil
		if alive {
			now := time.Now().UnixNano()
			if alive = w.since.CompareAndSwap(start, now); alive {
				start = now
			}
		}
		if !alive {
			// Given up on: what is read now is handed in late, if at
			// all, so it stays with this worker.
			late := ld.decodeBatch(t, b)
			res.loaded, res.bad = append(res.loaded, late.loaded...), append(res.bad, late.bad...)
			return
		}
		select {
		case ld.recs <- b:
		default:
			ld.send(ld.decodeBatch(t, b)) // no one is free: decode it here
		}
	}
	_, handled, err := scan.Split(r, f.Name, func(raw article.Raw, at scan.Place) error {
		if raw.Err == nil {
			raw.Bytes = append([]byte(nil), raw.Bytes...)
		}
		batch.at, batch.f = at, f
		batch.raws = append(batch.raws, raw)
		if len(batch.raws) >= chunk {
			flush()
		}
		return nil
	})
	if !handled {
		return res, false, alive && w.since.CompareAndSwap(start, 0)
	}
	flush()
	res.read, res.key = true, fileKey{f.Root, f.Name}
	if err != nil {
		res.skips = append(res.skips, scan.Skip{Path: r.DisplayPath(f.Name), Err: err})
	}
	return res, true, alive && w.since.CompareAndSwap(start, 0)
}

// sendBatch decodes and tokenises a batch and hands its articles, and
// its bad records, to the collector.
func (ld *loader) sendBatch(t *index.Termer, b recBatch) { ld.send(ld.decodeBatch(t, b)) }

// decodeBatch decodes and tokenises a batch.
func (ld *loader) decodeBatch(t *index.Termer, b recBatch) result {
	res := result{part: true, key: fileKey{b.f.Root, b.f.Name}}
	path := ld.roots[b.f.Root].DisplayPath(b.f.Name)
	for _, raw := range b.raws {
		err := raw.Err
		if err == nil {
			var a *article.Article
			if a, err = b.at.Decode(raw.Bytes, raw.Offset); err == nil {
				p := loaded{a: a, rec: fileRec{root: b.f.Root, name: b.f.Name, offset: raw.Offset, stamp: b.at.Stamp}}
				p.terms, p.title, a.Words = t.Terms(a.Headline, a.Body)
				if !ld.l.KeepBodies {
					a.DropBody()
				}
				res.loaded = append(res.loaded, p)
			}
		}
		if err != nil {
			res.bad = append(res.bad, scan.Skip{Path: fmt.Sprintf("%s:%d", path, raw.Line), Err: err})
		}
	}
	return res
}

// drainBatches decodes what batches are waiting, for a worker about to
// stop: none is left behind.
func (ld *loader) drainBatches(t *index.Termer) {
	for {
		select {
		case b := <-ld.recs:
			ld.sendBatch(t, b)
		default:
			return
		}
	}
}
