package ui

import (
	"github.com/broadsheet/broadsheet/store/query"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// typeFilter types in the filter, searching again as it changes.
func (m *Model) typeFilter(msg tea.KeyMsg) tea.Cmd {
	before := m.filter.Value()
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != before {
		return tea.Batch(cmd, m.searchSaying())
	}
	return cmd
}

// typeFind types in the find inside an article, which marks its matches
// as each key is typed.
func (m *Model) typeFind(msg tea.KeyMsg) tea.Cmd {
	before := m.find.Value()
	var cmd tea.Cmd
	m.find, cmd = m.find.Update(msg)
	if v := m.find.Value(); v != before {
		m.reader.Find(query.Parse(v))
	}
	return cmd
}

// closeInput gives the keys back from a text input to the pane to,
// emptying the input when reset is set.
func (m *Model) closeInput(in *filterModel, reset bool, to focusState) tea.Cmd {
	in.Blur()
	if reset {
		in.Reset()
	}
	m.focus = to
	m.syncFocus()
	return m.layout()
}

// mouse scrolls or clicks the pane under the pointer.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	top := lipgloss.Height(m.headerView())
	y := msg.Y - top
	if y < 0 || y >= m.bodyHeight() || m.overlay != overlayNone {
		return nil
	}
	inList := m.focus != focusReader || m.split
	if m.split {
		inList = msg.X < m.list.width
	}
	if !inList {
		var cmd tea.Cmd
		m.pick(m.reader.shown)
		m.reader, cmd = m.reader.Update(msg)
		return cmd
	}
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
		if m.list.ClickRow(y) {
			if m.split && m.focus == focusReader {
				m.focus = focusList
				m.syncFocus()
			}
			m.pick(m.list.Selected())
			return m.follow()
		}
		return nil
	}
	before := m.list.Selected()
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	if a := m.list.Selected(); a != before {
		m.pick(a)
	}
	return tea.Batch(cmd, m.follow())
}
