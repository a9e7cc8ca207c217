package article

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

// want is what a test expects of one article of a dataset.
type want struct {
	headline, date, url, tags string
	line                      int
}

// streamed is what a format's Stream made of a file.
type streamed struct {
	as    []Article
	lines []int // each article's line
	bad   []int // the lines of the records it could not read
}

func streamData(t testing.TB, f *Format, data []byte) (streamed, error) {
	t.Helper()
	var s streamed
	err := f.Stream(bytes.NewReader(data), 0, "f", func(r Record) error {
		if r.Err != nil {
			s.bad = append(s.bad, r.Line)
			return nil
		}
		s.as = append(s.as, r.Article)
		s.lines = append(s.lines, r.Line)
		return nil
	})
	return s, err
}

// checkArticles compares what a file yielded with what is wanted.
func checkArticles(t *testing.T, s streamed, ws []want, bad []int) {
	t.Helper()
	if len(s.as) != len(ws) {
		var hs []string
		for _, a := range s.as {
			hs = append(hs, a.Headline)
		}
		t.Fatalf("%d articles %q, want %d", len(s.as), hs, len(ws))
	}
	for i, w := range ws {
		a := s.as[i]
		date := ""
		if !a.Undated {
			date = a.Date.UTC().Format(time.RFC3339)
		}
		got := want{a.Headline, date, a.Source, strings.Join(a.Tags, "|"), s.lines[i]}
		if got != w {
			t.Errorf("article %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	if !slices.Equal(s.bad, bad) {
		t.Errorf("bad records on lines %v, want %v", s.bad, bad)
	}
}

// checkReread reads each article again by its offset, as the reader
// does, and wants the same article.
func checkReread(t testing.TB, f *Format, data []byte, as []Article) {
	t.Helper()
	for _, a := range as {
		b, err := f.Reread(bytes.NewReader(data), int64(len(data)), a.Loc.Offset, "f")
		if err != nil {
			t.Fatalf("reread at %d (%q): %v", a.Loc.Offset, a.Headline, err)
		}
		if b.ID != a.ID || b.Headline != a.Headline || b.Body != a.Body || !b.Date.Equal(a.Date) ||
			b.Source != a.Source || b.Author != a.Author || !slices.Equal(b.Tags, a.Tags) || b.Loc != a.Loc || b.Size != a.Size {
			t.Fatalf("reread at %d:\n got %+v\nwant %+v", a.Loc.Offset, b, a)
		}
	}
}

func TestTables(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []want
		bad  []int
	}{
		{"news.csv", []want{
			{"Ceasefire talks resume in Doha", "2024-11-16T20:49:00Z", "https://example.com/doha", "gaza|qatar", 2},
			{`Markets "wobble" on rates`, "2024-11-17T00:00:00Z", "https://example.com/markets", "economy", 5},
			{"Storm warning", "2024-11-18T07:00:00Z", "", "weather|uk", 9},
			{"Short row", "", "", "", 12},
		}, []int{8}},
		{"news.tsv", []want{
			{"Election night", "2024-11-05T00:00:00Z", "https://example.com/vote", "politics|us", 2},
			{"No body here", "", "", "", 3},
			{`Tabs "and quotes`, "2024-11-07T00:00:00Z", "", "misc", 5},
		}, []int{4}},
		{"bad_utf8.csv", []want{
			{"Café society ␇returns", "", "", "", 2},
			{"Valid — dash", "", "", "", 3},
		}, nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, "tables", tt.file)
			f := Claim(tt.file, data)
			if f == nil || f.Stream == nil || f.Reread == nil {
				t.Fatalf("claimed by %v", f)
			}
			s, err := streamData(t, f, data)
			if err != nil {
				t.Fatal(err)
			}
			checkArticles(t, s, tt.want, tt.bad)
			checkReread(t, f, data, s.as)
			for _, a := range s.as { // a row's offset is where it starts
				if c := data[a.Loc.Offset]; c != '"' && c != a.Headline[0] {
					t.Errorf("%q at offset %d, which holds %q", a.Headline, a.Loc.Offset, data[a.Loc.Offset:][:10])
				}
			}
		})
	}
}

