package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/text"
)

// FormatJSONL is a dataset of one JSON object a line.
const FormatJSONL = "jsonl"

// jsonlFormat reads JSON Lines (.jsonl, .ndjson): each line an object,
// each object an article, its fields by their common names (see
// FieldNames). A line that is not an object is reported with its line
// number, and the rest load.
var jsonlFormat = Format{
	Name: FormatJSONL,
	Claims: func(name string, _ []byte) bool {
		switch strings.ToLower(path.Ext(name)) {
		case ".jsonl", ".ndjson":
			return true
		}
		return false
	},
	Stream: func(r io.Reader, base int64, name string, each func(Record) error) error {
		return Serial(splitJSONL, jsonRecord, r, base, each)
	},
	Split:  splitJSONL,
	Decode: jsonRecord,
	Reread: func(f io.ReaderAt, size, offset int64, _ string) (Article, error) {
		return rereadLine(f, size, offset, jsonRecord)
	},
}

// rereadLine reads the one line at offset and decodes it.
func rereadLine(f io.ReaderAt, size, offset int64, decode func([]byte, int64) (Article, error)) (Article, error) {
	if offset < 0 || offset >= size {
		return Article{}, errors.New("no record at that offset")
	}
	br := bufio.NewReaderSize(io.NewSectionReader(f, offset, size-offset), 64<<10)
	rec, _, err := readLine(br, nil, maxRecord)
	if err != nil && err != io.EOF {
		return Article{}, err
	}
	return decode(rec, offset)
}

// jsonlFormat is JSON Lines with fl's names for the fields.
func (fl Fields) jsonlFormat() *Format {
	decode := func(rec []byte, offset int64) (Article, error) { return decodeJSONRecord(rec, offset, fl.FromFields) }
	f := jsonlFormat
	f.Stream = func(r io.Reader, base int64, name string, each func(Record) error) error {
		return Serial(splitJSONL, decode, r, base, each)
	}
	f.Decode = decode
	f.Reread = func(r io.ReaderAt, size, offset int64, _ string) (Article, error) {
		return rereadLine(r, size, offset, decode)
	}
	return &f
}

// maxRecord is the longest record a dataset's line may be; a longer one
// is reported and skipped, without being read into memory whole.
const maxRecord = 16 << 20

