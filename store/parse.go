package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/text"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"gopkg.in/yaml.v3"
)

var (
	// ErrNotText means the file is not text (an image, an archive, a
	// binary), so a loader walking a folder can skip it quietly.
	ErrNotText = errors.New("not a text file")
	// ErrEmpty means the file has no headline: it is empty, blank, or holds
	// only a date. Such a file is not an article and is skipped like one
	// that is not text.
	ErrEmpty = errors.New("no headline")
)

const (
	// maxHeadline is how many runes of a headline are kept; a longer first
	// line is a paragraph, not a headline.
	maxHeadline = 500
	// sniffLen is how much of a file is examined to decide it is binary.
	sniffLen = 8 << 10
)

// Parse reads one article from the bytes of its file. name is the file's
// name: its extension hints at the format and, for markdown without a
// title, it is the headline. modTime stands in for the date of articles
// that have none of their own. Path and Folder are left for the loader.
//
// The format is decided by content first: front matter that is a YAML
// mapping, or a leading "# " heading, makes markdown whatever the
// extension; .md and .markdown are always markdown; otherwise a first line
// that is a date makes the seed format, and anything else is headline-first
// text. Errors wrap ErrNotText or ErrEmpty and name the file.
func Parse(name string, data []byte, modTime time.Time) (Article, error) {
	a, err := parse(name, data, modTime)
	if err == nil {
		a.Words = text.CountWords(a.Headline) + text.CountWords(a.Body)
	}
	return a, err
}

// parse is Parse without counting words, for the loader, which counts
// them as it indexes rather than reading every body twice.
func parse(name string, data []byte, modTime time.Time) (Article, error) {
	doc, err := decodeText(data)
	if err != nil {
		return Article{}, fmt.Errorf("%s: %w", text.SanitizeLine(name), err)
	}
	a := Article{
		ID:      IDOf(data),
		Size:    int64(len(data)),
		ModTime: modTime,
	}
	// Front matter makes any file markdown, but only if it is YAML: a
	// doc file may open with a "---" rule of its own.
	raw, rest, hasFM := splitFrontMatter(doc)
	var fm frontMatter
	validFM := false
	if hasFM {
		fm, validFM = parseFrontMatter(raw)
	}
	switch {
	case isMarkdownName(name) || validFM:
		if hasFM {
			doc = rest // even when invalid, front matter is not body
		}
		parseMarkdown(&a, name, doc, fm)
	case startsWithHeading(doc):
		parseMarkdown(&a, name, doc, frontMatter{})
	default:
		parsePlain(&a, doc)
	}
	if a.Headline == "" {
		return Article{}, fmt.Errorf("%s: %w", text.SanitizeLine(name), ErrEmpty)
	}
	return a, nil
}

// fileDate dates an article that has no date of its own by its file.
func (a *Article) fileDate() {
	if a.ModTime.IsZero() {
		a.Undated = true
		return
	}
	a.Date = a.ModTime
	a.DateFromFile = true
}

// ---- decoding ------------------------------------------------------------

var (
	utf8BOM = []byte{0xef, 0xbb, 0xbf}
	// binaryMagic are the openings of the binary files most often found
	// beside articles: PNG, JPEG, GIF, PDF, ZIP (and so docx, epub), gzip.
	binaryMagic = [][]byte{
		[]byte("\x89PNG\r\n\x1a\n"),
		{0xff, 0xd8, 0xff},
		[]byte("GIF87a"),
		[]byte("GIF89a"),
		[]byte("%PDF-"),
		[]byte("PK\x03\x04"),
		[]byte("PK\x05\x06"),
		{0x1f, 0x8b},
	}
)

// decodeText turns a file's bytes into UTF-8 text with '\n' line ends and
// no byte-order mark, or fails with ErrNotText or ErrEmpty. It copies the
// data once in the common case (valid UTF-8 with LF line ends).
func decodeText(data []byte) (string, error) {
	owned := false // whether data may be changed in place
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		// UTF-16 with a byte-order mark, as Windows editors save "Unicode".
		b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", ErrNotText
		}
		data, owned = b, true
	} else {
		for _, m := range binaryMagic {
			if bytes.HasPrefix(data, m) {
				return "", ErrNotText
			}
		}
	}
	if !looksLikeText(data) {
		return "", ErrNotText
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		data, owned = fromWindows1252(data), true
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = normaliseNewlines(data, owned)
	}
	if isBlank(data) {
		return "", ErrEmpty
	}
	return string(data), nil
}

