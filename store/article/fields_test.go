package article

import (
	"strings"
	"testing"
)

func TestFields(t *testing.T) {
	fl, err := NewFields(map[string][]string{"Title": {"heading", " Hed "}, "text": {"story_text"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ what, name, data, headline, body string }{
		{"mapped names", "t.csv", "Heading,Story-Text,Published\nMapped,The story.,2024-01-02\n", "Mapped", "The story."},
		{"the second mapped name", "t.tsv", "hed\tstory_text\nSecond name\tBody\n", "Second name", "Body"},
		// A mapped name comes before the defaults it shadows.
		{"mapped before defaults", "t.csv", "title,heading,body,story_text\nDefault,Mapped,Default body,Mapped body\n", "Mapped", "Mapped body"},
		// Where the mapped field is empty, the defaults still serve.
		{"an empty mapped field", "t.csv", "title,heading\nDefault,\n", "Default", ""},
		{"a JSON array", "t.json", `[{"heading": "From JSON", "story_text": "Body"}]`, "From JSON", "Body"},
		{"a JSON object", "t.json", `{"heading": "One object", "items": [1, 2]}`, "One object", ""},
		{"JSON Lines", "t.jsonl", `{"heading": "A line", "story_text": "Its body"}` + "\n", "A line", "Its body"},
	} {
		t.Run(tt.what, func(t *testing.T) {
			f := fl.Claim(tt.name, []byte(tt.data))
			s, err := streamData(t, f, []byte(tt.data))
			if err != nil || len(s.as) != 1 || s.as[0].Headline != tt.headline || s.as[0].Body != tt.body {
				t.Fatalf("%+v, %v", s.as, err)
			}
			checkReread(t, f, []byte(tt.data), s.as)
		})
	}
	// Without the mapping the first table has no title column.
	if _, err := streamData(t, Claim("t.csv", nil), []byte("Heading,Story-Text\nMapped,The story.\n")); err == nil ||
		!strings.Contains(err.Error(), "no column for a title or text") {
		t.Errorf("unmapped: %v", err)
	}
	// The zero Fields, and a mapping of nothing, are the package's formats.
	empty, _ := NewFields(map[string][]string{"title": {" "}})
	for _, name := range []string{"t.csv", "t.tab", "t.json", "t.jsonl", "t.md"} {
		if (Fields{}).Claim(name, nil) != Claim(name, nil) || empty.Claim(name, nil) != Claim(name, nil) {
			t.Errorf("%s: another format", name)
		}
	}
	if _, err := NewFields(map[string][]string{"headline": {"hed"}}); err == nil || !strings.Contains(err.Error(), "author, date, site, tags, text, title, url") {
		t.Errorf("an unknown role: %v", err)
	}
}
