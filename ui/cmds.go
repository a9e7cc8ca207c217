package ui

import (
	"context"
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
	if a := m.reader.shown; a != nil && a.ID == msg.id && m.readTimerFor == msg.id &&
		m.readerVisible() && !m.sh.read.Has(msg.id) {
		m.sh.read.Mark(state.RefOf(a), true)
		return tea.Batch(m.saving(saveRead(m.sh.read)), m.readChanged())
	}
	return nil
}

// saving counts a command that saves state while it runs; its message
// calls saveDone.
func (m *Model) saving(cmd tea.Cmd) tea.Cmd {
	m.saves++
	return cmd
}

// saveDone counts a save finished, and ends the program when it was the
// last one a quit waited for.
func (m *Model) saveDone() tea.Cmd {
	m.saves--
	if m.quitting && m.saves == 0 {
		return tea.Quit
	}
	return nil
}

// readChanged shows a change of read state: the rows, the unread view
// and the count.
func (m *Model) readChanged() tea.Cmd {
	return tea.Batch(m.search(), countUnread(m.sh.lib, m.sh.read))
}

// readSaved reports a save that failed, which undid its changes in
// memory: the screen shows what the file holds again.
func (m *Model) readSaved(msg readSavedMsg) tea.Cmd {
	done := m.saveDone()
	if msg.err == nil {
		return done
	}
	m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	return tea.Batch(done, m.readChanged())
}

// bookmarkSaved reports a save that failed, as readSaved does; it
// reports the tags' too.
func (m *Model) bookmarkSaved(msg bookmarkSavedMsg) tea.Cmd {
	done := m.saveDone()
	if msg.err == nil {
		return done
	}
	m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	return tea.Batch(done, m.search())
}

// readTimerMsg says an article has been on screen for a moment.
type readTimerMsg struct{ id article.ID }

// readTimer waits for an article to have been on screen for a moment.
func readTimer(id article.ID, after time.Duration) tea.Cmd {
	return tea.Tick(after, func(time.Time) tea.Msg { return readTimerMsg{id} })
}

// readSavedMsg reports the read state written, or why it was not.
type readSavedMsg struct{ err error }

// saveRead writes the read marks changed in memory since the last save,
// merged with the file; saves from several commands take turns.
func saveRead(rs *state.ReadState) tea.Cmd {
	return func() tea.Msg { return readSavedMsg{rs.Save()} }
}

// bookmarkSavedMsg reports the bookmarks written, or why they were not.
type bookmarkSavedMsg struct{ err error }

// saveBookmarks writes the bookmarks changed in memory since the last
// save, as saveRead does.
func saveBookmarks(marks *state.Bookmarks) tea.Cmd {
	return func() tea.Msg { return bookmarkSavedMsg{marks.Save()} }
}

// stateReloaded shows what another instance changed in the state files.
func (m *Model) stateReloaded(msg stateReloadedMsg) tea.Cmd {
	if msg.err != nil {
		m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	}
	if msg.changed {
		m.views.moved++ // the views picker counts again
		return m.readChanged()
	}
	return nil
}

// stateWatch is the watch of the state files: it runs until ctx ends
// (stop, on quitting), and says on changed, which holds one, that a
// file changed.
type stateWatch struct {
	ctx     context.Context
	stop    context.CancelFunc
	changed chan struct{}
}

// watchState follows the state files at paths until ctx ends, telling
// changed of each write without waiting: changes that come while one is
// being read again are seen by that one Reload.
func watchState(ctx context.Context, paths []string, changed chan<- struct{}) tea.Cmd {
	return func() tea.Msg {
		state.Watch(ctx, paths, func() {
			select {
			case changed <- struct{}{}:
			default:
			}
		})
		return nil // it ends only with ctx
	}
}

// stateChangedMsg says a state file was written, by this instance or
// another.
type stateChangedMsg struct{}

// waitForState waits for the watch's next change.
func waitForState(ctx context.Context, changed <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-changed:
			return stateChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

// stateReloadedMsg says whether a state file held another instance's
// changes, and why one could not be read.
type stateReloadedMsg struct {
	changed bool
	err     error
}

// reloadState reads the state files again where another instance wrote
// them; a file this instance wrote last costs a stat.
func reloadState(kept store.Kept) tea.Cmd {
	return func() tea.Msg {
		changed, err := kept.Reload()
		return stateReloadedMsg{changed, err}
	}
}

// skippedListedMsg carries the files the library did not load.
type skippedListedMsg struct{ skips []scan.Skip }

// listSkipped asks the library for its skipped files, away from Update:
// a rescan may hold the library's lock.
func listSkipped(lib *store.Library) tea.Cmd {
	return func() tea.Msg { return skippedListedMsg{lib.Skipped()} }
}
