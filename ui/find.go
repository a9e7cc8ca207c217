package ui

import (
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/charmbracelet/x/ansi"
)

// Search inside an article works on what glamour rendered: the words of
// each rendered line are found in the line with its styling stripped, and
// the matches are marked in the styled line with reverse video, whose own
// on and off codes (7 and 27) leave the colours around a match as they were.

const (
	markOn  = "\x1b[7m"
	markOff = "\x1b[27m"
)

// findMatch is one matched word: its line and its cell column.
type findMatch struct{ line, col int }

// highlightLines marks in each styled line the words q looks for, and
// returns the marked lines and where the matches are, in reading order.
func highlightLines(lines []string, q store.Query) ([]string, []findMatch) {
	if len(q.Words) == 0 {
		return lines, nil
	}
	out := make([]string, len(lines))
	var matches []findMatch
	for i, line := range lines {
		plain, offsets := stripWithOffsets(line)
		spans := q.Highlights(plain)
		if len(spans) == 0 {
			out[i] = line
			continue
		}
		var b strings.Builder
		pos := 0
		for _, sp := range spans {
			// From the word's first byte to just past its last, so that
			// styling codes on either side stay outside the mark.
			start, end := offsets[sp[0]], offsets[sp[1]-1]+1
			b.WriteString(line[pos:start])
			b.WriteString(markOn)
			b.WriteString(line[start:end])
			b.WriteString(markOff)
			pos = end
			matches = append(matches, findMatch{line: i, col: ansi.StringWidth(plain[:sp[0]])})
		}
		b.WriteString(line[pos:])
		out[i] = b.String()
	}
	return out, matches
}

// stripWithOffsets returns line without its escape sequences, and for each
// byte offset of the result (and its end) the offset in line.
func stripWithOffsets(line string) (string, []int) {
	var plain strings.Builder
	offsets := make([]int, 0, len(line)+1)
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			if j := sgrEnd(line, i); j > 0 {
				i = j
				continue
			}
		}
		plain.WriteByte(line[i])
		offsets = append(offsets, i)
		i++
	}
	offsets = append(offsets, len(line))
	return plain.String(), offsets
}
