package cli

import (
	"io"
	"os"
	"strconv"
	"strings"
)

// hyperlinks says whether output to w gets hyperlinks, by the
// configuration's hyperlinks setting.
func (a *app) hyperlinks(w io.Writer) bool {
	setting := ""
	if a.cfg != nil {
		setting = a.cfg.Hyperlinks
	}
	return chooseHyperlinks(setting, isTerminal(w), os.Getenv)
}

// chooseHyperlinks settles whether the reader's web links are OSC 8
// hyperlinks, from the configuration's hyperlinks (auto, always or never;
// "" is auto), whether output goes to a terminal, and the environment.
// Output that is no terminal never gets them, whatever the setting: a
// pipe or a file would keep the sequences as bytes. always trusts the
// user about the terminal; auto asks terminalHyperlinks. NO_COLOR and the
// notty style do not turn them off: a hyperlink is no colour, and shows as
// plain text where it is taken.
func chooseHyperlinks(setting string, tty bool, getenv func(string) string) bool {
	switch {
	case !tty || setting == "never":
		return false
	case setting == "always":
		return true
	}
	return terminalHyperlinks(getenv)
}

// terminalHyperlinks says whether the environment names a terminal known
// to take OSC 8 hyperlinks (to act on them, or at least to ignore them
// without printing them): a guess made conservatively, since a terminal
// that does not know the sequence may print its URL as text. No check is
// made of the terminal itself: a query's answer may never come.
//
// Inside tmux (TMUX, TERM screen* or tmux*) or GNU screen (STY), never:
// tmux passes hyperlinks on only from 3.4, and only when told the outer
// terminal takes them (terminal-features), neither of which the
// environment says; screen drops or mangles them. TERM_PROGRAM and the
// like still name the outer terminal there, so they are not enough.
func terminalHyperlinks(getenv func(string) string) bool {
	term := getenv("TERM")
	switch {
	case term == "dumb":
		return false
	case getenv("TMUX") != "", getenv("STY") != "",
		strings.HasPrefix(term, "screen"), strings.HasPrefix(term, "tmux"):
		return false
	}
	switch getenv("TERM_PROGRAM") {
	case "iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper":
		return true
	}
	for _, v := range []string{"KITTY_WINDOW_ID", "WT_SESSION", "KONSOLE_VERSION"} {
		if getenv(v) != "" {
			return true
		}
	}
	// VTE (GNOME Terminal, Tilix, ...) has hyperlinks from 0.50.
	if v, err := strconv.Atoi(getenv("VTE_VERSION")); err == nil && v >= 5000 {
		return true
	}
	switch {
	case term == "xterm-kitty", term == "alacritty", term == "wezterm", term == "xterm-ghostty",
		term == "foot", strings.HasPrefix(term, "foot-"):
		return true
	}
	return false
}
