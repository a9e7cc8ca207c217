package cli

import (
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/broadsheet/broadsheet/ui/cli/quietbg"
)

// bgQuery asks for the background colour, then for the cursor position,
// whose answer ends the wait for the first.
const bgQuery = "\x1b]11;?\x1b\\\x1b[6n"

// bgQueryTimeout is the longest the TUI waits for the terminal to say
// what its background is: one that answers does so in milliseconds, and
// one that does not must not hold the first frame.
const bgQueryTimeout = 150 * time.Millisecond

var (
	oscReply = regexp.MustCompile(`\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})`)
	dsrReply = regexp.MustCompile(`\x1b\[\d+;\d+R`)
)

// parseBackground reads the terminal's replies to bgQuery: done once the
// cursor report is in, ok when a colour came before it, dark when that
// colour's lightness is under a half.
func parseBackground(b []byte) (dark, ok, done bool) {
	end := dsrReply.FindIndex(b)
	if end == nil {
		return false, false, false
	}
	m := oscReply.FindSubmatch(b[:end[0]])
	if m == nil {
		return false, false, true
	}
	var lo, hi float64 = 1, 0
	for _, hex := range m[1:] {
		v, _ := strconv.ParseUint(string(hex), 16, 16)
		c := float64(v) / float64(uint64(1)<<(4*len(hex))-1)
		lo, hi = min(lo, c), max(hi, c)
	}
	return (lo+hi)/2 < 0.5, true, true
}

// askBackground is the TUI's question to the terminal on f: is the
// background dark? It is asked before Bubble Tea takes the terminal, so
// that the answer is not read as keys, and only in the foreground; with
// no answer it is $COLORFGBG's, else dark.
func askBackground(f *os.File, timeout time.Duration) func() bool {
	return func() bool {
		if foreground(f) {
			if dark, ok := queryBackground(f, timeout); ok {
				return dark
			}
		}
		return quietbg.Dark(os.Getenv("COLORFGBG"))
	}
}
