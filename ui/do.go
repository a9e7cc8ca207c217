package ui

import (
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// What the actions of the table do, in its order. Each takes the key
// that fired it, which only open_related looks at.

// toList passes the key to the list, whose cursor it moves.
func (m *Model) toList(msg tea.KeyMsg) tea.Cmd {
	before := m.list.Selected()
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	if a := m.list.Selected(); a != before {
		m.pick(a)
		m.reader.history = nil // the links followed were from another article
		m.syncFocus()
	}
	return tea.Batch(cmd, m.follow())
}

func (m *Model) openFind(tea.KeyMsg) tea.Cmd {
	m.focus = focusFind
	m.syncFocus()
	return tea.Batch(m.layout(), m.find.Focus())
}

func (m *Model) nextMatch(tea.KeyMsg) tea.Cmd {
	m.reader.Jump(1)
	return nil
}

func (m *Model) prevMatch(tea.KeyMsg) tea.Cmd {
	m.reader.Jump(-1)
	return nil
}

// openRelated opens the related story msg names (see relatedFor).
func (m *Model) openRelated(msg tea.KeyMsg) tea.Cmd {
	if a := m.reader.relatedFor(msg); a != nil {
		m.pick(a)
		return m.reader.SetArticle(a)
	}
	return nil
}

func (m *Model) openFilter(tea.KeyMsg) tea.Cmd {
	m.overlay = overlayNone
	m.focus = focusFilter
	m.syncFocus()
	return tea.Batch(m.layout(), m.filter.Focus())
}

// keepInput closes the filter or the find, keeping what was typed; the
// find goes to its first match.
func (m *Model) keepInput(tea.KeyMsg) tea.Cmd {
	if m.focus == focusTag {
		return m.keepTags()
	}
	if m.focus == focusName {
		return m.keepSearchName()
	}
	if m.focus == focusFind {
		m.reader.Jump(1)
		return m.closeInput(&m.find, false, focusReader)
	}
	return m.closeInput(&m.filter, false, focusList)
}

// cancelInput empties and closes the filter or the find; the reader goes
// back to marking the filter's words.
func (m *Model) cancelInput(tea.KeyMsg) tea.Cmd {
	if m.focus == focusTag {
		m.tagging = nil
		return m.closeInput(&m.tagIn, true, m.tagFrom)
	}
	if m.focus == focusName {
		return m.closeInput(&m.nameIn, true, m.nameFrom)
	}
	if m.focus == focusFind {
		m.reader.Find(m.list.query)
		return m.closeInput(&m.find, true, focusReader)
	}
	return tea.Batch(m.closeInput(&m.filter, true, focusList), m.search())
}

func (m *Model) clearFilter(tea.KeyMsg) tea.Cmd {
	m.filter.Reset()
	return tea.Batch(m.layout(), m.search())
}

func (m *Model) openReader(tea.KeyMsg) tea.Cmd {
	if m.list.Selected() == nil {
		return nil
	}
	m.focus = focusReader
	if m.reader.want != m.list.Selected() {
		m.reader.history = nil
	}
	m.syncFocus()
	m.pick(m.list.Selected())
	return tea.Batch(m.layout(), m.follow())
}

func (m *Model) backToList(tea.KeyMsg) tea.Cmd {
	m.focus = focusList
	m.syncFocus()
	return tea.Batch(m.savePositions(), m.layout())
}

func (m *Model) switchPane(tea.KeyMsg) tea.Cmd {
	if m.focus == focusList {
		m.focus = focusReader
		m.pick(m.reader.want)
	} else {
		m.focus = focusList
	}
	m.syncFocus()
	return nil
}

// toggleBookmark changes the bookmark in memory at once, so that the
// next press, even in the same burst, sees this one, and saves it in a
// command.
func (m *Model) toggleBookmark(tea.KeyMsg) tea.Cmd {
	a := m.current()
	if m.sh.marks == nil || a == nil {
		return nil
	}
	if m.sh.marks.Toggle(state.BookmarkOf(a)) {
		m.setFlash("Bookmarked.", false)
	} else {
		m.setFlash("Bookmark removed.", false)
	}
	cmd := m.saving(saveBookmarks(m.sh.marks))
	if m.bookmarksOnly {
		return tea.Batch(cmd, m.search())
	}
	return cmd
}

func (m *Model) bookmarksView(tea.KeyMsg) tea.Cmd {
	m.bookmarksOnly = !m.bookmarksOnly
	m.list.moved = false
	return m.searchSaying()
}

// toggleRead marks the article read or unread in memory at once, as
// toggleBookmark does, keeping what finds it again after an edit.
func (m *Model) toggleRead(tea.KeyMsg) tea.Cmd {
	a := m.current()
	if a == nil || m.sh.read == nil {
		return nil
	}
	if m.sh.read.Toggle(state.RefOf(a)) {
		m.setFlash("Marked read.", false)
	} else {
		m.setFlash("Marked unread.", false)
	}
	return tea.Batch(m.saving(saveRead(m.sh.read)), m.readChanged())
}

func (m *Model) unreadView(tea.KeyMsg) tea.Cmd {
	if m.sh.read == nil {
		return nil
	}
	m.unreadOnly = !m.unreadOnly
	m.list.moved = false
	return m.searchSaying()
}

// nextSort goes round the orders; relevance only where there are words
// to rank by.
func (m *Model) nextSort(tea.KeyMsg) tea.Cmd {
	m.sort = (m.sort + 1) % store.Sort(len(store.Sorts))
	if m.sort == store.SortRelevance && len(query.Parse(m.filter.Value()).Words) == 0 {
		m.sort = store.SortNewest
	}
	m.list.moved = false
	m.setFlash("Sorted by "+m.sort.String()+".", false)
	return m.searchSaying()
}

// edit looks for the article's file; editorReady hands it to the editor.
func (m *Model) edit(tea.KeyMsg) tea.Cmd {
	if a := m.current(); a != nil {
		return findFile(a)
	}
	return nil
}

func (m *Model) browse(tea.KeyMsg) tea.Cmd {
	a := m.current()
	if a == nil {
		return nil
	}
	if u := articleURL(a); u != "" {
		m.setFlash("Opening "+text.SanitizeLine(u)+"…", false)
		return openInBrowser(u)
	}
	m.setFlash("This article has no URL to open (no source or url in its front matter).", true)
	return nil
}

// copyLink copies the article's URL, or else its file's path.
func (m *Model) copyLink(tea.KeyMsg) tea.Cmd {
	a := m.current()
	if a == nil {
		return nil
	}
	return copyArticle(m.sh.out, articleURL(a), a.Path)
}

// toggleCopies shows every copy of a story as a row, or one row a story
// (the newest copy, with their count) again.
func (m *Model) toggleCopies(tea.KeyMsg) tea.Cmd {
	m.copiesApart = !m.copiesApart
	if m.copiesApart {
		m.setFlash("Every copy of a story shows: c to show one row a story.", false)
	} else {
		m.setFlash("One row a story: c to show every copy.", false)
	}
	return m.searchSaying()
}

// toggleViews opens the views picker, or closes it from inside.
func (m *Model) toggleViews(msg tea.KeyMsg) tea.Cmd {
	if m.overlay == overlayViews {
		return m.closeOverlay(msg)
	}
	return m.openViews(msg)
}

func (m *Model) openSkipped(tea.KeyMsg) tea.Cmd {
	m.overlay = overlaySkipped
	m.syncFocus()
	return listSkipped(m.sh.lib)
}

// toggleHelp opens the full help, or closes it from inside.
func (m *Model) toggleHelp(msg tea.KeyMsg) tea.Cmd {
	if m.overlay == overlayHelp {
		return m.closeOverlay(msg)
	}
	m.overlay = overlayHelp
	m.syncFocus()
	cmd := m.layout()
	m.helpVP.GotoTop()
	if m.helpVP.TotalLineCount() > m.helpVP.Height {
		m.setFlash("More keys below: ↓ to scroll.", false)
	}
	return cmd
}

// quit ends the program once the saves still running are done (see
// saveDone); a disk that does not answer holds it up for quitGrace.
func (m *Model) quit(tea.KeyMsg) tea.Cmd {
	m.stateWatch.stop()
	save := m.savePositions()
	if m.saves == 0 {
		return tea.Quit
	}
	m.quitting = true
	m.setFlash("Saving…", false)
	return tea.Batch(save, tea.Tick(quitGrace, func(time.Time) tea.Msg { return tea.QuitMsg{} }))
}

// quitGrace is how long quitting waits for saves.
const quitGrace = 3 * time.Second

// closeOverlay gives the keys back to the pane under the overlay.
func (m *Model) closeOverlay(tea.KeyMsg) tea.Cmd {
	was := m.overlay
	m.overlay = overlayNone
	m.syncFocus()
	if was == overlayHelp {
		return m.layout()
	}
	return nil
}
