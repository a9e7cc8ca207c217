package article

import (
	"strings"
	"testing"
	"time"
)

func TestJSONDocuments(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []want
		bad  []int
	}{
		{"bad_element.json", []want{
			{"Rates held", "2024-11-07T00:00:00Z", "https://example.com/rates", "economy|rates", 2},
			{"Floods in Valencia", "2024-11-01T00:00:00Z", "https://example.com/floods", "", 4},
			{"Last one", "", "", "a|b", 12},
		}, []int{3, 10, 11}},
		{"wrapped.json", []want{
			{"Probe launched", "2024-11-16T09:00:00Z", "https://example.com/probe", "", 5},
			{"Second story", "2024-11-16T10:30:00Z", "https://example.com/second", "", 6},
		}, nil},
		{"single.json", []want{
			{"One article", "2024-01-02T00:00:00Z", "", "solo", 1},
		}, nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, "tables", tt.file)
			f := Claim(tt.file, data)
			if f != jsonFormat {
				t.Fatalf("claimed by %v", f)
			}
			s, err := streamData(t, f, data)
			if err != nil {
				t.Fatal(err)
			}
			checkArticles(t, s, tt.want, tt.bad)
			checkReread(t, f, data, s.as)
			for _, a := range s.as { // an object's offset is its '{'
				if data[a.Loc.Offset] != '{' || a.Size == 0 || data[a.Loc.Offset+a.Size-1] != '}' {
					t.Errorf("%q at %d, %d bytes: %q", a.Headline, a.Loc.Offset, a.Size, data[a.Loc.Offset:a.Loc.Offset+a.Size])
				}
			}
		})
	}
}

func TestJSONFields(t *testing.T) {
	s, _ := streamData(t, jsonFormat, readFixture(t, "tables", "wrapped.json"))
	if a := s.as[0]; a.Author != "Jane Doe" || a.Body != "The full text." {
		t.Errorf("author %q, body %q", a.Author, a.Body)
	}
	s, _ = streamData(t, jsonFormat, readFixture(t, "tables", "single.json"))
	if a := s.as[0]; a.Author != "A. Writer" || a.Body != "Only this." {
		t.Errorf("an object's own array of objects (its authors) is a field: author %q, body %q", a.Author, a.Body)
	}
	// The same object in an array and in JSON Lines is the same article.
	obj := `{"title": "Same", "text": "Body."}`
	arr, _ := Parse("a.json", []byte("[\n  "+obj+",\n  "+obj+"\n]"), time.Time{})
	line, _ := Parse("a.jsonl", []byte(obj+"\n"), time.Time{})
	if len(arr) != 2 || len(line) != 1 || arr[0].ID != line[0].ID || arr[1].ID != line[0].ID || arr[1].Loc.Offset != int64(4+len(obj)+4) {
		t.Errorf("array %+v\nlines %+v", arr, line)
	}
	if arr[0].Format != FormatJSON {
		t.Errorf("format %q", arr[0].Format)
	}
}

func TestJSONErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, err string }{
		{"a string", `"just text"`, "a JSON string, not an array or an object"},
		{"not JSON", "Headline\n\nBody", "not JSON"},
		{"a broken object", `{"title": "x", "text": }`, "line 1: not JSON"},
		{"an object with no title", `{"id": 3, "url": "https://x"}`, ErrEmpty.Error()},
		{"an empty array", "[]", ErrEmpty.Error()},
		{"nothing", " \n", ErrEmpty.Error()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("d.json", []byte(tt.data), time.Time{})
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "d.json: ") {
				t.Errorf("error %v, want one naming the file and %q", err, tt.err)
			}
		})
	}
	// A syntax error ends the array, reported on the line its element
	// starts; what came before loads.
	s, err := streamData(t, jsonFormat, []byte("\ufeff[{\"title\": \"A\"},\n {\"title\": \"B\",,},\n {\"title\": \"C\"}]"))
	if err != nil || len(s.as) != 1 || s.as[0].Loc.Offset != 4 || len(s.bad) != 1 || s.bad[0] != 2 {
		t.Errorf("%+v, %v", s, err)
	}
}

func FuzzJSONArray(f *testing.F) {
	for _, name := range []string{"bad_element.json", "wrapped.json", "single.json"} {
		f.Add(readFixture(f, "tables", name))
	}
	f.Add([]byte("[{\"title\": \"\\u001b[2J\", \"date\": 1e300}, [], null, {\"tags\": {\"a\": 1}, \"text\": \"x\"}"))
	f.Add([]byte("{\"a\": [1], \"b\": [{\"title\": \"in b\"}], \"c\": }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _ := streamData(t, jsonFormat, data)
		for _, a := range s.as {
			if a.Headline == "" || strings.ContainsAny(a.Headline+a.Body+a.Author+a.Source+a.Site, "\x1b\x07\u009b") {
				t.Fatalf("unsafe or empty article: %+v", a)
			}
		}
		checkReread(t, jsonFormat, data, s.as)
	})
}