// splitJSONL reads r line by line, giving each line that is not blank.
func splitJSONL(r io.Reader, base int64, each func(Raw) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	offset, line := base, 0
	var buf []byte
	for {
		line++
		rec, n, err := readLine(br, buf[:0], maxRecord)
		buf = rec
		start := offset
		offset += int64(n)
		if len(bytes.TrimSpace(rec)) > 0 || errors.Is(err, errTooLong) {
			raw := Raw{Bytes: rec, Offset: start, Line: line}
			if errors.Is(err, errTooLong) {
				raw.Bytes, raw.Err = nil, fmt.Errorf("longer than %d MB", maxRecord>>20)
			}
			if e := each(raw); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil && !errors.Is(err, errTooLong) {
			return err
		}
	}
}

var errTooLong = errors.New("record too long")

// readLine reads one line into buf, without its end, and says how many
// bytes it took from r; past max bytes it stops keeping them and reads on
// to the line's end, then says errTooLong.
func readLine(br *bufio.Reader, buf []byte, max int) ([]byte, int, error) {
	n := 0
	for {
		chunk, err := br.ReadSlice('\n')
		n += len(chunk)
		if len(buf)+len(chunk) <= max {
			buf = append(buf, chunk...)
		} else {
			buf = buf[:0]
			max = -1 // too long: keep nothing more
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case max < 0 && (err == nil || err == io.EOF):
			if err == nil {
				err = errTooLong
			} else {
				err = errors.Join(errTooLong, io.EOF)
			}
			return buf, n, err
		}
		return bytes.TrimRight(buf, "\r\n"), n, err
	}
}

// jsonRecord reads one object of a dataset as an article at offset.
func jsonRecord(rec []byte, offset int64) (Article, error) {
	return decodeJSONRecord(rec, offset, FromFields)
}

// decodeJSONRecord is jsonRecord with the fields read by from.
func decodeJSONRecord(rec []byte, offset int64, from func(map[string]any) (Article, error)) (Article, error) {
	if len(rec) == 0 {
		return Article{}, errors.New("an empty record")
	}
	obj, ok := readObject(rec)
	if !ok {
		// Not one plain object: encoding/json says what it is.
		d := json.NewDecoder(bytes.NewReader(rec))
		d.UseNumber()
		if err := d.Decode(&obj); err != nil {
			return Article{}, fmt.Errorf("not a JSON object: %w", err)
		}
		if d.More() {
			return Article{}, errors.New("more than one JSON value on the line")
		}
	}
	a, err := from(obj)
	if err != nil {
		return Article{}, err
	}
	a.ID = IDOf(rec)
	a.Size = int64(len(rec))
	a.Loc.Offset = offset
	return a, nil
}

// FieldNames are the names a dataset's fields go by, in the order they
// are looked for, folded to lower case with '_' and '-' left out: a
// record's title is its "title" or else its "headline", and so on.
var FieldNames = map[string][]string{
	"title":  {"title", "headline", "name", "subject"},
	"text":   {"text", "content", "body", "article", "fulltext", "description", "summary", "abstract"},
	"date":   {"date", "published", "publishedat", "pubdate", "publishdate", "datepublished", "createdat", "created", "timestamp", "time", "updated"},
	"url":    {"url", "link", "source", "permalink", "href"},
	"author": {"author", "authors", "byline", "creator", "by"},
	"tags":   {"tags", "topics", "categories", "category", "keywords", "subjects"},
	"site":   {"site", "sitename", "publisher", "outlet", "feed", "domain"},
}

// FromFields makes an article from a dataset record's fields. A record
// without a title takes the first sentence of its text; one with neither
// is an error.
func FromFields(obj map[string]any) (Article, error) {
	fields := make(map[string]any, len(obj))
	for k, v := range obj {
		fields[fieldKey(k)] = v
	}
	get := func(role string) any {
		for _, n := range FieldNames[role] {
			if v, ok := fields[n]; ok && v != nil && v != "" {
				return v
			}
		}
		return nil
	}
	var a Article
	body := plainField(get("text"))
	if len(body) > MaxArticleSize {
		body = strings.ToValidUTF8(body[:MaxArticleSize], "")
		a.Cut = true
	}
	a.Body = text.Sanitize(body)
	a.Headline, _ = cleanHeadline(plainField(get("title")))
	if a.Headline == "" {
		a.Headline, _ = cleanHeadline(FirstSentence(a.Body))
	}
	if a.Headline == "" {
		return Article{}, ErrEmpty
	}
	a.Source = cleanLine(scalarField(get("url")))
	a.Author = cleanLine(strings.Join(listField(get("author")), ", "))
	a.Site = cleanLine(scalarField(get("site")))
	for _, t := range listField(get("tags")) {
		if t = cleanLine(t); t != "" && !contains(a.Tags, t) {
			a.Tags = append(a.Tags, t)
		}
	}
	if d, ok := dateField(get("date")); ok {
		a.Date = d
	} else {
		a.Undated = true
	}
	return a, nil
}

// plainField is a field as text, with HTML character references decoded.
func plainField(v any) string { return html.UnescapeString(scalarField(v)) }

// scalarField is a field as one string: a list's items joined.
func scalarField(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return strings.Join(listField(v), ", ")
	case map[string]any: // {"name": ...}, as authors often are
		for _, k := range []string{"name", "title", "value", "url"} {
			if s, ok := v[k].(string); ok {
				return s
			}
		}
	}
	return ""
}

// listField is a field as a list: a JSON list, or a string split at
// commas, or else at white space when it holds no comma.
func listField(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, x := range v {
			if s := strings.TrimSpace(scalarField(x)); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	s := scalarField(v)
	sep := func(r rune) bool { return r == ',' || r == ';' }
	if !strings.ContainsAny(s, ",;") {
		return []string{strings.TrimSpace(s)}
	}
	var out []string
	for _, p := range strings.FieldsFunc(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dateField reads a date as ISO 8601, RFC 1123 and the other forms
// articles use, or Unix seconds or milliseconds.
func dateField(v any) (time.Time, bool) {
	s := strings.TrimSpace(scalarField(v))
	if s == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-:") {
		sec := n
		if math.Abs(n) >= 1e11 { // milliseconds: no news is from 5138
			sec = n / 1000
		}
		if sec < -1e10 || sec > 1e10 {
			return time.Time{}, false
		}
		return time.Unix(int64(sec), int64((sec-math.Floor(sec))*1e9)).UTC(), true
	}
	return parseDate(s)
}

// FirstSentence is the start of a text up to its first full stop,
// question or exclamation mark followed by a space, or its first line,
// whichever is shorter.
func FirstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if (r == '.' || r == '?' || r == '!' || r == '。') && (i == len(s) || s[i] == ' ' || r == '。') {
			return s[:i]
		}
	}
	return s
}
