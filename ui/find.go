package ui

import (
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/text"
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

// highlightLines marks in each styled line what q looks for, words and
// phrases, a phrase also where the wrapping split it across lines, and
// returns the marked lines and where the matches start, in reading order.
func highlightLines(lines []string, q query.Query) ([]string, []findMatch) {
	if len(q.Words) == 0 {
		return lines, nil
	}
	// Every word of the text, in order, with where it stands.
	type word struct {
		line       int
		start, end int // byte offsets in the styled line
		col        int
	}
	var words []word
	var folded []string
	for i, line := range lines {
		plain, offsets := stripWithOffsets(line)
		for _, tok := range text.Tokens(plain) {
			words = append(words, word{line: i, start: offsets[tok.Start], end: offsets[tok.End-1] + 1,
				col: ansi.StringWidth(plain[:tok.Start])})
			folded = append(folded, tok.Folded)
		}
	}
	found := q.MatchWords(folded)
	if len(found) == 0 {
		return lines, nil
	}
	marked := make([]bool, len(words))
	matches := make([]findMatch, 0, len(found))
	for _, f := range found {
		for _, i := range f {
			marked[i] = true
		}
		w := words[f[0]]
		matches = append(matches, findMatch{line: w.line, col: w.col})
	}
	// The marked words as spans, those that overlap (a CJK run's
	// bigrams) joined, so that no mark opens inside another.
	var spans []word
	for i, w := range words {
		if !marked[i] {
			continue
		}
		if n := len(spans); n > 0 && spans[n-1].line == w.line && w.start < spans[n-1].end {
			spans[n-1].end = max(spans[n-1].end, w.end)
			continue
		}
		spans = append(spans, w)
	}
	out := slices.Clone(lines)
	// Mark from the end of each line, so that earlier offsets stay true.
	for _, w := range slices.Backward(spans) {
		l := out[w.line]
		out[w.line] = l[:w.start] + markOn + l[w.start:w.end] + markOff + l[w.end:]
	}
	return out, matches
}

// stripWithOffsets returns line without its escape sequences (SGR, and the
// reader's hyperlinks), and for each byte offset of the result (and its
// end) the offset in line.
func stripWithOffsets(line string) (string, []int) {
	var plain strings.Builder
	offsets := make([]int, 0, len(line)+1)
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			if j := max(sgrEnd(line, i), hyperlinkEnd(line, i)); j > 0 {
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