// looksLikeText says whether the start of data is text: no NUL, and few
// control bytes other than whitespace and ESC (text coloured with ANSI
// escapes is still text; the sanitiser defuses the escapes).
func looksLikeText(data []byte) bool {
	sample := data
	if len(sample) > sniffLen {
		sample = sample[:sniffLen]
	}
	controls := 0
	for _, c := range sample {
		if c >= 0x20 {
			if c == 0x7f {
				controls++
			}
			continue
		}
		switch c {
		case 0:
			return false
		case '\t', '\n', '\r', '\f', '\v', 0x1b:
		default:
			controls++
		}
	}
	return controls*10 <= len(sample)
}

// fromWindows1252 decodes text that is not valid UTF-8. Valid UTF-8
// sequences are kept and each invalid byte is read as Windows-1252, so a
// Windows-1252 file reads right ("Café", "£600m") and so does a UTF-8 file
// with a few stray Windows-1252 bytes pasted in.
func fromWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/4)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// normaliseNewlines turns CRLF and lone CR into LF, in place when the
// buffer is owned.
func normaliseNewlines(b []byte, owned bool) []byte {
	var out []byte
	if owned {
		out = b[:0]
	} else {
		out = make([]byte, 0, len(b))
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

func isBlank(b []byte) bool {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// ---- plain text ----------------------------------------------------------

// parsePlain reads the seed format (a date line, a headline line, one
// paragraph per line) or headline-first text (a headline, then paragraphs
// separated by blank lines).
func parsePlain(a *Article, s string) {
	first, pos := nextNonBlank(s, 0)
	if first == "" {
		return
	}
	if d, ok := parseDate(first); ok {
		a.Format = FormatSeed
		a.Date = d
		first, pos = nextNonBlank(s, pos)
		if first == "" {
			return // only a date: no headline
		}
	} else {
		a.Format = FormatText
		a.fileDate()
	}

	var b strings.Builder
	b.Grow(len(s) - pos)
	headline, overflow := cleanHeadline(first)
	a.Headline = headline
	if overflow {
		// A first line too long to be a headline is the start of the
		// text: keep all of it in the body rather than lose it.
		b.WriteString(strings.TrimSpace(first))
	}
	inPara := false // headline-first text: within a paragraph
	for pos < len(s) {
		line, next := text.NextLine(s, pos)
		pos = next
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			inPara = false
		case inPara && a.Format == FormatText:
			b.WriteByte(' ')
			b.WriteString(t)
		default:
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(t)
			inPara = true
		}
	}
	a.Body = text.Sanitize(b.String())
}

// nextNonBlank returns the first line at or after pos that is not blank,
// trimmed, and the offset of the line after it; "" at the end of s.
func nextNonBlank(s string, pos int) (string, int) {
	for pos < len(s) {
		line, next := text.NextLine(s, pos)
		if t := strings.TrimSpace(line); t != "" {
			return t, next
		}
		pos = next
	}
	return "", len(s)
}

// cleanHeadline makes a headline one tidy line of at most maxHeadline
// runes; overflow says it was cut.
func cleanHeadline(s string) (string, bool) {
	s = collapseSpace(text.SanitizeLine(s))
	if utf8.RuneCountInString(s) <= maxHeadline {
		return s, false
	}
	n := 0
	for i := range s {
		if n == maxHeadline-1 {
			return strings.TrimRight(s[:i], " ") + "…", true
		}
		n++
	}
	return s, true // not reached
}

// cleanLine makes a one-line field such as an author or a tag tidy.
func cleanLine(s string) string { return collapseSpace(text.SanitizeLine(s)) }

// collapseSpace trims s and turns each run of white space into one space.
// s must be valid UTF-8.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true // so a leading space counts as a change
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && (!prevSpace || s == "") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ---- dates ---------------------------------------------------------------

// Layouts tried by parseDate. Go's "2" and "3" also accept two digits, so
// "January 2" reads "November 16" and "3:04" reads "08:49".
var (
	// namedLayouts start with a weekday or month name.
	namedLayouts = []string{
		"Monday, January 2, 2006 3:04 PM", // the seed format
		"January 2, 2006 3:04 PM",
		"Monday, January 2, 2006",
		"January 2, 2006",
		"Mon, 2 Jan 2006 15:04:05 -0700", // RFC 1123Z and RFC 2822
		"Mon, 2 Jan 2006 15:04:05 MST",   // RFC 1123
		"Mon, 2 Jan 2006 15:04 -0700",
		"Mon, 2 Jan 2006 15:04 MST",
	}
	// numericLayouts start with a digit.
	numericLayouts = []string{
		time.RFC3339, // also reads fractional seconds
		"2006-01-02T15:04:05",
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05 -0700", // Jekyll
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		"2006-01-02",
		"2 Jan 06 15:04 -0700", // RFC 822Z
		"2 Jan 06 15:04 MST",   // RFC 822
		"2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 MST",
	}
	dateWords = []string{
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "wed", "thu", "fri", "sat", "sun",
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
	}
)

// parseDate reads a date in any of the forms articles use. Times are
// wall-clock: the date and time as written, in UTC, whatever zone the text
// names, so an article shows the hour its author gave. It is called on the
// first line of every plain-text file, so it rejects most headlines before
// trying any layout.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return time.Time{}, false
	}
	layouts := numericLayouts
	if c := s[0]; c < '0' || c > '9' {
		if !startsWithDateWord(s) {
			return time.Time{}, false
		}
		layouts = namedLayouts
		if strings.HasSuffix(s, "am") || strings.HasSuffix(s, "pm") {
			s = s[:len(s)-2] + strings.ToUpper(s[len(s)-2:])
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return wallClock(t), true
		}
	}
	return time.Time{}, false
}

