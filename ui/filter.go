package ui

import (
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// filterModel is the filter input. While it has focus every key goes to
// it, so app keys such as q and b type letters instead of acting.
type filterModel struct {
	sh    *shared
	input textinput.Model
}

func newFilterModel(sh *shared) filterModel {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter headlines and text"
	in.CharLimit = 256
	in.PromptStyle = sh.styles.Prompt
	in.PlaceholderStyle = sh.styles.Status
	// The cursor draws on the styles' renderer, so that it shows under
	// NO_COLOR too.
	in.Cursor.Style = sh.styles.Cursor
	return filterModel{sh: sh, input: in}
}

// newFindModel is the input for finding words inside an article.
func newFindModel(sh *shared) filterModel {
	m := newFilterModel(sh)
	m.input.Placeholder = "find in this article"
	return m
}

// Focus opens the input for typing.
func (m *filterModel) Focus() tea.Cmd { return m.input.Focus() }

// Blur closes the input, keeping what was typed.
func (m *filterModel) Blur() { m.input.Blur() }

// Focused says whether the input has the keys.
func (m filterModel) Focused() bool { return m.input.Focused() }

// Value is what was typed.
func (m filterModel) Value() string { return m.input.Value() }

// Reset empties the input.
func (m *filterModel) Reset() { m.input.Reset() }

// SetWidth fits the input into w cells.
func (m *filterModel) SetWidth(w int) { m.input.Width = max(1, w-2) }

// Update passes keys to the input.
func (m filterModel) Update(msg tea.Msg) (filterModel, tea.Cmd) {
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// View draws the input, its echo of what was typed sanitised as any
// other line of text: a pasted ESC or bidi override is shown, not obeyed.
// The value itself is kept as typed, for the query.
func (m filterModel) View() string { return keepSGR(m.input.View(), text.SanitizeLine) }
