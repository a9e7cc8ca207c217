package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// pickerModel is a list to choose one line from, over the panes: the
// article's links (l) and its outline (T). Its lines are built from
// sanitised text only. It is drawn as the ! and ? overlays are, a title
// over the lines, the chosen one marked, scrolled to keep it in view.
type pickerModel struct {
	sh     *shared
	title  string
	empty  string // what shows when there is nothing to choose
	items  []string
	cursor int
	top    int // the first item on screen
	width  int
	height int
}

func newPickerModel(sh *shared) pickerModel { return pickerModel{sh: sh} }

// SetSize sizes the picker, title included.
func (p *pickerModel) SetSize(w, h int) {
	p.width, p.height = w, h
	p.scroll()
}

// Set fills the picker, with the cursor on item at.
func (p *pickerModel) Set(title, empty string, items []string, at int) {
	p.title, p.empty, p.items = title, empty, items
	p.cursor, p.top = max(0, min(at, len(items)-1)), 0
	p.scroll()
}

// Move moves the cursor by d items, stopping at either end.
func (p *pickerModel) Move(d int) {
	p.cursor = max(0, min(p.cursor+d, len(p.items)-1))
	p.scroll()
}

// Chosen is the item under the cursor, -1 for none.
func (p pickerModel) Chosen() int {
	if len(p.items) == 0 {
		return -1
	}
	return p.cursor
}

// rows is how many items fit under the title.
func (p pickerModel) rows() int { return max(1, p.height-1) }

func (p *pickerModel) scroll() {
	switch {
	case p.cursor < p.top:
		p.top = p.cursor
	case p.cursor >= p.top+p.rows():
		p.top = p.cursor - p.rows() + 1
	}
	p.top = max(0, p.top)
}

// View draws the title and the items in view, each cut to the width.
func (p pickerModel) View() string {
	st := &p.sh.styles
	lines := []string{st.Prompt.Render(p.title) + st.ReaderMeta.Render(" · enter opens, esc closes")}
	if len(p.items) == 0 {
		lines = append(lines, st.Empty.Render(p.empty))
	}
	w := max(1, p.width-1)
	for i := p.top; i < len(p.items) && i < p.top+p.rows(); i++ {
		line := ansi.Truncate(p.items[i], w-2, "…")
		if i == p.cursor {
			lines = append(lines, st.Selected.Render("› "+fitPlain(line, w-2)))
		} else {
			lines = append(lines, "  "+line)
		}
	}
	return strings.Join(lines, "\n")
}
