package cli

import (
	"io"
	"os"
	"strings"

	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/ui"
	"github.com/broadsheet/quietbg"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
)

// runTUI opens the reader over paths. It needs a terminal on stdout: in a
// script, list is the way.
func (a *app) runTUI(paths []string) error {
	var ask func() bool
	if f, ok := a.term.(*os.File); ok {
		ask = askBackground(f, bgQueryTimeout)
	}
	style, err := chooseStyle(a.styleSetting(), isTerminal(a.term), ask)
	if err != nil {
		return err
	}
	// The bubbles' adaptive colours follow the same answer.
	lipgloss.SetHasDarkBackground(style != "light")
	roots, err := a.openRoots(paths)
	if err != nil {
		return err
	}
	marks, warning := a.openBookmarks()
	if !isTerminal(a.term) {
		return usageErr("the reader needs a terminal; use 'broadsheet list' in scripts")
	}
	read, err := state.OpenReadState(a.statePath())
	if err != nil {
		warning = strings.TrimSpace(warning + " Read state is read-only: " + err.Error())
	}
	m := ui.New(ui.Options{
		Roots:      roots,
		Library:    newLibrary(),
		Bookmarks:  marks,
		ReadState:  read,
		Follow:     true,
		Keys:       a.cfg.keys,
		DateFormat: a.cfg.DateFormat,
		Warning:    warning,
		Style:      style,
		Profile:    termenv.EnvColorProfile(),
		Out:        a.term,
	})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(a.term))
	_, err = p.Run()
	return err
}

// openBookmarks opens the bookmarks; a broken file leaves them read-only
// with a warning for the TUI.
func (a *app) openBookmarks() (*state.Bookmarks, string) {
	marks, err := state.OpenBookmarks(a.dataPath())
	if err != nil {
		return marks, "Bookmarks are read-only: " + err.Error()
	}
	return marks, ""
}

// styleSetting is --style, else the configuration's style.
func (a *app) styleSetting() string {
	if a.style == "auto" && a.cfg != nil && a.cfg.Style != "" {
		return a.cfg.Style
	}
	return a.style
}

// chooseStyle settles glamour's style. For auto on a terminal it takes
// ask's answer on the background when there is one to ask (the TUI's),
// else $COLORFGBG's, else dark: a command that prints and exits never
// queries the terminal, whose answer may never come (see quietbg).
func chooseStyle(s string, tty bool, ask func() bool) (string, error) {
	switch s {
	case "dark", "light", "notty":
		return s, nil
	case "auto", "":
	default:
		return "", usageErr("--style must be dark, light, notty or auto, not %q", s)
	}
	if os.Getenv("NO_COLOR") != "" || !tty {
		return "notty", nil
	}
	dark := quietbg.Dark(os.Getenv("COLORFGBG"))
	if ask != nil {
		dark = ask()
	}
	if dark {
		return "dark", nil
	}
	return "light", nil
}

// isTerminal says whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
