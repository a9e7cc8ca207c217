//go:build unix

package cli

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// foreground says whether this process may talk to the terminal on f: a
// background job that did would be stopped (SIGTTOU) or would read the
// keys meant for the foreground.
func foreground(f *os.File) bool {
	pgrp, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGPGRP)
	return err == nil && pgrp == unix.Getpgrp()
}

// queryBackground asks the terminal on f for its background colour (OSC
// 11), then for the cursor position (DSR), which every terminal answers:
// so a terminal that ignores OSC 11 is known at its DSR reply, and one
// that answers neither costs timeout, no more. ok is false when no colour
// came.
func queryBackground(f *os.File, timeout time.Duration) (dark, ok bool) {
	fd := int(f.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return false, false
	}
	defer term.Restore(fd, old)
	if _, err := f.WriteString(bgQuery); err != nil {
		return false, false
	}
	deadline := time.Now().Add(timeout)
	var got []byte
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return false, false
		}
		n, err := unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}, int(left/time.Millisecond)+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return false, false
		}
		var b [128]byte
		m, err := unix.Read(fd, b[:])
		if err != nil || m <= 0 {
			return false, false
		}
		got = append(got, b[:m]...)
		if dark, ok, done := parseBackground(got); done {
			return dark, ok
		}
	}
}
