package store

import (
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/segment"
)

// Line is what a listing prints of an article, read from its row in
// place: nothing is built, so a listing of half a million articles makes
// no garbage a line. Its strings may alias a mapped segment, valid
// while the library is.
type Line struct {
	ID       article.ID
	Date     time.Time // the zero time when Undated
	Undated  bool
	Headline string
	root     *article.Root // nil for an article with no file
	dir      string        // the root's DisplayDir
	name     string        // the file's, under root, slash-separated
	path     string        // the article's Path, when it was built
}

// AppendPath appends the line's file as Article.Path shows it to dst.
func (ln *Line) AppendPath(dst []byte) []byte {
	switch {
	case ln.path != "" || ln.root == nil:
		return append(dst, ln.path...)
	default:
		return ln.root.AppendDisplayPath(dst, ln.dir, ln.name)
	}
}

// LineOf is an article's line.
func LineOf(a *article.Article) Line {
	return Line{ID: a.ID, Date: a.Date, Undated: a.Undated, Headline: a.Headline, path: a.Path}
}

// linesLocked is how many lines EachLine reads under one hold of the read
// lock: a writer waits for no more than that. Tests make it small.
var linesLocked = 1024

// EachLine calls fn with the lines of the result's articles from the
// i'th on, in order, until fn returns an error, which it returns.
func (r Result) EachLine(i int, fn func(*Line) error) error {
	batch := make([]Line, 0, linesLocked)
	var dirs []string // by root
	for i < r.Len() {
		batch = batch[:0]
		r.lib.mu.RLock()
		if dirs == nil {
			dirs = make([]string, len(r.lib.roots))
			for k := range r.lib.roots {
				dirs[k] = r.lib.roots[k].DisplayDir()
			}
		}
		r.each(i, func(doc uint32) bool {
			if doc, a := r.lib.now(r.num, doc); a != nil {
				batch = append(batch, LineOf(a))
			} else {
				batch = append(batch, r.lib.line(doc, dirs))
			}
			return len(batch) < linesLocked
		})
		r.lib.mu.RUnlock()
		for k := range batch {
			if err := fn(&batch[k]); err != nil {
				return err
			}
		}
		i += len(batch)
	}
	return nil
}

// line is doc's line; dirs are the roots' DisplayDirs. The caller holds
// the read lock.
func (l *Library) line(doc uint32, dirs []string) Line {
	if doc >= l.segDocs {
		return LineOf(l.docs[doc-l.segDocs])
	}
	if a := l.made.load(doc); a != nil {
		return LineOf(a)
	}
	p, i := l.segOf(doc)
	s := p.seg
	flags := s.Flags(i)
	ln := Line{ID: article.ID(s.ID(i)), Undated: flags&segment.FlagUndated != 0, Headline: s.Headline(i)}
	switch {
	case ln.Undated:
	case flags&segment.FlagDateFromFile != 0:
		ln.Date = time.Unix(0, s.Date(i)) // a file's time, local as fromRow has it
	default:
		ln.Date = time.Unix(0, s.Date(i)).UTC()
	}
	if root, name := s.Name(i); int(root) < len(l.roots) {
		ln.root, ln.dir, ln.name = &l.roots[root], dirs[root], name
	}
	return ln
}
