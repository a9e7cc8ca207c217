package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// splitWidth is the narrowest terminal that shows list and reader side by
// side.
const splitWidth = 100

// layout sizes every pane from the window, measuring the chrome rather
// than assuming its height.
func (m *Model) layout() tea.Cmd {
	if m.width <= 0 || m.height <= 0 {
		return nil
	}
	m.split = m.width >= splitWidth
	m.syncFocus()
	m.help.Width = m.width
	m.filter.SetWidth(m.width - lipgloss.Width(m.titleView()) - 1)
	m.find.SetWidth(m.width - lipgloss.Width(m.titleView()) - 1)
	m.tagIn.SetWidth(m.width - lipgloss.Width(m.titleView()) - 1)
	m.nameIn.SetWidth(m.width - lipgloss.Width(m.titleView()) - 1)
	h := m.bodyHeight()
	m.skipped.SetSize(m.width-1, h)
	m.views.SetSize(m.width-1, h)
	m.picker.SetSize(m.width-1, h)
	m.helpVP.Width, m.helpVP.Height = m.width-1, h
	m.helpVP.SetContent(m.fullHelpView())
	lh := h
	var recount tea.Cmd
	if m.timelineShows() {
		lh = max(1, h-timelineHeight)
		if w := m.timelineWidth(); w != m.timeline.width {
			m.timeline.width = w
			recount = m.recountTimeline()
		}
	}
	if m.split {
		lw := listWidth(m.width)
		m.list.SetSize(lw, lh)
		return tea.Batch(m.reader.SetSize(m.width-lw-dividerWidth, h), m.follow(), recount)
	}
	m.list.SetSize(m.width, lh)
	return tea.Batch(m.reader.SetSize(m.width, h), recount)
}

// dividerWidth is the gap and rule between the panes.
const dividerWidth = 2

// listWidth is the list pane's share of a split screen.
func listWidth(w int) int { return min(max(w*9/20, 40), 80) }

func (m Model) bodyHeight() int {
	return max(1, m.height-lipgloss.Height(m.headerView())-lipgloss.Height(m.statusView())-lipgloss.Height(m.helpView()))
}
