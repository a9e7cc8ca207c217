package article

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMbox(t *testing.T) {
	data := readFixture(t, "mail", "harbour.mbox")
	as, err := Parse("harbour.mbox", data, testModTime)
	if err != nil {
		t.Fatal(err)
	}
	checkItems(t, as, []item{
		// A MIME-encoded subject and sender; a quoted-printable Latin-1
		// HTML part preferred to the text part.
		{"Ferry fares – the vote", "Ann Shöre", "Harbour News", "", "",
			"The council voted **7 to 2**. Café owners are pleased.", utc(2024, 11, 18, 9, 0)},
		// No name: the address, and its domain as the site; ">From "
		// lines unquoted once.
		{"Tide tables", "bob@lists.example.org", "lists.example.org", "", "",
			"come early this year.\n\nFrom the harbour master: mind the moorings.\n\\>From a quoted reply", utc(2024, 11, 19, 10, 30)},
	}, FormatMbox)
	// Each message's offset is its "From " line's.
	if as[0].Loc.Offset != 0 || as[1].Loc.Offset != int64(bytes.Index(data, []byte("\nFrom bob@"))+1) {
		t.Errorf("offsets %d and %d", as[0].Loc.Offset, as[1].Loc.Offset)
	}
	if as[0].ID != IDOf([]byte("mail\x00vote-1@example.com")) {
		t.Error("the first message is not known by its Message-ID")
	}
	if strings.Contains(as[0].Body, "plain version") {
		t.Error("the text part was shown, not the HTML part")
	}
}

// Reading a message again by its offset, as the reader does, gives the
// article the walk read; an offset where no message starts is an error.
func TestMboxReread(t *testing.T) {
	data := readFixture(t, "mail", "harbour.mbox")
	as, err := ParseUncounted("harbour.mbox", data, testModTime)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		again, err := mboxFormat.Reread(bytes.NewReader(data), int64(len(data)), a.Loc.Offset, "harbour.mbox")
		if err != nil {
			t.Fatalf("at %d: %v", a.Loc.Offset, err)
		}
		again.Format = a.Format
		if !reflect.DeepEqual(again, a) {
			t.Errorf("at %d:\n read again %+v\n first      %+v", a.Loc.Offset, again, a)
		}
	}
	for _, off := range []int64{5, int64(len(data)), -1} {
		if a, err := mboxFormat.Reread(bytes.NewReader(data), int64(len(data)), off, "harbour.mbox"); err == nil {
			t.Errorf("at %d: read %q", off, a.Headline)
		}
	}
}

func TestMboxRecords(t *testing.T) {
	type rec struct {
		line     int
		headline string
		bad      bool
	}
	for _, tt := range []struct {
		name, data string
		want       []rec
	}{
		{"CRLF and a long line", "From a\r\nSubject: One\r\n\r\n" + strings.Repeat("x", 100<<10) + "\r\n\r\nFrom b\r\nSubject: Two\r\n\r\nBody\r\n",
			[]rec{{1, "One", false}, {6, "Two", false}}},
		{"a From line not after a blank line is text", "From a\nSubject: One\n\nBody\nFrom here on\n", []rec{{1, "One", false}}},
		{"text before the first message", "junk\n\nFrom a\nSubject: One\n\nB\n", []rec{{1, "", true}, {3, "One", false}}},
		{"a message without a subject", "From a\nFrom: x@y\n\nFirst sentence. More.\n", []rec{{1, "First sentence.", false}}},
		{"an empty message", "From a\n\nFrom b\nSubject: Two\n", []rec{{1, "", true}, {3, "Two", false}}},
		{"a long From line", "From " + strings.Repeat("a", 100<<10) + "\nSubject: One\n\nB\n", []rec{{1, "One", false}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []rec
			err := streamMbox(strings.NewReader(tt.data), 0, "m.mbox", func(r Record) error {
				got = append(got, rec{r.Line, r.Article.Headline, r.Err != nil})
				return nil
			})
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, %v\nwant %+v", got, err, tt.want)
			}
		})
	}
}

// A message larger than maxMessage is read from its start, and says it
// was cut; the next message is read whole.
func TestMboxLongMessage(t *testing.T) {
	data := "From a\nSubject: Big\n\nThe start.\n" + strings.Repeat(strings.Repeat("x", 1023)+"\n", maxMessage/1024+1) + "\nFrom b\nSubject: Small\n\nEnd.\n"
	as, err := Parse("big.mbox", []byte(data), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || !as[0].Cut || as[0].Size <= maxMessage || !strings.HasPrefix(as[0].Body, "The start.") || as[1].Cut || as[1].Body != "End." {
		t.Errorf("%d articles; first cut %v, size %d", len(as), len(as) > 0 && as[0].Cut, as[0].Size)
	}
}

func TestMaildir(t *testing.T) {
	for _, tt := range []struct {
		file string
		want item
	}{
		// Quoted-printable Latin-1 text.
		{"cur/1700000001.M2P3.example!2,S", item{"Rates held", "Cal Ledger", "digest.example.net", "", "",
			"held rates at 5%, no surprise.\nSecond line with a café.", utc(2024, 11, 19, 7, 5)}},
		// Base64 HTML.
		{"new/1700000002.M3P4.example", item{"New arrivals at the museum", "Ed", "example.com", "", "",
			"Three new *exhibits* open on Friday & Saturday.", utc(2024, 11, 20, 12, 0)}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, "mail", "Maildir", tt.file)
			as, err := Parse(filepath.Base(tt.file), data, testModTime)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, as, []item{tt.want}, FormatMail)
		})
	}
}

