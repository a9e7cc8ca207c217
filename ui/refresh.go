package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// refresh paces the searches, and counts of the unread, that a load asks
// for to show its new articles. Each walks the whole library under its
// read lock, which the loader waits on to add its next batch, and the
// loader reports every batch (512 articles, or 100 ms): one of each a
// report made a load quadratic, 163 s in the reader against 57 s for
// `list` at 1,000,000 articles. So one refresh runs at a time, the next
// starts no sooner than refreshEvery, or three times what the last one
// took, after it, and the final report's starts at once, so that the
// screen ends with the whole library.
type refresh struct {
	seq     int           // the search of the refresh in flight; 0 for none
	started time.Time     // when it started
	cost    time.Duration // how long the last one took
	due     bool          // the library changed since the last one started
	ticking bool          // a refreshDueMsg is on its way
}

// refreshEvery is the least time between two refreshes: new rows five
// times a second are enough to watch a load by.
const refreshEvery = 200 * time.Millisecond

// gap is the least time between the starts of two refreshes: the slower
// they are, the larger the share of the loader's time it leaves alone.
func (r refresh) gap() time.Duration { return max(refreshEvery, 3*r.cost) }

// refreshLibrary shows that the library changed: at once when now (the
// load's last report), else when the pacing allows.
func (m *Model) refreshLibrary(now bool) tea.Cmd {
	m.refresh.due = true
	return m.refreshIfDue(now)
}

// refreshIfDue starts a refresh if the library changed since the last
// one and the pacing allows, or waits for the time it does.
func (m *Model) refreshIfDue(now bool) tea.Cmd {
	r := &m.refresh
	if !r.due {
		return nil
	}
	if !now {
		if r.seq != 0 {
			return nil // refreshed asks again when it is back
		}
		if wait := r.gap() - time.Since(r.started); wait > 0 {
			if r.ticking {
				return nil
			}
			r.ticking = true
			return refreshAfter(wait)
		}
	}
	r.due, r.started = false, time.Now()
	search := m.search()
	r.seq = m.searchSeq
	return refreshLoad(search, countUnread(m.sh.lib, m.sh.read))
}

// refreshed puts a refresh's results on screen (libraryRefreshedMsg), or
// sees that the pacing allows the next (refreshDueMsg); the next one
// starts if the library changed meanwhile.
func (m *Model) refreshed(msg tea.Msg) tea.Cmd {
	r := &m.refresh
	done, ok := msg.(libraryRefreshedMsg)
	if !ok {
		r.ticking = false
		return m.refreshIfDue(false)
	}
	var next tea.Cmd
	if done.found.seq == r.seq {
		r.seq, r.cost = 0, time.Since(r.started)
		next = m.refreshIfDue(false)
	}
	if done.unread != nil && done.found.seq >= m.applied {
		m.unread = done.unread.n // not older than the rows on screen
	}
	return tea.Batch(next, m.resultsFound(done.found))
}

// refreshDueMsg says the pacing allows the next refresh.
type refreshDueMsg struct{}

// refreshAfter waits until the pacing allows the next refresh.
func refreshAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return refreshDueMsg{} })
}

// libraryRefreshedMsg carries a refresh's search results and, with read
// state, its count of the unread.
type libraryRefreshedMsg struct {
	found  resultsFoundMsg
	unread *unreadCountedMsg
}

// refreshLoad runs a search and then a count of the unread (count may be
// nil) as one command, so that a refresh in flight is one walk of the
// library at a time, not two at once.
func refreshLoad(search, count tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		msg := libraryRefreshedMsg{found: search().(resultsFoundMsg)}
		if count != nil {
			n := count().(unreadCountedMsg)
			msg.unread = &n
		}
		return msg
	}
}
