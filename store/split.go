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
// The reader's side is the splitter; readFile gives it the records.

// recBatch is a batch of one file's records for any worker to decode.
type recBatch struct {
	at   scan.Place
	f    scan.File
	raws []article.Raw // copies, each its own
}

// splitter batches one file's records for the workers.
type splitter struct {
	ld    *loader
	t     *index.Termer
	f     scan.File
	beat  func() bool // a sign of life to the watchdog; false once given up on
	batch recBatch
	late  result // what was read after the watchdog gave up, kept here
}

// add takes one record's bytes, copied, into the batch.
func (s *splitter) add(raw article.Raw, at scan.Place) error {
	if raw.Err == nil {
		raw.Bytes = append([]byte(nil), raw.Bytes...)
	}
	s.batch.at, s.batch.f = at, s.f
	s.batch.raws = append(s.batch.raws, raw)
	if len(s.batch.raws) >= chunk {
		s.flush()
	}
	return nil
}

// flush hands the batch to a free worker, or decodes it here when none is;
// given up on, it keeps what it decodes to hand in late, if at all.
func (s *splitter) flush() {
	if len(s.batch.raws) == 0 {
		return
	}
	b := s.batch
	s.batch.raws = nil
	if !s.beat() {
		res := s.ld.decodeBatch(s.t, b)
		s.late.loaded, s.late.bad = append(s.late.loaded, res.loaded...), append(s.late.bad, res.bad...)
		return
	}
	select {
	case s.ld.recs <- b:
	default:
		s.ld.send(s.ld.decodeBatch(s.t, b))
	}
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
				ld.l.index(&p, t)
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

// serveBatches decodes batches for a worker with no file left to read
// while other files are still being read (one large dataset read by one
// worker, the walk long done): the idle cores decode its records, and
// none is left behind.
func (ld *loader) serveBatches(t *index.Termer) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for ld.reading.Load() > 0 {
		select {
		case b := <-ld.recs:
			ld.sendBatch(t, b)
		case <-tick.C:
		case <-ld.ctx.Done():
			return
		}
	}
	ld.drainBatches(t)
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
