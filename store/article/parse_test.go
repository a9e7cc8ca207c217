package article

import (
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/testcorpus"
	"github.com/broadsheet/broadsheet/store/text"
)

var testModTime = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestParseSeedFile(t *testing.T) {
	const name = "000_d5b0627365015324.txt"
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseOne(name, data, testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if want := utc(2024, time.November, 16, 20, 49); !a.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", a.Date, want)
	}
	const headline = "US pressures Qatar to expel Hamas after rejecting hostage negotiations, signaling a shift in Middle Eastern diplomatic dynamics."
	if a.Headline != headline {
		t.Errorf("Headline = %q", a.Headline)
	}
	if a.Format != FormatSeed || a.DateFromFile || a.Undated {
		t.Errorf("Format %v, DateFromFile %v, Undated %v", a.Format, a.DateFromFile, a.Undated)
	}
	if !strings.HasPrefix(a.Body, "In recent weeks,") || strings.Count(a.Body, "\n\n") != 7 {
		t.Errorf("Body has %d paragraph breaks, starts %.40q", strings.Count(a.Body, "\n\n"), a.Body)
	}
	if a.ID != IDOf(data) || a.Size != int64(len(data)) || !a.ModTime.Equal(testModTime) {
		t.Errorf("ID, Size or ModTime not from the file")
	}
	if a.Words < 400 || a.Words != text.CountWords(a.Headline)+text.CountWords(a.Body) {
		t.Errorf("Words = %d", a.Words)
	}
	if a.Path != "" || a.Folder != "" {
		t.Errorf("Parse set Path %q or Folder %q", a.Path, a.Folder)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, data string
		zeroModTime      bool
		want             Article // only the fields checked below
	}{
		{
			name: "seed with character references", file: "a.txt",
			data: "Saturday, November 16, 2024 08:49 PM\n&#163;1.8m indecency fine for &quot;Ofcom&quot; &amp; co\nCaf&eacute; &#x2014; &#27;[2J\n",
			want: Article{Format: FormatSeed, Headline: "£1.8m indecency fine for \"Ofcom\" & co", Date: utc(2024, 11, 16, 20, 49), Body: "Café — ␛[2J"},
		},
		{
			name: "text with character references", file: "a.txt",
			data: "Ben &amp; Jerry&#39;s\n\nAT&T stays as written; &nosuch; too.\n",
			want: Article{Format: FormatText, Headline: "Ben & Jerry's", Date: testModTime, DateFromFile: true, Body: "AT&T stays as written; &nosuch; too."},
		},
		{
			name: "seed",
			file: "a.txt",
			data: "Saturday, November 16, 2024 08:49 PM\nHeadline here\nPara one.\n\nPara two.\n",
			want: Article{Format: FormatSeed, Headline: "Headline here", Date: utc(2024, 11, 16, 20, 49), Body: "Para one.\n\nPara two."},
		},
		{
			name: "seed lines are paragraphs",
			file: "a",
			data: "Saturday, November 16, 2024 08:49 PM\nH\nline one\nline two\n",
			want: Article{Format: FormatSeed, Headline: "H", Date: utc(2024, 11, 16, 20, 49), Body: "line one\n\nline two"},
		},
		{
			name: "seed hour without zero",
			file: "a.txt",
			data: "Monday, March 3, 2025 9:05 AM\nH\nB",
			want: Article{Format: FormatSeed, Headline: "H", Date: utc(2025, 3, 3, 9, 5), Body: "B"},
		},
		{
			name: "seed without weekday",
			file: "a.txt",
			data: "November 16, 2024 08:49 PM\nH\nB",
			want: Article{Format: FormatSeed, Headline: "H", Date: utc(2024, 11, 16, 20, 49), Body: "B"},
		},
		{
			name: "seed lowercase pm",
			file: "a.txt",
			data: "Saturday, November 16, 2024 08:49 pm\nH\nB",
			want: Article{Format: FormatSeed, Headline: "H", Date: utc(2024, 11, 16, 20, 49), Body: "B"},
		},
		{
			name: "seed lenient blank before headline",
			file: "a.txt",
			data: "2024-11-16\n\n  Headline  after   blank \n\nBody one.\nBody two.\n",
			want: Article{Format: FormatSeed, Headline: "Headline after blank", Date: utc(2024, 11, 16, 0, 0), Body: "Body one.\n\nBody two."},
		},
		{
			name: "seed headline only",
			file: "a.txt",
			data: "Saturday, November 16, 2024 08:49 PM\nJust a headline\n",
			want: Article{Format: FormatSeed, Headline: "Just a headline", Date: utc(2024, 11, 16, 20, 49)},
		},
		{
			name: "text",
			file: "a.txt",
			data: "\n\nA headline\n\nFirst line\nof para one.\n\n\n  Para two.  \n",
			want: Article{Format: FormatText, Headline: "A headline", Date: testModTime, DateFromFile: true, Body: "First line of para one.\n\nPara two."},
		},
		{
			name: "text headline only",
			file: "a.txt",
			data: "Only a headline",
			want: Article{Format: FormatText, Headline: "Only a headline", Date: testModTime, DateFromFile: true},
		},
		{
			name: "text headline that is almost a date",
			file: "a.txt",
			data: "March of the penguins 2024\n\nBody.",
			want: Article{Format: FormatText, Headline: "March of the penguins 2024", Date: testModTime, DateFromFile: true, Body: "Body."},
		},
		{
			name: "text headline starting with digits",
			file: "a.txt",
			data: "10 things to know\n\nBody.",
			want: Article{Format: FormatText, Headline: "10 things to know", Date: testModTime, DateFromFile: true, Body: "Body."},
		},
		{
			name: "text tabs and odd spaces in headline",
			file: "a.txt",
			data: "Tab\there\u00a0and\u2003there\n\nBody\twith tab.",
			want: Article{Format: FormatText, Headline: "Tab here and there", Date: testModTime, DateFromFile: true, Body: "Body    with tab."},
		},
		{
			name: "markdown front matter",
			file: "a.md",
			data: "---\ntitle: Hello\ndate: 2024-11-16T20:49:00+02:00\nurl: https://example.com/x\nauthor: Ann\ntags: a, b ,, c\n---\n\nSome *markdown*.\n",
			want: Article{Format: FormatMarkdown, Headline: "Hello", Date: utc(2024, 11, 16, 20, 49), Source: "https://example.com/x", Author: "Ann", Tags: []string{"a", "b", "c"}, Body: "Some *markdown*."},
		},
		{
			name: "markdown source beats url, list tags, yaml timestamp",
			file: "a.markdown",
			data: "---\nTitle: T\nDate: 2024-11-16\nsource: S\nurl: U\ntags:\n  - x\n  - y\n---\nB\n",
			want: Article{Format: FormatMarkdown, Headline: "T", Date: utc(2024, 11, 16, 0, 0), Source: "S", Tags: []string{"x", "y"}, Body: "B"},
		},
		{
			name: "markdown heading is the title and leaves the body",
			file: "a.md",
			data: "# The *title*\n\nBody.\n",
			want: Article{Format: FormatMarkdown, Headline: "The *title*", Undated: true, Body: "Body."},
		},
		{
			name: "markdown heading detected in txt",
			file: "a.txt",
			data: "# Heading\n\n- item\n",
			want: Article{Format: FormatMarkdown, Headline: "Heading", Undated: true, Body: "- item"},
		},
		{
			name: "front matter detected without extension",
			file: "README",
			data: "---\ntitle: FM\n---\nBody\n",
			want: Article{Format: FormatMarkdown, Headline: "FM", Undated: true, Body: "Body"},
		},
		{
			name: "markdown title from file name",
			file: "dir/my-article.md",
			data: "Just text, no heading.\n\n## Sub\n",
			want: Article{Format: FormatMarkdown, Headline: "my-article", Undated: true, Body: "Just text, no heading.\n\n## Sub"},
		},
		{
			name: "markdown repeated title dropped",
			file: "a.md",
			data: "---\ntitle: Same Title\n---\n\n# Same  title\n\nBody\n",
			want: Article{Format: FormatMarkdown, Headline: "Same Title", Undated: true, Body: "Body"},
		},
		{
			name: "markdown front matter without closing is body",
			file: "a.md",
			data: "---\n# Title\ntext\n",
			want: Article{Format: FormatMarkdown, Headline: "Title", Undated: true, Body: "---\ntext"},
		},
		{
			name: "invalid yaml front matter loads",
			file: "x.md",
			data: "---\ntitle: a: b: c\n  - [\n---\n# Heading\nBody\n",
			want: Article{Format: FormatMarkdown, Headline: "Heading", Undated: true, Body: "Body"},
		},
		{
			name: "front matter that is not a mapping",
			file: "x.md",
			data: "---\n- just\n- a list\n---\nBody\n",
			want: Article{Format: FormatMarkdown, Headline: "x", Undated: true, Body: "Body"},
		},
		{
			name: "text opening with a rule is not front matter",
			file: "a.txt",
			data: "---\nBetween two rules.\n---\nBody.\n",
			want: Article{Format: FormatText, Headline: "---", Date: testModTime, DateFromFile: true, Body: "Between two rules. --- Body."},
		},
		{
			name: "blank title falls back to heading",
			file: "a.md",
			data: "---\ntitle: \"  \"\n---\n# Heading\n",
			want: Article{Format: FormatMarkdown, Headline: "Heading", Undated: true},
		},
		{
			name: "unparsable date loads with file date",
			file: "a.md",
			data: "---\ntitle: T\ndate: sometime soon\n---\nBody\n",
			want: Article{Format: FormatMarkdown, Headline: "T", Date: testModTime, DateFromFile: true, Body: "Body"},
		},
		{
			name: "null date is undated",
			file: "a.md",
			data: "---\ntitle: T\ndate:\n---\nBody\n",
			want: Article{Format: FormatMarkdown, Headline: "T", Undated: true, Body: "Body"},
		},
		{
			name: "front matter only",
			file: "notes.md",
			data: "---\ntitle: Only front matter\n---\n",
			want: Article{Format: FormatMarkdown, Headline: "Only front matter", Undated: true},
		},
		{
			name: "control characters in front matter",
			file: "a.md",
			data: "---\ntitle: \"Bad\\e]52;c;x\\a title\"\nauthor: \"A\\x9b\\u202eB\"\ntags: [\"t\\x1b\"]\n---\nB\x1b[2J\n",
			want: Article{Format: FormatMarkdown, Headline: "Bad␛]52;c;x␇ title", Author: "A\uFFFD\uFFFDB", Tags: []string{"t␛"}, Undated: true, Body: "B␛[2J"},
		},
		{
			name: "CRLF and BOM",
			file: "a.txt",
			data: "\ufeffSaturday, November 16, 2024 08:49 PM\r\nHeadline\r\nOne.\rTwo.\r\n",
			want: Article{Format: FormatSeed, Headline: "Headline", Date: utc(2024, 11, 16, 20, 49), Body: "One.\n\nTwo."},
		},
		{
			name: "Windows-1252",
			file: "a.txt",
			data: "Caf\xe9 wins \xa3600m\n\n\x93Quoted\x94 \x80 text.",
			want: Article{Format: FormatText, Headline: "Café wins £600m", Date: testModTime, DateFromFile: true, Body: "“Quoted” € text."},
		},
		{
			name: "UTF-8 with a stray Windows-1252 byte",
			file: "a.txt",
			data: "München \xa3 fine\n\nBody.",
			want: Article{Format: FormatText, Headline: "München £ fine", Date: testModTime, DateFromFile: true, Body: "Body."},
		},
		{
			name: "UTF-16 with BOM",
			file: "a.txt",
			data: "\xff\xfeH\x00i\x00\n\x00\n\x00B\x00\xac\x20",
			want: Article{Format: FormatText, Headline: "Hi", Date: testModTime, DateFromFile: true, Body: "B€"},
		},
		{
			name: "escape sequences are shown not obeyed",
			file: "a.txt",
			data: "Red \x1b[31mtext\x1b[0m\x07\n\nOSC \x1b]52;c;aGk=\x07 C1 \u009b2J \u202eevil",
			want: Article{Format: FormatText, Headline: "Red ␛[31mtext␛[0m␇", Date: testModTime, DateFromFile: true, Body: "OSC ␛]52;c;aGk=␇ C1 \uFFFD2J \uFFFDevil"},
		},
		{
			name:        "zero mod time is undated",
			file:        "a.txt",
			data:        "Headline\n\nBody",
			zeroModTime: true,
			want:        Article{Format: FormatText, Headline: "Headline", Undated: true, Body: "Body"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod := testModTime
			if tt.zeroModTime {
				mod = time.Time{}
			}
			a, err := parseOne(tt.file, []byte(tt.data), mod)
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			if a.Format != w.Format {
				t.Errorf("Format = %v, want %v", a.Format, w.Format)
			}
			if a.Headline != w.Headline {
				t.Errorf("Headline = %q, want %q", a.Headline, w.Headline)
			}
			if a.Body != w.Body {
				t.Errorf("Body = %q, want %q", a.Body, w.Body)
			}
			if !a.Date.Equal(w.Date) || a.DateFromFile != w.DateFromFile || a.Undated != w.Undated {
				t.Errorf("Date = %v (from file %v, undated %v), want %v (%v, %v)",
					a.Date, a.DateFromFile, a.Undated, w.Date, w.DateFromFile, w.Undated)
			}
			if a.Source != w.Source || a.Author != w.Author || !reflect.DeepEqual(a.Tags, w.Tags) {
				t.Errorf("Source %q Author %q Tags %q, want %q %q %q", a.Source, a.Author, a.Tags, w.Source, w.Author, w.Tags)
			}
			if a.ID != IDOf([]byte(tt.data)) || a.Size != int64(len(tt.data)) {
				t.Errorf("ID or Size not of the raw bytes")
			}
		})
	}
}

