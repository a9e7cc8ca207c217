package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal, as creack/pty does on Linux: the
// master end for the test, the slave end for broadsheet.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("unlocking the pty: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("naming the pty: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("opening the pty: %v", err)
	}
	return m, s
}

// onTerminal runs broadsheet with args in its own session whose
// controlling terminal is a pty that answers nothing, as in Emacs's shell
// or under script, and returns all it wrote there.
// The pty's master is closed once broadsheet is gone.
func onTerminal(t *testing.T, args ...string) string {
	t.Helper()
	return onTerminalEnv(t, nil, args...)
}

// onTerminalEnv is onTerminal with env (NAME=value) set over the test's.
func onTerminalEnv(t *testing.T, env []string, args ...string) string {
	t.Helper()
	master, slave := openPTY(t)
	defer master.Close()
	cmd := broadsheet(args...)
	cmd.Env = append(cmd.Env, "TERM=xterm-256color", "COLORFGBG=", "NO_COLOR=")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&out, master) // ends with EIO once broadsheet is gone
		close(done)
	}()
	cmd.Wait() // the exit status is the caller's business
	<-done
	return out.String()
}

// TestCommandsNeverQueryTheTerminal: no command asks the terminal for its
// background (OSC 11, then a cursor report to know when the answer is not
// coming): a terminal that does not answer would hold each for seconds.
func TestCommandsNeverQueryTheTerminal(t *testing.T) {
	dir := corpus(t)
	out, _, _ := runCLI(t, "list", "--filter", "title:doha", dir)
	id := strings.Split(out, "\t")[0]
	for _, args := range [][]string{
		{"--version"},
		{"--help"},
		{"list", dir},
		{"show", id, dir},
		{"show", "--style", "auto", id, dir},
		{"related", id, dir},
		{"bookmarks", dir},
		{"config"},
		{"man"},
		{"completion", "bash"},
		{"show", "/nonexistent"},
	} {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			t.Parallel()
			got := onTerminal(t, args...)
			if strings.Contains(got, "\x1b]11;?") || strings.Contains(got, "\x1b[6n") {
				t.Errorf("%q queried the terminal:\n%q", args, got[:min(len(got), 200)])
			}
		})
	}
}

// TestQueryBackground: the TUI's question gets the terminal's answer, and
// gives up at the cursor report from a terminal that ignores OSC 11.
func TestQueryBackground(t *testing.T) {
	for _, tt := range []struct {
		reply    string
		dark, ok bool
	}{
		{"\x1b]11;rgb:ffff/ffff/dddd\x1b\\\x1b[12;1R", false, true},
		{"\x1b]11;rgb:1c1c/1c1c/1c1c\a\x1b[1;1R", true, true},
		{"\x1b[3;40R", false, false},
	} {
		master, slave := openPTY(t)
		done := make(chan string, 1)
		go func() {
			b := make([]byte, len(bgQuery))
			_, err := io.ReadFull(master, b)
			if err == nil {
				master.WriteString(tt.reply)
			}
			done <- string(b)
		}()
		dark, ok := queryBackground(slave, time.Minute)
		if asked := <-done; asked != bgQuery {
			t.Errorf("asked %q", asked)
		}
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("reply %q: dark %v ok %v, want %v %v", tt.reply, dark, ok, tt.dark, tt.ok)
		}
		master.Close()
		slave.Close()
	}
}

// TestShowHyperlinks: show makes web links OSC 8 hyperlinks on a terminal
// that takes them, and only there: not on one it does not know, not
// inside tmux, not with hyperlinks = "never", and never into a pipe, even
// with hyperlinks = "always".
func TestShowHyperlinks(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.md")
	if err := os.WriteFile(file, []byte("---\ntitle: Linked\n---\nSee [the report](https://example.com/r) and [a note](b.md).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	never, always := writeConfig(t, "hyperlinks = \"never\"\n"), writeConfig(t, "hyperlinks = \"always\"\n")
	// Whatever the test runs in says nothing here.
	clean := []string{"TERM_PROGRAM=", "TMUX=", "STY=", "KITTY_WINDOW_ID=", "WT_SESSION=", "KONSOLE_VERSION=", "VTE_VERSION="}
	const open = "\x1b]8;id=broadsheet-1;https://example.com/r\a"
	for _, tt := range []struct {
		name string
		env  []string
		args []string
		want int // hyperlinks to the report: its number and its line
	}{
		{"wezterm", []string{"TERM_PROGRAM=WezTerm"}, nil, 2},
		{"kitty", []string{"TERM=xterm-kitty"}, nil, 2},
		{"unknown terminal", nil, nil, 0},
		{"inside tmux", []string{"TERM_PROGRAM=WezTerm", "TMUX=/tmp/tmux-0/default,1,0"}, nil, 0},
		{"never", []string{"TERM_PROGRAM=WezTerm"}, []string{"--config", never}, 0},
		{"always", nil, []string{"--config", always}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := onTerminalEnv(t, append(clean, tt.env...), append(tt.args, "show", file)...)
			if n := strings.Count(got, open); n != tt.want {
				t.Errorf("%d hyperlinks to the report, want %d:\n%s", n, tt.want, ansi.Strip(got))
			}
			if n := strings.Count(got, "\x1b]"); n != 2*tt.want {
				t.Errorf("%d OSC sequences, want %d", n, 2*tt.want)
			}
			if !strings.Contains(ansi.Strip(got), "report[1]") {
				t.Errorf("no link shown:\n%s", ansi.Strip(got))
			}
		})
	}
	t.Setenv("TERM_PROGRAM", "WezTerm")
	t.Setenv("TMUX", "")
	out, errOut, code := runCLI(t, "--config", always, "show", file)
	if code != 0 || strings.Contains(out, "\x1b") || !strings.Contains(out, "report[1]") {
		t.Errorf("show into a pipe: exit %d %s\n%q", code, errOut, out)
	}
}