func TestTableFields(t *testing.T) {
	data := readFixture(t, "tables", "news.csv")
	s, _ := streamData(t, csvFormat, data)
	if got := s.as[0].Body; got != "Negotiators met again.\n\nA second paragraph, with a comma." {
		t.Errorf("quoted newlines: body %q", got)
	}
	s, _ = streamData(t, csvFormat, readFixture(t, "tables", "bad_utf8.csv"))
	if a := s.as[0]; a.Body != "The £600m deal␛[2J is off." || a.Author != "Renée" {
		t.Errorf("Windows-1252 and controls: body %q, author %q", a.Body, a.Author)
	}
	// The same row in another table is the same article; another row is not.
	other, _ := streamData(t, csvFormat, []byte("headline,published_at,body,url,tags\n"+
		"Storm warning,\"Mon, 18 Nov 2024 07:00:00 GMT\",\"Winds of 80 mph.\nRoads closed.\nSchools shut.\",,\"weather,uk\"\r\n"))
	s, _ = streamData(t, csvFormat, data)
	if len(other.as) != 1 || other.as[0].ID != s.as[2].ID || s.as[2].ID == s.as[3].ID {
		t.Error("a row's ID is not its bytes'")
	}
}

func TestTableErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, err string }{
		{"no title column", "id,when,score\n1,2024-01-01,3\n", `no column for a title or text: columns are "id", "when", "score"`},
		{"hostile header", "id,\x1b[2Jx\n1,2\n", `columns are "id", "␛[2Jx"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.csv", []byte(tt.data), time.Time{})
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "t.csv: ") {
				t.Errorf("error %v, want one naming the file and %q", err, tt.err)
			}
		})
	}
	// A header alone, or nothing, is no article, and says so.
	for _, data := range []string{"", "title,text\n", "\ufefftitle\n\n,\n"} {
		if _, err := Parse("t.csv", []byte(data), time.Time{}); err == nil || !strings.Contains(err.Error(), ErrEmpty.Error()) {
			t.Errorf("%q: error %v", data, err)
		}
	}
	// A byte-order mark is not part of the first column's name.
	as, err := Parse("t.tab", []byte("\ufeffTitle\tText\nOne\tBody\n"), time.Time{})
	if err != nil || len(as) != 1 || as[0].Headline != "One" || as[0].Format != FormatTSV || as[0].Loc.Offset != 14 {
		t.Fatalf("BOM: %+v, %v", as, err)
	}
}

// A quote left open reads to the end of the file; past the longest
// record the table stops, with a word, not with the file in memory.
func TestTableTooLong(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("title,text\nFirst,ok\nSecond,\"open quote\n")
	for b.Len() < maxRecord+2<<20 {
		b.WriteString("more words that never end the quoted field\n")
	}
	s, err := streamData(t, csvFormat, b.Bytes())
	if err != nil || len(s.as) != 1 || !slices.Equal(s.bad, []int{3}) {
		t.Errorf("%d articles, bad %v, error %v", len(s.as), s.bad, err)
	}
}

func FuzzCSV(f *testing.F) {
	for _, name := range []string{"news.csv", "bad_utf8.csv"} {
		f.Add(readFixture(f, "tables", name))
	}
	f.Add([]byte("\ufefftitle,text\r\n\"a\"\"b\",\"c\r\nd\"\r\n\r\n,\n\"open"))
	f.Add([]byte("Title\n\"x\"y\"\n\"\"\n\x1b]52;c;x\a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _ := streamData(t, csvFormat, data)
		for _, a := range s.as {
			if a.Headline == "" || strings.ContainsAny(a.Headline+a.Body+a.Author+a.Source+a.Site, "\x1b\x07\u009b") {
				t.Fatalf("unsafe or empty article: %+v", a)
			}
		}
		checkReread(t, csvFormat, data, s.as)
	})
}
