// Package quietbg settles lipgloss's idea of the terminal's background
// from the environment, before Bubble Tea's init can ask the terminal.
//
// Bubble Tea v1's init (tea_init.go) calls lipgloss.HasDarkBackground,
// which writes OSC 11 and a cursor position query to stdout and, on a
// terminal that does not answer (Emacs's shell, script, expect), waits
// termenv.OSCTimeout, 5 s, for a reply. Every run of a program that links
// Bubble Tea paid that, broadsheet --version included.
//
// This package's init runs before Bubble Tea's and answers for lipgloss,
// so that the question is never put. The order is the language's: Go
// initialises packages in the order of their import paths, each as soon
// as what it imports is initialised (the spec's "Package initialization",
// Go 1.21 on); this package imports nothing Bubble Tea does not, and
// github.com/broadsheet/ sorts before github.com/charmbracelet/.
//
// Its import path, github.com/broadsheet/broadsheet/ui/cli/quietbg,
// sorts before github.com/charmbracelet/bubbletea, and it must stay so: a
// package imported by it that imports Bubble Tea would undo it.
//
// Whoever wants the real background (the TUI, with a short timeout) asks
// for it and calls lipgloss.SetHasDarkBackground with the answer.
package quietbg

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func init() {
	lipgloss.SetHasDarkBackground(Dark(os.Getenv("COLORFGBG")))
}

// Dark says whether the background is dark by $COLORFGBG alone ("fg;bg"
// as rxvt and Konsole set it, colours by their ANSI number), judged as
// termenv judges an answer to OSC 11; dark when it says nothing.
func Dark(colorfgbg string) bool {
	if i := strings.LastIndexByte(colorfgbg, ';'); i >= 0 {
		if n, err := strconv.Atoi(colorfgbg[i+1:]); err == nil && n >= 0 && n < 256 {
			_, _, l := termenv.ConvertToRGB(termenv.ANSIColor(n)).Hsl()
			return l < 0.5
		}
	}
	return true
}
