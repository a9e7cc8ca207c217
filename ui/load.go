package ui

import (
	"context"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// articlesLoaded searches again when the articles changed, not for every
// count of files checked, and while loading only as often as the pacing
// allows (see refresh): the count of files on screen follows every report.
func (m *Model) articlesLoaded(msg articlesLoadedMsg) tea.Cmd {
	var cmds []tea.Cmd
	refresh := msg.p.Loaded != m.progress.Loaded || msg.p.Searchable != m.progress.Searchable ||
		msg.p.Final || !m.loaded && m.applied == 0
	// A cache on show settles the screen; its check shows only what it
	// finds changed. The search below groups copies once it has.
	m.loaded = msg.p.Final || msg.p.Checking
	if refresh {
		cmds = append(cmds, m.refreshLibrary(msg.p.Final))
	}
	cmds = append(cmds, m.reader.SetLoading(!msg.p.Final))
	if msg.p.Final && (m.sh.marks != nil || m.sh.read != nil) {
		// An article edited since the marks were made has a new ID:
		// they follow it, once the whole library is there to look in.
		cmds = append(cmds, m.saving(reconcile(m.sh.lib, m.sh.kept())))
	}
	m.progress = msg.p
	if msg.ch != nil {
		// Reports go on after loading while the folders are watched.
		cmds = append(cmds, waitForLoad(msg.ch))
	}
	return tea.Batch(cmds...)
}

// reconciled shows the marks that moved to their edited articles.
func (m *Model) reconciled(msg reconciledMsg) tea.Cmd {
	done := m.saveDone()
	if msg.err != nil {
		m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	}
	if msg.changed {
		m.views.moved++ // the views picker counts again
	}
	if msg.changed || msg.err != nil {
		return tea.Batch(done, m.search(), countUnread(m.sh.lib, m.sh.read))
	}
	return done
}

// resultsFound puts a search's results on screen, unless a newer search
// already did; the article on screen follows its file.
func (m *Model) resultsFound(msg resultsFoundMsg) tea.Cmd {
	if msg.seq < m.applied || msg.res.Stale() {
		return nil // an older query finished late, or gave up for a newer
	}
	m.applied = msg.seq
	m.searching = m.searching && msg.seq < m.searchSeq
	m.total = msg.res.Total
	m.list.SetItems(msg.stories, msg.q)
	m.list.empty = m.emptyText()
	cmd := m.recountTimeline()
	if msg.needGroups && !m.grouping {
		m.grouping = true
		cmd = tea.Batch(cmd, prepareGroups(m.sh.lib))
	}
	if a := m.reader.shown; a != nil && a.ID == msg.id && m.loaded && m.readerVisible() {
		switch {
		case msg.now != nil:
			// The file changed (an edit): show what it holds now, still
			// the article the user picked if it was.
			if m.picked == msg.id {
				m.picked = msg.now.ID
			}
			cmd = tea.Batch(cmd, m.reader.Reload(msg.now))
		case msg.gone:
			m.setFlash("This article's file is gone: it stays open until you leave it.", true)
		}
	}
	if m.find.Value() == "" && m.reader.find.Raw != msg.q.Raw {
		m.reader.Find(msg.q) // the filter's words, marked in the reader
	}
	if a := m.reader.shown; msg.gone && a != nil && a.ID == msg.id {
		// The reader keeps the article whose file went, as the status
		// line promised, until the user moves the selection: only their
		// keys and clicks follow it (see toList and mouse).
		return cmd
	}
	return tea.Batch(cmd, m.follow())
}

// searchOptions are what every search asks of the user's state: is:,
// tag: and note:.
func (m *Model) searchOptions() store.SearchOptions {
	var opt store.SearchOptions
	if m.sh.marks != nil {
		opt.Bookmarked = m.sh.marks.Has
	}
	if m.sh.read != nil {
		opt.Read = m.sh.read.Has
	}
	if m.sh.tags != nil {
		opt.Tags = m.sh.tags.Of
	}
	if m.sh.notes != nil {
		opt.Note = m.sh.notes.Of
	}
	return opt
}

// search runs the current filter in the background; results of an older
// search that arrive late are dropped.
func (m *Model) search() tea.Cmd {
	m.searchSeq++
	seq, latest := int64(m.searchSeq), &m.sh.latestSearch
	latest.Store(seq)
	opt := m.searchOptions()
	opt.Sort, opt.Stale = m.sort, func() bool { return latest.Load() != seq }
	marks, read := m.sh.marks, m.sh.read
	switch {
	case m.bookmarksOnly && m.unreadOnly && marks != nil:
		opt.Only = func(id article.ID) bool { return marks.Has(id) && !read.Has(id) }
	case m.bookmarksOnly && marks != nil:
		opt.Only = marks.Has
	case m.unreadOnly:
		opt.Only = func(id article.ID) bool { return !read.Has(id) }
	}
	var on onScreen
	if a := m.reader.shown; a != nil {
		on = onScreen{id: a.ID, path: a.Path}
	}
	// Copies are grouped once the load is done: until then each batch
	// would have the library's groups worked out again.
	return runSearch(m.sh.lib, query.Parse(m.filter.Value()), opt, m.searchSeq, on, m.loaded && !m.copiesApart, m.sh.groupInline)
}

// searchSaying is search for a change the user made (the filter, a
// toggle, the sort): past slowSearch, the screen says it is searching.
func (m *Model) searchSaying() tea.Cmd {
	found := m.search()
	if slowSearch == 0 {
		return found
	}
	seq := m.searchSeq
	return tea.Batch(found, tea.Tick(slowSearch, func(time.Time) tea.Msg { return searchSlowMsg(seq) }))
}

// slowSearch is how long a search runs before the screen says it is
// searching: most take a millisecond, and saying so for each key would
// flicker. Tests that settle every command at once set it to 0.
var slowSearch = 150 * time.Millisecond

// searchSlowMsg says search seq has run for slowSearch.
type searchSlowMsg int

// loadStartedMsg hands Update the channel the loader reports on.
type loadStartedMsg struct{ ch <-chan store.Progress }

// articlesLoadedMsg reports a batch of articles added to the library.
type articlesLoadedMsg struct {
	p  store.Progress
	ch <-chan store.Progress
}

// loadLibrary starts loading the roots in the background. Progress is
// coalesced: a slow UI sees the latest count, not every batch.
func loadLibrary(lib *store.Library, roots []article.Root, follow bool) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan store.Progress, 1)
		send := sendLatest(ch)
		go func() {
			lib.Load(context.Background(), roots, send)
			lib.WarmPrefixes()
			// A cold load of a large folder streams into several segments;
			// merged into one in the background, queries read one set of
			// postings and the list one run of rows.
			go func() {
				if merged, _ := lib.Compact(); merged {
					lib.WarmPrefixes()
				}
			}()
			if follow {
				// Until the program ends: it takes this goroutine along.
				lib.Watch(context.Background(), roots, send)
			}
			close(ch)
		}()
		return loadStartedMsg{ch}
	}
}

