package state

import (
	"math"
	"path/filepath"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// PositionsFile is the name of the reading-positions file in the state
// folder, beside the read state.
const PositionsFile = "positions.json"

const positionsVersion = 1

// Positions remember where the user was in each article, so that the
// reader returns there. They are kept as read state is: locked, merged
// with disk, replaced atomically, never written over when they cannot be
// read, moved to an article's new ID after an edit. A position is a
// fraction of the article's rendered lines, from 0 (the top) to 1, which
// holds whatever width the article is next rendered at.
type Positions struct {
	file *stateFile[article.ID, position]
}

// position is where one article was left, when, and what finds it again.
type position struct {
	ref     Ref
	at      float64
	changed time.Time
	extra   string
}

// OpenPositions reads the positions kept in dir. A missing file is none;
// one that cannot be understood leaves them read-only.
func OpenPositions(dir string) (*Positions, error) {
	p := &Positions{file: &stateFile[article.ID, position]{
		what: "reading positions", path: filepath.Join(dir, PositionsFile),
		read: decodePositions, write: encodePositions,
	}}
	return p, p.file.open()
}

// Path is the positions file.
func (p *Positions) Path() string { return p.file.path }

// At is where the article was left, 0 for the top or none; a nil
// Positions has none.
func (p *Positions) At(id article.ID) float64 {
	if p == nil {
		return 0
	}
	e, _ := p.file.get(id)
	return e.at
}

// Mark records in memory at once where the article was left, for the next
// Save, as ReadState.Mark does: the TUI calls it in Update. The top, or a
// position that is not a fraction, forgets it.
func (p *Positions) Mark(ref Ref, at float64) {
	at = cleanPosition(at)
	now := time.Now().UTC().Truncate(time.Second)
	p.file.apply(func(map[article.ID]position) func(map[article.ID]position) {
		return func(set map[article.ID]position) {
			if at == 0 {
				delete(set, ref.ID)
				return
			}
			e := set[ref.ID]
			if !ref.bare() {
				e.ref = ref
			}
			e.ref.ID, e.at, e.changed = ref.ID, at, now
			set[ref.ID] = e
		}
	})
}

// cleanPosition is at as a fraction in [0, 1], 0 for what is not a number.
func cleanPosition(at float64) float64 {
	if math.IsNaN(at) || at <= 0 {
		return 0
	}
	return min(at, 1)
}

// Save writes the changes Mark queued, merged with the file.
func (p *Positions) Save() error { return p.file.saveAll() }

// Reload reads the file again if another instance changed it.
func (p *Positions) Reload() (changed bool, err error) { return p.file.reload() }

// Reconcile moves the position of each article find locates under another
// ID to that article, the newer of two kept, and fills in what an entry
// lacks, as Notes.Reconcile does.
func (p *Positions) Reconcile(find Finder) bool {
	return reconcile(p.file, find, func(e position) Ref { return e.ref },
		func(old, cur position, had bool, to Ref) position {
			if had && cur.changed.After(old.changed) {
				return cur
			}
			old.ref = to
			return old
		},
		func(cur position, ref Ref) position { cur.ref = cur.ref.filled(ref); return cur })
}

// The positions file, positions.json, is a JSON object:
//
//	{
//	  "version": 1,
//	  "positions": [
//	    {"id": "<article ID>", "at": 0.42, "changed": "<RFC 3339>",
//	     "path": "...", "offset": 0, "url": "...", "headline": "...",
//	     "date": "<RFC 3339>"},
//	    ...
//	  ]
//	}
//
// sorted by ID; "at" is the fraction of the rendered article above the
// top of the screen, in (0, 1]; an entry at 0 or not a fraction is
// dropped. Path to date are as in tags.json. Members this build does not
// know are kept; a file that cannot be read is never written over.
func decodePositions(path string, data []byte) (map[article.ID]position, string, error) {
	return decodeEntries(path, "positions", "article", data, positionsVersion,
		func(e object) (p position, err error) {
			err = firstError(e.take("at", &p.at), e.take("changed", &p.changed), takeRef(e, &p.ref))
			return
		},
		func(p position, id article.ID, extra string) (position, bool) {
			p.ref.ID, p.extra = id, extra
			p.at = cleanPosition(p.at)
			return p, p.at > 0
		})
}

func encodePositions(set map[article.ID]position, rest string) ([]byte, error) {
	list, err := encodeEntries(set, func(id article.ID, p position) ([]member, string) {
		return append([]member{{"id", id.String()}, {"at", p.at}, {"changed", p.changed}}, refMembers(p.ref)...), p.extra
	})
	if err != nil {
		return nil, err
	}
	return encodeFile(positionsVersion, "positions", list, rest)
}
