package store

import (
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
)

// A file of many articles may hold records that cannot be read. They are
// listed with the files not loaded, and remembered by file, so that a
// warm start or a rescan that keeps the file unchanged (and so never
// reads it) still lists them: nothing vanishes without a word.

// forgetBadRecords drops what is remembered of a file about to be read
// again, which finds its bad records again.
func (l *Library) forgetBadRecords(k fileKey) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.bad, k)
}

// badRecords remembers a result's bad records and returns the ones to
// list: those it found, or, for a file kept unchanged, those remembered.
func (l *Library) badRecords(res result) []scan.Skip {
	l.mu.Lock()
	defer l.mu.Unlock()
	if res.kept {
		return l.bad[res.key]
	}
	if len(res.bad) > 0 {
		if l.bad == nil {
			l.bad = map[fileKey][]scan.Skip{}
		}
		l.bad[res.key] = append(l.bad[res.key], res.bad...)
	}
	return res.bad
}

// hasBadRecords says whether any file's bad records are remembered: a
// load asks once, and spares its every file a lock when none are.
func (l *Library) hasBadRecords() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.bad) > 0
}

// replaceSkips makes skips the files not loaded in the scopes of the
// roots (all, for nil), and says whether they differ from those the
// library listed, and how many files it lists now.
func (l *Library) replaceSkips(roots []article.Root, scopes []scan.Scope, skips []scan.Skip) (changed bool, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if scopes != nil {
		var kept []scan.Skip
		for _, s := range l.skips {
			if !inScopes(roots, scopes, s.Path) {
				kept = append(kept, s)
			}
		}
		skips = append(kept, skips...)
	}
	same := len(skips) == len(l.skips)
	if same {
		was := map[string]string{}
		for _, s := range l.skips {
			was[s.Path] = s.Reason()
		}
		for _, s := range skips {
			if r, ok := was[s.Path]; !ok || r != s.Reason() {
				same = false
				break
			}
		}
	}
	l.skips = skips
	return !same, len(skips)
}
