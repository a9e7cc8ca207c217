package ui

import (
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// The outcomes of reading and of the saves to disk.

// readTimerDone marks the article read if it is still the one on screen.
func (m *Model) readTimerDone(msg readTimerMsg) tea.Cmd {
	if m.reader.shown != nil && m.reader.shown.ID == msg.id && m.readTimerFor == msg.id &&
		m.readerVisible() && !m.sh.read.Has(msg.id) {
		return saveRead(m.sh.read, msg.id, true, false)
	}
	return nil
}

func (m *Model) readSaved(msg readSavedMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	case msg.toggled && msg.read:
		m.setFlash("Marked read.", false)
	case msg.toggled:
		m.setFlash("Marked unread.", false)
	}
	return tea.Batch(m.search(), countUnread(m.sh.lib, m.sh.read))
}

func (m *Model) bookmarkSaved(msg bookmarkSavedMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	case msg.on:
		m.setFlash("Bookmarked.", false)
	default:
		m.setFlash("Bookmark removed.", false)
	}
	if m.bookmarksOnly {
		return m.search()
	}
	return nil
}

// readTimerMsg says an article has been on screen for a moment.
type readTimerMsg struct{ id article.ID }

// readTimer waits for an article to have been on screen for a moment.
func readTimer(id article.ID, after time.Duration) tea.Cmd {
	return tea.Tick(after, func(time.Time) tea.Msg { return readTimerMsg{id} })
}

// readSavedMsg reports read state written, or why it was not.
type readSavedMsg struct {
	id      article.ID
	read    bool
	toggled bool // by the user, not by reading
	err     error
}

// saveRead marks an article read or unread on disk; toggled says the
// user asked, so that the status line says what happened.
func saveRead(rs *state.ReadState, id article.ID, read, toggled bool) tea.Cmd {
	return func() tea.Msg {
		return readSavedMsg{id: id, read: read, toggled: toggled, err: rs.Set(id, read)}
	}
}

// bookmarkSavedMsg reports a bookmark written, or why it was not.
type bookmarkSavedMsg struct {
	id  article.ID
	on  bool
	err error
}

// saveBookmark adds or removes a bookmark on disk.
func saveBookmark(marks *state.Bookmarks, bm state.Bookmark, on bool) tea.Cmd {
	return func() tea.Msg {
		return bookmarkSavedMsg{id: bm.ID, on: on, err: marks.Set(bm, on)}
	}
}

// skippedListedMsg carries the files the library did not load.
type skippedListedMsg struct{ skips []scan.Skip }

// listSkipped asks the library for its skipped files, away from Update:
// a rescan may hold the library's lock.
func listSkipped(lib *store.Library) tea.Cmd {
	return func() tea.Msg { return skippedListedMsg{lib.Skipped()} }
}