// A Maildir's own names, with the ":2," that the fixtures cannot carry
// (a module's files may not have a colon in their names), are claimed
// by their heads.
func TestMaildirNames(t *testing.T) {
	dir := t.TempDir()
	data := readFixture(t, "mail", "Maildir", "cur", "1700000001.M2P3.example!2,S")
	name := filepath.Join(dir, "1700000000.M1P2.host:2,S")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if f := Claim(filepath.Base(name), got[:min(len(got), HeadLen)]); f != &mailFormat {
		t.Errorf("claimed by %v", f)
	}
	if as, err := Parse(filepath.Base(name), got, testModTime); err != nil || as[0].Format != FormatMail {
		t.Errorf("%v, %+v", err, as)
	}
}

func TestClaimsMail(t *testing.T) {
	mboxHead := []byte("From ann@example.com Mon Nov 18 09:00:00 2024\nReturn-Path: <ann@example.com>\n")
	mailHead := []byte("Received: from x\n\tby y\nFrom: a@b\nSubject: Hi\n\nBody")
	for _, tt := range []struct {
		name string
		head []byte
		want *Format
	}{
		{"x.mbox", nil, &mboxFormat},
		{"Inbox", mboxHead, &mboxFormat},
		{"notes.txt", []byte("From the desk\nof the editor: a note\n"), nil},
		{"x.eml", nil, &mailFormat},
		{"message", mailHead, &mailFormat},
		{"notes.txt", []byte("Subject: Hi\nTitle: x\n\nBody"), nil},                   // no field of a delivered message
		{"1700000000.M1P2.host:2,S", []byte("To: a@b\nSubject: Hi\n\n"), &mailFormat}, // loose for a Maildir's name
		{"1700000000.M1P2.host:2,S", []byte("Hello\nthere"), nil},
		{"notes.txt", []byte("Date: 2024-11-16\nSubject: x\n\nBody"), &mailFormat},
		{"notes.txt", []byte("Subject: Hi\nFrom: a@b\nnot a field\n"), nil},
	} {
		if got := Claim(tt.name, tt.head); got != tt.want {
			t.Errorf("Claim(%q, %.30q) = %v", tt.name, tt.head, got)
		}
	}
}

// Nothing in a message reaches the terminal as a control sequence:
// not in its encoded words, not in its body.
func TestMailHostile(t *testing.T) {
	raw := "From: =?UTF-8?Q?Evil=1B]52;c;eA=07?= <e@x>\nSubject: =?UTF-8?B?" +
		"SGkbWzJK?=\nList-Id: <\x1b[31mlist>\nDate: nonsense\nContent-Type: text/html; charset=koi8-r\n\n<p>\x1b[2Jbody\u202e</p>\n"
	a, err := parseMail([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	checkSafe(t, a)
	if a.Headline != "Hi␛[2J" || !a.Undated || !strings.Contains(a.Body, "body") {
		t.Errorf("%+v", a)
	}
}

func FuzzMbox(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "mail", "harbour.mbox"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for _, file := range []string{"cur/1700000001.M2P3.example!2,S", "new/1700000002.M3P4.example"} {
		data, err := os.ReadFile(filepath.Join("testdata", "mail", "Maildir", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte("From x\n"), data...))
	}
	f.Add([]byte("From a\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/alternative; boundary=c\n\n--c\n"))
	f.Add([]byte("From a\nSubject: =?x-unknown?q?=1B?=\nContent-Transfer-Encoding: x-uue\n\n>>From \x1b[2J\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		as, _ := Parse("f.mbox", data, time.Time{})
		for _, a := range as {
			if a.Headline == "" {
				t.Fatalf("an article without a headline: %+v", a)
			}
			checkSafe(t, a)
			again, err := mboxFormat.Reread(bytes.NewReader(data), int64(len(data)), a.Loc.Offset, "f.mbox")
			if err != nil || again.ID != a.ID {
				t.Fatalf("message at %d read again: %v, ID %v then %v", a.Loc.Offset, err, a.ID, again.ID)
			}
		}
		if a, err := parseMail(data); err == nil {
			checkSafe(t, a)
		}
	})
}
