package article

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/text"
)

// The format names of tables: comma- and tab-separated values.
const (
	FormatCSV = "csv"
	FormatTSV = "tsv"
)

// csvFormat and tsvFormat read a table with a header row (.csv; .tsv,
// .tab): each row after the header an article, its columns named by the
// header and read by those names as a JSON record's fields are (see
// FieldNames). Quoted fields may hold newlines, so a row is reported by
// the line it starts on; blank rows are passed over; a row that cannot be
// read is reported and the rest load. A table whose header names no
// column a title or a text could be in is an error of the file.
var (
	csvFormat = Fields{}.tableFormat(FormatCSV, ',', ".csv")
	tsvFormat = Fields{}.tableFormat(FormatTSV, '\t', ".tsv", ".tab")
)

// tableFormat makes a table format whose fields are read through fl.
func (fl Fields) tableFormat(name string, comma rune, exts ...string) *Format {
	t := table{comma: comma, fields: fl}
	return &Format{Name: name, Claims: claimExt(exts...), Stream: t.stream, Reread: t.reread}
}

// claimExt claims a file by its extension alone, whatever its head.
func claimExt(exts ...string) func(string, []byte) bool {
	return func(name string, _ []byte) bool { return slices.Contains(exts, strings.ToLower(path.Ext(name))) }
}

// table reads one kind of table.
type table struct {
	comma  rune
	fields Fields
}

// errNoRecord means a record is not where its offset says: the file has
// changed since it was read.
var errNoRecord = errors.New("the record is no longer at its offset")

// stream reads the table in r, header first: r must stand at the file's
// start (base is then 0), since without its header a row means nothing.
func (t table) stream(r io.Reader, base int64, _ string, each func(Record) error) error {
	tp := newTape(r, base)
	cr := t.reader(tp)
	keys, err := t.header(cr)
	if err != nil || keys == nil {
		return err
	}
	return t.rows(cr, tp, keys, each)
}

// reread reads the row at offset of a table again: its header from the
// file's start, then the one row.
func (t table) reread(f io.ReaderAt, size, offset int64, _ string) (Article, error) {
	keys, err := t.header(t.reader(newTape(io.NewSectionReader(f, 0, size), 0)))
	if err != nil {
		return Article{}, err
	}
	tp := newTape(io.NewSectionReader(f, offset, size-offset), offset)
	a, err := Article{}, errNoRecord
	stop := errors.New("stop")
	serr := t.rows(t.reader(tp), tp, keys, func(r Record) error {
		if r.Err != nil || r.Article.Loc.Offset == offset {
			a, err = r.Article, r.Err
		}
		return stop // the first row is the one
	})
	if serr != nil && serr != stop {
		return Article{}, serr
	}
	return a, err
}

// reader reads the rows of a table from tp, as loosely as a spreadsheet
// writes them: rows of any length, and quotes where they fall.
func (t table) reader(tp *tape) *csv.Reader {
	cr := csv.NewReader(tp)
	cr.Comma = t.comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return cr
}

// header reads the header row into the folded names of the columns, ""
// for an unnamed column or a repeated one (the first of a name is read).
// An empty file has no header and no error.
func (t table) header(cr *csv.Reader) ([]string, error) {
	row, err := cr.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("the header row: %w", err)
	}
	keys := make([]string, len(row))
	for i, c := range row {
		if k := fieldKey(strings.TrimSpace(validField(c))); !slices.Contains(keys[:i], k) {
			keys[i] = k
		}
	}
	if !slices.ContainsFunc(t.fields.names("title"), func(n string) bool { return slices.Contains(keys, n) }) &&
		!slices.ContainsFunc(t.fields.names("text"), func(n string) bool { return slices.Contains(keys, n) }) {
		return nil, fmt.Errorf("no column for a title or text: columns are %s", columnList(row))
	}
	return keys, nil
}

// columnList is a header row for a message: sanitised, and not too long.
func columnList(row []string) string {
	const most = 20
	var b strings.Builder
	for i, c := range row {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(row)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", text.SanitizeLine(validField(c)))
	}
	return b.String()
}

// rows reads the rows after the header, each with its offset, its line
// and its own bytes from tp.
func (t table) rows(cr *csv.Reader, tp *tape, keys []string, each func(Record) error) error {
	obj := make(map[string]any, len(keys))
	for {
		pos := tp.file(cr.InputOffset())
		tp.drop(pos)
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		start := pos + blankLines(tp.slice(pos, tp.file(cr.InputOffset())))
		out := Record{Line: tp.lineAt(start)}
		var perr *csv.ParseError
		switch {
		case errors.Is(err, errTooLong):
			// Its end cannot be found (a quote left open runs to the
			// end of the file), so nor can the rows after it.
			out.Err = fmt.Errorf("a row longer than %d MB, and the rows after it", maxRecord>>20)
			return each(out)
		case errors.As(err, &perr):
			out.Err = perr.Err
		case err != nil:
			return err
		case blankRow(row):
			continue
		default:
			raw := trimEnd(tp.slice(start, tp.file(cr.InputOffset())))
			out.Article, out.Err = t.article(obj, keys, row, raw, start)
		}
		if err := each(out); err != nil {
			return err
		}
	}
}

// article makes the article of one row, at offset, whose bytes are raw.
func (t table) article(obj map[string]any, keys, row []string, raw []byte, offset int64) (Article, error) {
	clear(obj)
	for i, v := range row[:min(len(row), len(keys))] {
		if keys[i] != "" {
			obj[keys[i]] = validField(v)
		}
	}
	a, err := t.fields.FromFields(obj)
	if err != nil {
		return Article{}, err
	}
	a.ID, a.Size, a.Loc.Offset = IDOf(raw), int64(len(raw)), offset
	return a, nil
}

// validField is a field as valid UTF-8: a byte that is not is read as
// Windows-1252, as a text file's are, so that a table saved by an older
// spreadsheet reads right rather than as U+FFFD.
func validField(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string(fromWindows1252([]byte(s)))
}

// blankLines is the length of the blank lines ("\n", "\r\n") that b
// starts with, which encoding/csv passes over before a row.
func blankLines(b []byte) int64 {
	n := 0
	for {
		switch {
		case bytes.HasPrefix(b[n:], []byte("\n")):
			n++
		case bytes.HasPrefix(b[n:], []byte("\r\n")):
			n += 2
		default:
			return int64(n)
		}
	}
}

// blankRow says a row holds nothing, as a spreadsheet's trailing ",,,"
// rows do: it is no article, and not worth a word.
func blankRow(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
