package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/x/ansi"
)

// Clickable links. Where the terminal supports OSC 8 (Options.Hyperlinks),
// each numbered link of an article is a hyperlink twice: its number in the
// text ("the report[2]") and its line in the Links list under the text.
//
// Nothing of this passes through the sanitiser. articleMarkdown writes each
// number between private-use marks, one cell wide like the brackets they
// stand for, so glamour wraps exactly as it does the brackets; once the
// output is sanitised (onlySGR) and cut to the pane (hardWrap), resolveMarks
// turns each mark back into its bracket and, with hyperlinks on, puts the
// OSC 8 sequences the app built around it. Their URL is one of the
// article's links, only http, https or mailto, percent-encoded to printable
// ASCII (hyperlinkTarget), so no byte of the article can end the sequence
// or start another. An article's own marks are replaced before glamour
// sees it (dropMarks): it cannot make a hyperlink of its own.

// The marks, in the Unicode private use area: around a link's number in
// the text, and around its number in the Links list.
const (
	markOpen  = '\uE001'
	markClose = '\uE002'
	itemOpen  = '\uE003'
	itemClose = '\uE004'
)

// textMark is the mark written after the text of link n.
func textMark(n int) string { return string(markOpen) + strconv.Itoa(n) + string(markClose) }

// itemMark is the mark that starts link n's line in the Links list.
func itemMark(n int) string { return string(itemOpen) + strconv.Itoa(n) + string(itemClose) }

// dropMarks replaces in an article's text the characters the marks use,
// so that only the reader's own marks reach resolveMarks.
var dropMarks = strings.NewReplacer(string(markOpen), "\uFFFD", string(markClose), "\uFFFD",
	string(itemOpen), "\uFFFD", string(itemClose), "\uFFFD")

// maxHyperlink is the longest URL, encoded, made a hyperlink: terminals
// cap what they keep (VTE at 2083 bytes), and a longer one is rather
// shown than cut.
const maxHyperlink = 2048

// hyperlinkTarget is url as it may go into an OSC 8 sequence, and whether
// it may: only an http, https or mailto URL with something after the
// scheme. Every byte that is not printable ASCII, and every character RFC
// 3986 does not allow in a URI (space, '"', '<', '>', '\', '^', '`', '{',
// '|', '}', a '%' not starting an escape), is percent-encoded, so what
// is left can neither end the sequence nor hold a control.
func hyperlinkTarget(url string) (string, bool) {
	lower := strings.ToLower(url)
	rest := ""
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(lower, scheme) {
			rest = url[len(scheme):]
			break
		}
	}
	if rest == "" {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(url))
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(url); i++ {
		c := url[i]
		switch {
		case c == '%' && i+2 < len(url) && isHex(url[i+1]) && isHex(url[i+2]):
			b.WriteByte(c)
		case c > 0x20 && c < 0x7f && !strings.ContainsRune(" \"<>\\^`{|}%", rune(c)):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
	}
	if b.Len() > maxHyperlink {
		return "", false
	}
	return b.String(), true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// linkOpen starts a hyperlink to link n, whose target is url (from
// hyperlinkTarget). The id joins the pieces of one link broken across
// lines, for the terminals that underline a link on hover.
func linkOpen(n int, url string) string {
	return ansi.SetHyperlink(url, "id=broadsheet-"+strconv.Itoa(n))
}

// linkClose ends a hyperlink.
var linkClose = ansi.ResetHyperlink()

// resolveMarks turns the marks in out, glamour's output sanitised and cut
// to the pane, back into brackets, and with on makes each web link's
// number in the text, and its line (and the lines its URL wraps onto) in
// the Links list, a hyperlink to it. A mark broken by a cut, or around a
// number that is no link, is just its bracket.
func resolveMarks(out string, links []text.Link, on bool) string {
	if !strings.ContainsAny(out, string([]rune{markOpen, markClose, itemOpen, itemClose})) {
		return out
	}
	targets := make([]string, len(links)) // "" where there is no hyperlink
	if on {
		for i, l := range links {
			targets[i], _ = hyperlinkTarget(l.URL)
		}
	}
	target := func(num string) (int, string) {
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > len(targets) {
			return 0, ""
		}
		return n, targets[n-1]
	}
	lines := strings.Split(out, "\n")
	item, itemURL := 0, "" // the Links list's item whose URL goes on
	for i, l := range lines {
		var b strings.Builder
		b.Grow(len(l))
		at := -1 // where the hyperlink of an item starting on l opens
		for j := 0; j < len(l); {
			r, size := utf8.DecodeRuneInString(l[j:])
			switch r {
			case markOpen, itemOpen:
				close := markClose
				if r == itemOpen {
					close = itemClose
				}
				num, ok := markedNumber(l[j+size:], close)
				if !ok {
					b.WriteByte('[')
					break
				}
				n, url := target(num)
				bracketed := "[" + num + "]"
				size += len(num) + len(string(close))
				switch {
				case r == itemOpen:
					item, itemURL = n, url
					if url != "" {
						at = b.Len()
					}
					b.WriteString(bracketed)
				case url != "":
					b.WriteString(linkOpen(n, url) + bracketed + linkClose)
				default:
					b.WriteString(bracketed)
				}
			case markClose, itemClose:
				b.WriteByte(']')
			default:
				b.WriteString(l[j : j+size])
			}
			j += size
		}
		l = b.String()
		switch {
		case at >= 0:
			lines[i] = linkSpan(l, at, item, itemURL)
		case itemURL != "" && strings.TrimSpace(ansi.Strip(l)) != "":
			// The item's URL, wrapped onto this line.
			lines[i] = linkSpan(l, -1, item, itemURL)
		default:
			lines[i] = l
		}
	}
	return strings.Join(lines, "\n")
}

// markedNumber is the number at the start of s closed by close.
func markedNumber(s string, close rune) (string, bool) {
	k := 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == 0 || !strings.HasPrefix(s[k:], string(close)) {
		return "", false
	}
	return s[:k], true
}

// linkSpan makes a hyperlink of line l (which holds SGR sequences only)
// from byte from, or from its first visible character that is not a space
// when from is -1, to its last visible character that is not a space.
func linkSpan(l string, from, n int, url string) string {
	plain, offsets := stripWithOffsets(l)
	trimmed := strings.TrimRight(plain, " ")
	if trimmed == "" {
		return l
	}
	if from < 0 {
		from = offsets[len(plain)-len(strings.TrimLeft(plain, " "))]
	}
	to := offsets[len(trimmed)-1] + 1
	if to <= from {
		return l
	}
	return l[:from] + linkOpen(n, url) + l[from:to] + linkClose + l[to:]
}

// hyperlinkEnd returns the index just past the OSC 8 sequence at s[i],
// ended by BEL or ST, or 0 when s[i] does not start one whose parameters
// and URL are printable ASCII, as the reader's are.
func hyperlinkEnd(s string, i int) int {
	if !strings.HasPrefix(s[i:], "\x1b]8;") {
		return 0
	}
	for j := i + 4; j < len(s); j++ {
		switch c := s[j]; {
		case c == '\a':
			return j + 1
		case c == 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return 0
		case c <= 0x20 || c >= 0x7f:
			return 0
		}
	}
	return 0
}