func TestParseDateForms(t *testing.T) {
	want := utc(2024, 11, 16, 20, 49)
	for _, s := range []string{
		"Saturday, November 16, 2024 08:49 PM",
		"Saturday, November 16, 2024 8:49 PM",
		"November 16, 2024 08:49 PM",
		"2024-11-16T20:49:00Z",
		"2024-11-16T20:49:00.123Z",
		"2024-11-16T20:49:00-05:00",
		"2024-11-16T20:49:00",
		"2024-11-16 20:49",
		"2024-11-16T20:49",
		"2024-11-16 20:49:00 +0100",
		time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC).Format(time.RFC1123),
		time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC).Format(time.RFC1123Z),
		"Sat, 16 Nov 2024 20:49:00 EST",
		"Sat, 6 Nov 2024 20:49:00 +0000",
		time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC).Format(time.RFC822),
		time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC).Format(time.RFC822Z),
	} {
		got, ok := parseDate(s)
		w := want
		if strings.Contains(s, " 6 Nov") {
			w = utc(2024, 11, 6, 20, 49)
		}
		if s == "2024-11-16T20:49:00.123Z" {
			w = w.Add(123 * time.Millisecond)
		}
		if !ok || !got.Equal(w) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", s, got, ok, w)
		}
		// The same date in front matter.
		a, err := parseOne("a.md", []byte("---\ntitle: T\ndate: "+s+"\n---\nB"), testModTime)
		if err != nil || !a.Date.Equal(w) || a.DateFromFile || a.Undated {
			t.Errorf("front matter date %q: %v, %v (from file %v, undated %v)", s, a.Date, err, a.DateFromFile, a.Undated)
		}
	}
	for _, s := range []string{"2024-11-16", "November 16, 2024", "Saturday, November 16, 2024"} {
		if got, ok := parseDate(s); !ok || !got.Equal(utc(2024, 11, 16, 0, 0)) {
			t.Errorf("parseDate(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "Saturday", "March of the penguins", "2024 was a year", "Mon, the day", "13/45/2024", "2024-13-01"} {
		if got, ok := parseDate(s); ok {
			t.Errorf("parseDate(%q) = %v, want no date", s, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       error
	}{
		{"empty", "", ErrEmpty},
		{"whitespace", " \n\t\r\n\u00a0\n", ErrEmpty},
		{"BOM only", "\ufeff\r\n", ErrEmpty},
		{"date only", "Saturday, November 16, 2024 08:49 PM\n\n", ErrEmpty},
		{"NUL", "Headline\n\nBody\x00more", ErrNotText},
		{"NUL late in first 8 KiB", "Headline\n" + strings.Repeat("x", 8000) + "\x00", ErrNotText},
		{"PNG", "\x89PNG\r\n\x1a\nrest", ErrNotText},
		{"JPEG", "\xff\xd8\xff\xe0JFIF", ErrNotText},
		{"GIF", "GIF89a....", ErrNotText},
		{"PDF", "%PDF-1.7\n%text-looking", ErrNotText},
		{"ZIP", "PK\x03\x04rest", ErrNotText},
		{"gzip", "\x1f\x8b\x08rest", ErrNotText},
		{"control bytes", "ab\x01\x02\x03\x04cd\x05\x06", ErrNotText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parseOne("f.txt", []byte(tt.data), testModTime)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v (article %q)", err, tt.want, a.Headline)
			}
			if !strings.Contains(err.Error(), "f.txt") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	if _, err := parseOne(".md", nil, testModTime); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty .md: %v", err)
	}
	if _, err := parseOne("x.md", []byte("---\n---\n"), testModTime); err != nil {
		t.Errorf("empty front matter names the article by its file: %v", err)
	}
	if _, err := parseOne("", []byte("---\n---\n"), testModTime); !errors.Is(err, ErrEmpty) {
		t.Errorf("no title and no name: %v", err)
	}
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		headline string
		body     string // a part of the body
		err      error
	}{
		{file: "text.txt", format: FormatText, headline: "Council approves new cycle lanes", body: "Tuesday to approve a network"},
		{file: "front.md", format: FormatMarkdown, headline: "Budget: what it means for you", body: "The chancellor set out **plans**"},
		{file: "heading.md", format: FormatMarkdown, headline: "The real title", body: "```\n# not a heading\n```\n\nBody text."},
		{file: "bad_yaml.md", format: FormatMarkdown, headline: "bad_yaml", body: "Body after broken front matter."},
		{file: "cp1252.txt", format: FormatText, headline: "Café owner wins £600m lottery", body: "“wow”"},
		{file: "crlf_bom.txt", format: FormatSeed, headline: "Headline with CRLF", body: "First paragraph.\n\nSecond paragraph.\n\nThird after lone CR."},
		{file: "utf16.txt", format: FormatText, headline: "Wide headline", body: "UTF-16 body €."},
		{file: "hostile.txt", format: FormatText, headline: "Hostile ␛[31mred␛[0m headline␇", body: "OSC ␛]52;c;aGVsbG8=␇ and C1 \uFFFD2J here."},
		{file: "image.png", err: ErrNotText},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "parse", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := parseOne(tt.file, data, testModTime)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Format != tt.format || a.Headline != tt.headline || !strings.Contains(a.Body, tt.body) {
				t.Errorf("got %v %q body %q", a.Format, a.Headline, a.Body)
			}
		})
	}

	data, err := os.ReadFile(filepath.Join("testdata", "parse", "front.md"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseOne("front.md", data, testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Date.Equal(utc(2024, 10, 30, 12, 30)) || a.Source != "https://example.com/budget" ||
		a.Author != "Jane Doe, John Roe" || !reflect.DeepEqual(a.Tags, []string{"economy", "budget"}) ||
		strings.Contains(a.Body, "# Budget") {
		t.Errorf("front.md: %+v", a)
	}
}

func TestParseLongHeadline(t *testing.T) {
	long := strings.Repeat("word ", 300) // 1500 bytes, one line
	a, err := parseOne("a.txt", []byte(long+"\n\nBody."), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(a.Headline); n > maxHeadline {
		t.Errorf("headline has %d runes", n)
	}
	if !strings.HasSuffix(a.Headline, "…") {
		t.Errorf("cut headline does not end in an ellipsis: %q", a.Headline[len(a.Headline)-10:])
	}
	if want := strings.TrimSpace(long) + "\n\nBody."; a.Body != want {
		t.Errorf("the long first line is not kept in the body")
	}

	title := strings.Repeat("é", 600)
	a, err = parseOne("a.md", []byte("# "+title), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(a.Headline); n != maxHeadline {
		t.Errorf("markdown headline has %d runes", n)
	}
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"\n",
		"\ufeff",
		"Saturday, November 16, 2024 08:49 PM\nHeadline\nBody\n",
		"Saturday, November 16, 2024 08:49 PM",
		"2024-11-16\n",
		"Headline\n\nBody one\nstill one\n\nTwo",
		"---\ntitle: T\ndate: 2024-11-16\ntags: [a, b]\n---\n# H\nbody",
		"---\ntitle: [unclosed\n---\n",
		"---\n---\n",
		"---\n",
		"---\r\ntitle: x\r\n---\r\n",
		"---\na: &a [*a]\n---\n",
		"---\ndate: !!timestamp 2001-12-14 21:59:43.10 -5\n---\nB",
		"---\ntitle: &t T\nauthor: *t\ntags: *t\n---\n",
		"# \n#\n# #\n#  ##  \n",
		"```\n# x\n```\n",
		"\x1b[31mred\x1b[0m\n\n\x1b]52;c;aGk=\x07",
		"\u009b2J\u202eevil\u202d\n\nx",
		"Caf\xe9\r\n\r\n\x93q\x94\r",
		"\xff\xfe",
		"\xff\xfeH\x00",
		"\xfe\xff\x00H\x00\n",
		"\xff\xfe\x00\xd8",
		"\x89PNG\r\n\x1a\n",
		"\x00",
		"\t\v\f\r",
		strings.Repeat("x", 600),
		"\xc0\xaf\xed\xa0\x80",
	}
	for _, s := range seeds {
		f.Add("a.txt", []byte(s))
		f.Add("a.md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		as, err := Parse(name, data, testModTime)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotText) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, a := range as {
			if a.Headline == "" {
				t.Fatal("empty headline")
			}
			if utf8.RuneCountInString(a.Headline) > maxHeadline {
				t.Fatal("headline too long")
			}
			testcorpus.CheckClean(t, "Headline", a.Headline, false)
			testcorpus.CheckClean(t, "Body", a.Body, true)
			testcorpus.CheckClean(t, "Source", a.Source, false)
			testcorpus.CheckClean(t, "Author", a.Author, false)
			for _, tag := range a.Tags {
				testcorpus.CheckClean(t, "Tag", tag, false)
			}
			// glamour decodes character references in text with Go's html
			// package; what it decodes must be clean too.
			testcorpus.CheckClean(t, "Markdown", html.UnescapeString(a.Markdown()), true)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_d5b0627365015324.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := []byte("A headline that is not a date\n\nBody paragraph one.\n\nBody paragraph two.\n")
	md, err := os.ReadFile(filepath.Join("testdata", "parse", "front.md"))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"seed.txt", data}, {"text.txt", text}, {"front.md", md}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if _, err := parseOne(c.name, c.data, testModTime); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// parseOne parses a file that must hold one article, as every format but
// those of many articles a file reads.
func parseOne(name string, data []byte, modTime time.Time) (Article, error) {
	as, err := Parse(name, data, modTime)
	if err != nil {
		return Article{}, err
	}
	if len(as) != 1 {
		return Article{}, fmt.Errorf("%s: %d articles, want 1", name, len(as))
	}
	return as[0], nil
}
