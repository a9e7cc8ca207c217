package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

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
	master, slave := openPTY(t)
	defer master.Close()
	cmd := broadsheet(args...)
	cmd.Env = append(cmd.Env, "TERM=xterm-256color", "COLORFGBG=", "NO_COLOR=")
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
