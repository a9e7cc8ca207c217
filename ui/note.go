package ui

import (
	"errors"
	"os"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// writeNote opens the user's editor on the article's note: the note is
// written to a file of its own first, in the background.
func (m *Model) writeNote(tea.KeyMsg) tea.Cmd {
	a := m.current()
	if m.sh.notes == nil || a == nil {
		return nil
	}
	return noteFile(a, m.sh.notes.Of(a.ID))
}

// noteFileMadeMsg carries the file a note is edited in.
type noteFileMadeMsg struct {
	a    *article.Article
	file string
	err  error
}

// noteFile writes note to a temporary file for the editor.
func noteFile(a *article.Article, note string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "broadsheet-note-*.md")
		if err != nil {
			return noteFileMadeMsg{a: a, err: err}
		}
		if note != "" {
			note += "\n"
		}
		_, err = f.WriteString(note)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return noteFileMadeMsg{a, f.Name(), err}
	}
}

// noteFileMade hands the note's file to the editor.
func (m *Model) noteFileMade(msg noteFileMadeMsg) tea.Cmd {
	if msg.err != nil {
		m.setFlash(text.SanitizeLine("note: "+msg.err.Error()), true)
		return nil
	}
	cmd, err := editorCmd(msg.file)
	if err != nil {
		os.Remove(msg.file)
		m.setFlash(err.Error(), true)
		return nil
	}
	a, file := msg.a, msg.file
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return noteEditedMsg{a, file, err} })
}

// noteEditedMsg says the editor closed on a note's file.
type noteEditedMsg struct {
	a    *article.Article
	file string
	err  error
}

// noteEdited keeps what the editor left in the note's file, unless the
// editor failed, in the background.
func (m *Model) noteEdited(msg noteEditedMsg) tea.Cmd {
	if msg.err != nil {
		os.Remove(msg.file)
		m.setFlash(text.SanitizeLine("editor: "+msg.err.Error()+"; the note was left as it was"), true)
		return nil
	}
	return m.saving(saveNote(m.sh.notes, msg.a, msg.file))
}

// noteSavedMsg reports a note kept, or why not.
type noteSavedMsg struct {
	a       *article.Article
	note    string
	changed bool
	err     error
}

// saveNote reads the note's file, removes it, and keeps the note.
func saveNote(notes *state.Notes, a *article.Article, file string) tea.Cmd {
	return func() tea.Msg {
		data, err := os.ReadFile(file)
		os.Remove(file)
		if err != nil {
			return noteSavedMsg{a: a, err: err}
		}
		if len(data) > 1<<20 {
			return noteSavedMsg{a: a, err: errors.New("the note is over 1 MB: it was not kept")}
		}
		before, note := notes.Of(a.ID), state.CleanNote(string(data))
		if note == before {
			return noteSavedMsg{a: a, note: note}
		}
		return noteSavedMsg{a, note, true, notes.Set(state.RefOf(a), note)}
	}
}

// noteSaved says what became of the note, and shows it.
func (m *Model) noteSaved(msg noteSavedMsg) tea.Cmd {
	done := m.saveDone()
	switch {
	case msg.err != nil:
		m.setFlash(text.SanitizeLine("note not kept: "+msg.err.Error()), true)
		return done
	case !msg.changed:
		return done
	case msg.note == "":
		m.setFlash("Note removed.", false)
	default:
		m.setFlash("Note kept.", false)
	}
	return tea.Batch(done, m.search(), m.reader.Reload(msg.a))
}

// withNote is an article's markdown with the user's note under its
// headline, as a quotation, its text shown and never obeyed.
func withNote(md, note string) string {
	if note == "" {
		return md
	}
	cut := strings.Index(md, "\n\n")
	if cut < 0 {
		cut = len(md)
	}
	var b strings.Builder
	b.WriteString(md[:cut])
	b.WriteString("\n\n> **Note:** ")
	for i, line := range strings.Split(text.Sanitize(note), "\n") {
		if i > 0 {
			b.WriteString("\n>\n> ")
		}
		b.WriteString(text.EscapeMarkdown(line))
	}
	b.WriteString(md[cut:])
	return b.String()
}
