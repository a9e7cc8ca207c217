package ui

import "github.com/charmbracelet/lipgloss"

// styles is every style the UI draws with, built once for the background.
type styles struct {
	App       lipgloss.Style
	Title     lipgloss.Style
	TitleDim  lipgloss.Style
	Prompt    lipgloss.Style
	Status    lipgloss.Style
	StatusErr lipgloss.Style

	Row, Selected, SelectedBlur lipgloss.Style
	Headline, Date, FileDate    lipgloss.Style
	ReadHeadline                lipgloss.Style
	Folder, Minutes, Mark       lipgloss.Style
	Match                       lipgloss.Style
	Empty                       lipgloss.Style

	Divider      lipgloss.Style
	ReaderFooter lipgloss.Style
	ReaderMeta   lipgloss.Style
}

func newStyles(dark bool) styles {
	// Colours are picked here, not with lipgloss.AdaptiveColor, which
	// would ask the terminal for its background on first use and could
	// stall a frame.
	ld := func(light, darkColor string) lipgloss.Color {
		if dark {
			return lipgloss.Color(darkColor)
		}
		return lipgloss.Color(light)
	}
	accent := ld("#5A3FC0", "#A78BFA")
	dim := ld("#8A8A8A", "#6C6C6C")
	subtle := ld("#B0B0B0", "#4A4A4A")
	s := styles{}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFDF5")).Background(lipgloss.Color("#5A3FC0")).Padding(0, 1)
	s.TitleDim = lipgloss.NewStyle().Foreground(dim)
	s.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Status = lipgloss.NewStyle().Foreground(dim)
	s.StatusErr = lipgloss.NewStyle().Foreground(ld("#C0392B", "#FF6B6B")).Bold(true)

	s.Row = lipgloss.NewStyle()
	s.Selected = lipgloss.NewStyle().Foreground(ld("#1A1A1A", "#FFFFFF")).Background(ld("#E4DEFF", "#3B2F6B"))
	s.SelectedBlur = lipgloss.NewStyle().Background(ld("#EEEEEE", "#2A2A2A"))
	s.Headline = lipgloss.NewStyle()
	s.ReadHeadline = lipgloss.NewStyle().Foreground(dim)
	s.Date = lipgloss.NewStyle().Foreground(dim)
	s.FileDate = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.Folder = lipgloss.NewStyle().Foreground(ld("#2E7D6B", "#6FC2AE"))
	s.Minutes = lipgloss.NewStyle().Foreground(dim)
	s.Mark = lipgloss.NewStyle().Foreground(ld("#B7791F", "#F6C453"))
	s.Match = lipgloss.NewStyle().Underline(true).Bold(true).Foreground(accent)
	s.Empty = lipgloss.NewStyle().Foreground(dim).Italic(true)

	s.Divider = lipgloss.NewStyle().Foreground(subtle)
	s.ReaderFooter = lipgloss.NewStyle().Foreground(dim)
	s.ReaderMeta = lipgloss.NewStyle().Foreground(dim)
	return s
}
