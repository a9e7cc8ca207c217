package cli

import (
	"strings"
	"testing"
)

// TestChooseHyperlinks: auto turns hyperlinks on only for a terminal known
// to take OSC 8, never through tmux or screen, never for TERM=dumb; always
// turns them on for any terminal; nothing turns them on for a pipe.
func TestChooseHyperlinks(t *testing.T) {
	tests := []struct {
		setting string
		tty     bool
		env     string // NAME=value, space-separated
		want    bool
	}{
		{"auto", true, "TERM=xterm-256color TERM_PROGRAM=iTerm.app", true},
		{"", true, "TERM=xterm-256color TERM_PROGRAM=WezTerm", true},
		{"auto", true, "TERM=xterm-256color TERM_PROGRAM=vscode", true},
		{"auto", true, "TERM=xterm-ghostty TERM_PROGRAM=ghostty", true},
		{"auto", true, "TERM=xterm-256color TERM_PROGRAM=Hyper", true},
		{"auto", true, "TERM=xterm-kitty", true},
		{"auto", true, "TERM=xterm-256color KITTY_WINDOW_ID=1", true},
		{"auto", true, "TERM=xterm-256color WT_SESSION=abc", true},
		{"auto", true, "WT_SESSION=abc", true}, // Windows Terminal sets no TERM
		{"auto", true, "TERM=xterm-256color KONSOLE_VERSION=230805", true},
		{"auto", true, "TERM=xterm-256color VTE_VERSION=7600", true},
		{"auto", true, "TERM=xterm-256color VTE_VERSION=5000", true},
		{"auto", true, "TERM=xterm-256color VTE_VERSION=4803", false}, // before VTE 0.50
		{"auto", true, "TERM=xterm-256color VTE_VERSION=x", false},
		{"auto", true, "TERM=foot", true},
		{"auto", true, "TERM=foot-extra", true},
		{"auto", true, "TERM=alacritty", true},
		{"auto", true, "TERM=wezterm", true},
		{"auto", true, "TERM=xterm-ghostty", true},
		{"auto", true, "TERM=xterm-256color", false},
		{"auto", true, "TERM=xterm-256color TERM_PROGRAM=Apple_Terminal", false},
		{"auto", true, "TERM=linux", false},
		{"auto", true, "", false},
		{"auto", true, "TERM=dumb TERM_PROGRAM=iTerm.app", false},
		{"auto", true, "TERM=tmux-256color TERM_PROGRAM=tmux TMUX=/tmp/tmux-0/default,1,0", false},
		{"auto", true, "TERM=screen-256color TERM_PROGRAM=WezTerm TMUX=/tmp/t,1,0", false},
		{"auto", true, "TERM=xterm-kitty TMUX=/tmp/t,1,0", false},
		{"auto", true, "TERM=screen VTE_VERSION=7600", false},
		{"auto", true, "TERM=xterm-256color VTE_VERSION=7600 STY=123.pts-0.host", false},
		{"auto", false, "TERM=xterm-kitty TERM_PROGRAM=WezTerm", false},
		{"always", true, "TERM=xterm-256color TMUX=/tmp/t,1,0", true},
		{"always", true, "TERM=dumb", true},
		{"always", false, "TERM=xterm-kitty", false},
		{"never", true, "TERM=xterm-kitty TERM_PROGRAM=WezTerm", false},
	}
	for _, tt := range tests {
		env := map[string]string{}
		for _, kv := range strings.Fields(tt.env) {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
		getenv := func(k string) string { return env[k] }
		if got := chooseHyperlinks(tt.setting, tt.tty, getenv); got != tt.want {
			t.Errorf("chooseHyperlinks(%q, tty %v, %s) = %v, want %v", tt.setting, tt.tty, tt.env, got, tt.want)
		}
	}
}