func startsWithDateWord(s string) bool {
	end := 0
	for end < len(s) && (s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z') {
		end++
	}
	w := s[:end]
	for _, d := range dateWords {
		if strings.EqualFold(w, d) {
			return true
		}
	}
	return false
}

func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// ---- markdown ------------------------------------------------------------

// isMarkdownName says whether a file's extension makes it markdown.
func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// startsWithHeading says whether text opens with a "# " heading, which
// makes it markdown whatever its extension.
func startsWithHeading(s string) bool {
	first, _ := nextNonBlank(s, 0)
	return strings.HasPrefix(first, "# ")
}

// frontMatter is what an article's YAML front matter says.
type frontMatter struct {
	title, source, url, author string
	tags                       []string
	date                       time.Time
	hasDate                    bool // a date was given
	badDate                    bool // a date was given but could not be read
}

// parseMarkdown reads markdown whose front matter, if any, has been split
// off into fm. The title comes from the front matter, else the first "# "
// heading, else the file name.
func parseMarkdown(a *Article, name, s string, fm frontMatter) {
	a.Format = FormatMarkdown
	if a.Headline, _ = cleanHeadline(fm.title); a.Headline != "" {
		s = dropRepeatedTitle(s, a.Headline)
	} else if h, rest, ok := takeHeading(s); ok {
		a.Headline, _ = cleanHeadline(h)
		s = rest
	}
	if a.Headline == "" {
		a.Headline, _ = cleanHeadline(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
		if a.Headline == "." || a.Headline == string(filepath.Separator) {
			a.Headline = ""
		}
	}
	a.Body = text.Sanitize(trimBlankLines(s))

	if fm.source != "" {
		a.Source = cleanLine(fm.source)
	} else {
		a.Source = cleanLine(fm.url)
	}
	a.Author = cleanLine(fm.author)
	for _, t := range fm.tags {
		if t = cleanLine(t); t != "" && !contains(a.Tags, t) {
			a.Tags = append(a.Tags, t)
		}
	}

	switch {
	case fm.hasDate && !fm.badDate:
		a.Date = fm.date
	case fm.badDate:
		a.fileDate()
	default:
		a.Undated = true
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitFrontMatter finds front matter: a first line "---" and a later line
// "---" or "...". Without the closing line there is none, and the "---" is
// the markdown's own thematic break.
func splitFrontMatter(s string) (raw, rest string, ok bool) {
	first, pos := text.NextLine(s, 0)
	if pos == len(s) && !strings.HasSuffix(s, "\n") || strings.TrimRight(first, " \t") != "---" {
		return "", s, false
	}
	start := pos
	for pos < len(s) {
		line, next := text.NextLine(s, pos)
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return s[start:pos], s[next:], true
		}
		pos = next
	}
	return "", s, false
}

// parseFrontMatter reads the fields Parse knows from YAML front matter;
// ok says it is a YAML mapping (or empty). Front matter that is not is
// ignored as a whole: the article still loads, from its heading or file
// name.
func parseFrontMatter(raw string) (fm frontMatter, ok bool) {
	defer func() {
		// The YAML parser is not ours; a panic in it must not lose the
		// whole load.
		if recover() != nil {
			fm, ok = frontMatter{}, false
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(raw), &doc); err != nil {
		return fm, false
	}
	if len(doc.Content) == 0 {
		return fm, true
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return fm, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			continue
		}
		switch strings.ToLower(k.Value) {
		case "title":
			fm.title = scalar(v)
		case "source":
			fm.source = scalar(v)
		case "url":
			fm.url = scalar(v)
		case "author", "authors":
			fm.author = strings.Join(list(v), ", ")
		case "tags":
			fm.tags = list(v)
		case "date":
			if v.Kind != yaml.ScalarNode {
				fm.hasDate, fm.badDate = true, true
				continue
			}
			fm.hasDate = true
			if d, ok := parseDate(v.Value); ok {
				fm.date = d
				continue
			}
			// YAML reads some timestamps we do not, such as
			// "2001-12-14 21:59:43.10 -5".
			var t time.Time
			if v.ShortTag() == "!!timestamp" && v.Decode(&t) == nil {
				fm.date = wallClock(t)
				continue
			}
			fm.badDate = true
		}
	}
	return fm, true
}

// deref follows YAML aliases (with a bound, though the parser rejects
// cycles).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < 8 && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

func scalar(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// list reads a YAML sequence of scalars or a comma-separated string.
func list(n *yaml.Node) []string {
	var out []string
	switch n.Kind {
	case yaml.ScalarNode:
		for _, s := range strings.Split(n.Value, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if s := strings.TrimSpace(scalar(deref(c))); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// takeHeading finds the first level-one ATX heading outside fenced code
// and returns its text and s without that line, so the reader does not
// show the headline twice.
func takeHeading(s string) (title, rest string, ok bool) {
	var f fence
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		if !f.inCode(line) {
			if h, ok := headingText(line); ok {
				before, after := s[:pos], s[next:]
				if (before == "" || strings.HasSuffix(before, "\n\n")) && strings.HasPrefix(after, "\n") {
					after = after[1:] // keep one blank line where the heading was
				}
				return h, before + after, true
			}
		}
		pos = next
	}
	return "", s, false
}

// dropRepeatedTitle removes a leading level-one heading that repeats the
// front matter's title.
func dropRepeatedTitle(s, title string) string {
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		if strings.TrimSpace(line) == "" {
			pos = next
			continue
		}
		if h, ok := headingText(line); ok && strings.EqualFold(collapseSpace(h), collapseSpace(title)) {
			return s[next:]
		}
		break
	}
	return s
}

// headingText reads a level-one ATX heading line ("# Title", up to three
// spaces of indent, an optional closing run of '#'), unescaping backslash
// escapes. An empty heading is not one.
func headingText(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 2 || t[0] != '#' || (t[1] != ' ' && t[1] != '\t') {
		return "", false
	}
	t = strings.TrimSpace(t[2:])
	if u := strings.TrimRight(t, "#"); u == "" {
		t = ""
	} else if len(u) < len(t) && (u[len(u)-1] == ' ' || u[len(u)-1] == '\t') {
		t = strings.TrimSpace(u)
	}
	if t == "" {
		return "", false
	}
	return unescapeMarkdown(t), true
}

// unescapeMarkdown removes the backslash from backslash-escaped ASCII
// punctuation, as markdown does when it renders.
func unescapeMarkdown(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// fence tracks fenced code blocks while scanning markdown line by line.
type fence struct {
	marker string // the opening run of '`' or '~'; "" outside code
}

// inCode reports whether line is part of a fenced code block, fences
// included.
func (f *fence) inCode(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return f.marker != ""
	}
	if f.marker != "" {
		if strings.HasPrefix(t, f.marker) && strings.TrimSpace(strings.TrimLeft(t, f.marker[:1])) == "" {
			f.marker = ""
		}
		return true
	}
	if len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
		n := 0
		for n < len(t) && t[n] == t[0] {
			n++
		}
		if n >= 3 {
			f.marker = t[:n]
			return true
		}
	}
	return false
}

// trimBlankLines drops blank lines at the start of s (keeping the indent
// of the first real line, which may be code) and white space at its end.
func trimBlankLines(s string) string {
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		if strings.TrimSpace(line) != "" {
			s = s[pos:]
			break
		}
		pos = next
		if pos == len(s) {
			s = ""
		}
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}
