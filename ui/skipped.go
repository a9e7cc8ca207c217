package ui

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// skippedModel lists the files that were not loaded and why, as glow's !
// does for its errors. Every line is sanitised: file names and reasons
// come from the disk.
type skippedModel struct {
	sh *shared
	vp viewport.Model
}

func newSkippedModel(sh *shared) skippedModel {
	return skippedModel{sh: sh, vp: viewport.New(0, 0)}
}

// SetSize sizes the view.
func (m *skippedModel) SetSize(w, h int) { m.vp.Width, m.vp.Height = w, h }

// SetSkips fills the view with the library's skipped files.
func (m *skippedModel) SetSkips(skips []scan.Skip) {
	st := &m.sh.styles
	var b strings.Builder
	switch len(skips) {
	case 0:
		b.WriteString(st.Empty.Render(" No file was skipped."))
	default:
		b.WriteString(st.Prompt.Render(fmt.Sprintf(" %s not loaded", plural(len(skips), "file"))))
		for _, s := range skips {
			line := " " + text.SanitizeLine(s.Path) + st.Status.Render(": "+s.Reason())
			b.WriteString("\n" + ansi.Truncate(line, max(1, m.vp.Width), "…"))
		}
	}
	m.vp.SetContent(b.String())
	m.vp.GotoTop()
}

// Update scrolls with the pager keys.
func (m skippedModel) Update(msg tea.Msg) (skippedModel, tea.Cmd) {
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// View draws the list.
func (m skippedModel) View() string { return m.vp.View() }
