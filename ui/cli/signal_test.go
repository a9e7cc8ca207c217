package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// lockedBuffer is a bytes.Buffer that Bubble Tea's renderer and the test
// may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// idleModel draws one line and waits.
type idleModel struct{ started chan struct{} }

func (m idleModel) Init() tea.Cmd {
	return func() tea.Msg { close(m.started); return nil }
}
func (m idleModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (m idleModel) View() string                        { return "reading" }

// TestSignalsRestoreTheTerminal: each of SIGHUP, SIGINT, SIGTERM and
// SIGQUIT ends the program through Bubble Tea's shutdown, which leaves
// the alternate screen and mouse tracking, and the run's status is
// 128+signal.
func TestSignalsRestoreTheTerminal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			in, keys := io.Pipe()
			defer keys.Close()
			var out lockedBuffer
			m := idleModel{started: make(chan struct{})}
			p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(&out),
				tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithoutSignalHandler())
			sigs := make(chan os.Signal, 1)
			done := make(chan error, 1)
			go func() { done <- runProgram(p, sigs, time.Minute) }()
			<-m.started
			sigs <- sig
			err := <-done
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != 128+int(sig) {
				t.Fatalf("after %v: %v, want exit %d", sig, err, 128+int(sig))
			}
			screen := out.String()
			on := strings.Index(screen, "\x1b[?1049h")
			for _, off := range []string{"\x1b[?1049l", "\x1b[?1002l", "\x1b[?1006l"} {
				if i := strings.LastIndex(screen, off); i < on || on < 0 {
					t.Errorf("after %v, no %q after the alternate screen went on:\n%q", sig, off, screen)
				}
			}
		})
	}
}

// stuckProgram ignores Quit, as a program busy in an Update would, and
// ends when killed.
type stuckProgram struct {
	killed chan struct{}
	once   sync.Once
}

func (s *stuckProgram) Run() (tea.Model, error) {
	<-s.killed
	return nil, tea.ErrProgramKilled
}
func (s *stuckProgram) Quit() {}
func (s *stuckProgram) Kill() { s.once.Do(func() { close(s.killed) }) }

// TestSecondSignalKills: a program that does not quit is killed by a
// second signal, or once the grace is over, still exiting 128+signal.
func TestSecondSignalKills(t *testing.T) {
	for _, twice := range []bool{true, false} {
		p := &stuckProgram{killed: make(chan struct{})}
		sigs := make(chan os.Signal, 2)
		sigs <- syscall.SIGTERM
		grace := time.Hour
		if twice {
			sigs <- syscall.SIGTERM
		} else {
			grace = time.Millisecond
		}
		err := runProgram(p, sigs, grace)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 143 {
			t.Errorf("twice %v: %v, want exit 143", twice, err)
		}
	}
}

// TestSignalExitIsQuiet: the signal's status says it all; nothing is
// printed for it.
func TestSignalExitIsQuiet(t *testing.T) {
	var stderr bytes.Buffer
	a := &app{stderr: &stderr}
	if code := a.exit(&exitError{code: 129}, nil); code != 129 || stderr.Len() != 0 {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
