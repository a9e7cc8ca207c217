package cli

import (
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/ui"
	"github.com/broadsheet/broadsheet/ui/cli/quietbg"
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
	// A state file that cannot be read leaves its set read-only, said
	// in the status line at start.
	readOnly := func(what string, err error) {
		if err != nil {
			warning = strings.TrimSpace(warning + " " + what + " read-only: " + err.Error())
		}
	}
	read, err := state.OpenReadState(a.statePath())
	readOnly("Read state is", err)
	positions, err := state.OpenPositions(a.statePath())
	readOnly("Reading positions are", err)
	tags, err := state.OpenTags(a.dataPath())
	readOnly("Tags are", err)
	notes, err := state.OpenNotes(a.dataPath())
	readOnly("Notes are", err)
	searches, err := state.OpenSearches(a.dataPath())
	readOnly("Saved searches are", err)
	m := ui.New(ui.Options{
		Roots:          roots,
		Library:        newLibrary(),
		Bookmarks:      marks,
		ReadState:      read,
		Positions:      positions,
		Tags:           tags,
		Notes:          notes,
		Searches:       searches,
		ConfigSearches: a.cfg.searches,
		Follow:         true,
		Keys:           a.cfg.keys,
		DateFormat:     a.cfg.DateFormat,
		Warning:        warning,
		Style:          style,
		Profile:        termenv.EnvColorProfile(),
		Hyperlinks:     a.hyperlinks(a.term),
		Out:            a.term,
	})
	// Bubble Tea's own handler takes SIGINT and SIGTERM alone, and
	// SIGTERM as a plain quit (status 0); SIGHUP and SIGQUIT killed us
	// with the alternate screen and mouse tracking still on.
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(a.term),
		tea.WithoutSignalHandler())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	return runProgram(p, sigs, killGrace)
}

// killGrace is how long a program that was told to quit by a signal has
// to do so before it is killed.
const killGrace = 2 * time.Second

// program is what runProgram needs of a tea.Program.
type program interface {
	Run() (tea.Model, error)
	Quit()
	Kill()
}

// runProgram runs p until it ends, or until a signal comes on sigs: then
// p quits as its quit key would have it, through Bubble Tea's shutdown,
// which leaves the alternate screen, turns mouse tracking off and puts
// the terminal back as it was, and the status is 128+signal, said by
// nothing else. Bookmarks and read state are saved as they change, so
// nothing is lost. A second signal, or grace gone by without p ending
// (an Update stuck), kills p, which restores the terminal all the same.
func runProgram(p program, sigs <-chan os.Signal, grace time.Duration) error {
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	var got syscall.Signal
	var overdue <-chan time.Time
	for {
		select {
		case err := <-done:
			if got != 0 {
				return &exitError{code: 128 + int(got)}
			}
			return err
		case s := <-sigs:
			if got != 0 {
				p.Kill()
				continue
			}
			got = syscall.SIGTERM
			if n, ok := s.(syscall.Signal); ok {
				got = n
			}
			go p.Quit() // Quit waits for the event loop, which may not run yet
			overdue = time.After(grace)
		case <-overdue:
			p.Kill()
		}
	}
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