// sendLatest returns a notify that puts a report on ch, which holds one,
// in place of any not yet taken: each report counts everything so far.
func sendLatest(ch chan store.Progress) func(store.Progress) {
	return func(p store.Progress) {
		for {
			select {
			case ch <- p:
				return
			default:
				select {
				case <-ch:
				default:
				}
			}
		}
	}
}

// waitForLoad waits for the loader's next report.
func waitForLoad(ch <-chan store.Progress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return articlesLoadedMsg{p: p, ch: ch}
	}
}

// resultsFoundMsg carries the articles a filter matched, and what became
// of the article on screen when the search ran.
type resultsFoundMsg struct {
	seq int
	q   query.Query
	res store.Result
	// stories are res cut into stories (near-copies as one), or one an
	// article when copies show apart; needGroups says they could not be
	// cut without working out the library's groups first.
	stories    store.Stories
	needGroups bool
	onScreen
}

// onScreen is the article that was on screen when a search started, and
// what the library holds for it once the search ran: the same article,
// its file's new version after an edit (now), or nothing (gone).
type onScreen struct {
	id   article.ID
	path string
	now  *article.Article
	gone bool
}

// runSearch filters the library in the background, and looks up the
// article on screen there too: the library's lock may be held by a
// rescan, and Update must not wait for it.
// inlineGroups is the largest library whose groups a search works out
// itself (40 ms at 100,000 docs); a larger one's are worked out in a
// command of their own (prepareGroups) while its rows show ungrouped, so
// that the first screen of a million never waits on them.
const inlineGroups = 100_000

// groupsCheap says whether what needs the library's groups may have them
// now: a library of no more than inline articles, or one whose groups
// are worked out already.
func groupsCheap(lib *store.Library, inline int) bool {
	return lib.Len() <= inline || lib.GroupsReady()
}

// groupsPreparedMsg says the library's groups are worked out.
type groupsPreparedMsg struct{}

// prepareGroups works out the library's groups in the background.
func prepareGroups(lib *store.Library) tea.Cmd {
	return func() tea.Msg {
		lib.PrepareGroups()
		return groupsPreparedMsg{}
	}
}

func runSearch(lib *store.Library, q query.Query, opt store.SearchOptions, seq int, on onScreen, group bool, inline int) tea.Cmd {
	return func() tea.Msg {
		msg := resultsFoundMsg{seq: seq, q: q, res: lib.Search(q, opt), onScreen: on}
		msg.stories = store.Ungrouped(msg.res)
		switch {
		case !group || msg.res.Stale():
		case groupsCheap(lib, inline):
			msg.stories = lib.Stories(msg.res)
		default:
			msg.needGroups = true
		}
		if on.path != "" {
			if _, ok := lib.Get(on.id); !ok {
				msg.now, _ = lib.ByPath(on.path)
				msg.gone = msg.now == nil
			}
		}
		return msg
	}
}

// reconciledMsg says whether bookmarks or read marks moved to the
// articles they name now, and why they could not be saved.
type reconciledMsg struct {
	changed bool
	err     error
}

// reconcile moves the bookmarks, read marks, tags and notes of edited or moved
// articles to them (see store.Reconcile), away from Update: it reads the
// whole library under its lock and writes the files.
func reconcile(lib *store.Library, kept store.Kept) tea.Cmd {
	return func() tea.Msg {
		changed, err := store.Reconcile(lib, kept)
		return reconciledMsg{changed, err}
	}
}

// unreadCountedMsg carries how many articles are not read.
type unreadCountedMsg struct{ n int }

// countUnread counts the unread articles in the background: once the
// articles or the read state change, not for every search. With nothing
// read, as at a first start, every article is unread: no need to walk
// the library and ask of each.
func countUnread(lib *store.Library, rs *state.ReadState) tea.Cmd {
	if rs == nil {
		return nil
	}
	return func() tea.Msg {
		if rs.Len() == 0 {
			return unreadCountedMsg{lib.Len()}
		}
		return unreadCountedMsg{lib.CountUnread(rs.Has)}
	}
}
