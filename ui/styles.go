package ui

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles is every style the UI draws with, built once for the background
// and the terminal's colour profile.
type styles struct {
	App       lipgloss.Style
	Title     lipgloss.Style
	TitleDim  lipgloss.Style
	Prompt    lipgloss.Style
	Status    lipgloss.Style
	StatusErr lipgloss.Style
	Cursor    lipgloss.Style // the text inputs' cursor, which adds reverse itself

	Row, Selected, SelectedBlur lipgloss.Style
	Headline, Date, FileDate    lipgloss.Style
	ReadHeadline                lipgloss.Style
	Folder, Minutes, Mark       lipgloss.Style
	Match                       lipgloss.Style
	Empty                       lipgloss.Style

	Divider      lipgloss.Style
	Timeline     lipgloss.Style // the timeline's bars
	ReaderFooter lipgloss.Style
	ReaderMeta   lipgloss.Style
}

// newStyles builds the styles on a renderer of their own, set to profile,
// rather than on lipgloss's default one. At the Ascii profile (NO_COLOR,
// TERM=dumb) that renderer would drop every attribute along with the
// colours, and a selection drawn only in colour would vanish: there the
// styles use attributes alone (reverse, bold, underline, faint), which
// NO_COLOR allows, on a renderer that writes them.
func newStyles(dark bool, profile termenv.Profile) styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetHasDarkBackground(dark)
	if profile == termenv.Ascii {
		r.SetColorProfile(termenv.ANSI)
		return monoStyles(r)
	}
	r.SetColorProfile(profile)
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
	s.App = r.NewStyle()
	s.Title = r.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFDF5")).Background(lipgloss.Color("#5A3FC0")).Padding(0, 1)
	s.TitleDim = r.NewStyle().Foreground(dim)
	s.Prompt = r.NewStyle().Foreground(accent).Bold(true)
	s.Status = r.NewStyle().Foreground(dim)
	s.StatusErr = r.NewStyle().Foreground(ld("#C0392B", "#FF6B6B")).Bold(true)
	s.Cursor = r.NewStyle()

	s.Row = r.NewStyle()
	s.Selected = r.NewStyle().Foreground(ld("#1A1A1A", "#FFFFFF")).Background(ld("#E4DEFF", "#3B2F6B"))
	s.SelectedBlur = r.NewStyle().Background(ld("#EEEEEE", "#2A2A2A"))
	s.Headline = r.NewStyle()
	s.ReadHeadline = r.NewStyle().Foreground(dim)
	s.Date = r.NewStyle().Foreground(dim)
	s.FileDate = r.NewStyle().Foreground(dim).Italic(true)
	s.Folder = r.NewStyle().Foreground(ld("#2E7D6B", "#6FC2AE"))
	s.Minutes = r.NewStyle().Foreground(dim)
	s.Mark = r.NewStyle().Foreground(ld("#B7791F", "#F6C453"))
	s.Match = r.NewStyle().Underline(true).Bold(true).Foreground(accent)
	s.Empty = r.NewStyle().Foreground(dim).Italic(true)

	s.Divider = r.NewStyle().Foreground(subtle)
	s.Timeline = r.NewStyle().Foreground(accent)
	s.ReaderFooter = r.NewStyle().Foreground(dim)
	s.ReaderMeta = r.NewStyle().Foreground(dim)
	return s
}

// monoStyles is the styles without a colour: what colour told apart,
// attributes do.
func monoStyles(r *lipgloss.Renderer) styles {
	plain := r.NewStyle()
	s := styles{App: plain, Row: plain, Headline: plain, Date: plain, Folder: plain, Minutes: plain,
		Mark: plain, Divider: plain, ReaderFooter: plain, ReaderMeta: plain, TitleDim: plain, Status: plain, Cursor: plain, Timeline: plain}
	s.Title = r.NewStyle().Bold(true).Reverse(true).Padding(0, 1)
	s.Prompt = r.NewStyle().Bold(true)
	s.StatusErr = r.NewStyle().Bold(true)
	s.Selected = r.NewStyle().Reverse(true)
	s.SelectedBlur = r.NewStyle().Underline(true)
	s.ReadHeadline = r.NewStyle().Faint(true)
	s.FileDate = r.NewStyle().Italic(true)
	s.Match = r.NewStyle().Underline(true).Bold(true)
	s.Empty = r.NewStyle().Italic(true)
	return s
}
