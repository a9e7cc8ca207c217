package article

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestFromFields(t *testing.T) {
	day := time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		in   map[string]any
		want Article
	}{
		{"common names", map[string]any{"title": "Qatar talks", "content": "Body.", "published_at": "2024-11-16T20:49:00Z",
			"link": "https://example.com/a", "byline": "Ann", "tags": []any{"gaza", "qatar"}, "site_name": "The Wire"},
			Article{Headline: "Qatar talks", Body: "Body.", Date: day, Source: "https://example.com/a", Author: "Ann",
				Tags: []string{"gaza", "qatar"}, Site: "The Wire"}},
		{"headline and RFC 1123", map[string]any{"Headline": "H", "body": "B", "pubDate": "Sat, 16 Nov 2024 20:49:00 GMT"},
			Article{Headline: "H", Body: "B", Date: day}},
		{"unix seconds", map[string]any{"title": "H", "timestamp": jsonNumber("1731790140")},
			Article{Headline: "H", Date: day}},
		{"unix milliseconds", map[string]any{"title": "H", "timestamp": jsonNumber("1731790140000")},
			Article{Headline: "H", Date: day}},
		{"no title: the first sentence", map[string]any{"text": "Doha hosts talks. More follows."},
			Article{Headline: "Doha hosts talks.", Body: "Doha hosts talks. More follows.", Undated: true}},
		{"character references", map[string]any{"headline": "&#163;1.8m indecency fine &amp; more", "summary": "Caf&eacute;"},
			Article{Headline: "£1.8m indecency fine & more", Body: "Café", Undated: true}},
		{"tags as a string, authors as a list", map[string]any{"title": "H", "keywords": "gaza, qatar; talks", "authors": []any{"A", map[string]any{"name": "B"}}},
			Article{Headline: "H", Tags: []string{"gaza", "qatar", "talks"}, Author: "A, B", Undated: true}},
		{"controls are made safe", map[string]any{"title": "Bad\x1b]52;c;x\a", "body": "x\x1b[2J"},
			Article{Headline: "Bad␛]52;c;x␇", Body: "x␛[2J", Undated: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromFields(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			if got.Headline != w.Headline || got.Body != w.Body || !got.Date.Equal(w.Date) || got.Undated != w.Undated ||
				got.Source != w.Source || got.Author != w.Author || got.Site != w.Site || strings.Join(got.Tags, "|") != strings.Join(w.Tags, "|") {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
		})
	}
	if _, err := FromFields(map[string]any{"url": "https://x"}); err == nil {
		t.Error("a record with no title and no text loaded")
	}
}

func TestParseJSONL(t *testing.T) {
	data := "{\"title\": \"One\", \"text\": \"First.\"}\n\nnot json\n{\"title\": \"Two\"}\r\n[1, 2]\n{\"title\": \"Three\"}"
	as, err := Parse("news.jsonl", []byte(data), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.Headline)
		if a.Format != FormatJSONL || a.ID == (ID{}) {
			t.Errorf("%s: format %q, ID %v", a.Headline, a.Format, a.ID)
		}
	}
	if strings.Join(got, ",") != "One,Two,Three" {
		t.Errorf("loaded %v", got)
	}
	// Each record knows its own offset, and the same record in another
	// file is the same article.
	if as[1].Loc.Offset != int64(strings.Index(data, `{"title": "Two"}`)) {
		t.Errorf("Two at offset %d", as[1].Loc.Offset)
	}
	again, _ := Parse("other.ndjson", []byte(`{"title": "Two"}`+"\n"), time.Time{})
	if len(again) != 1 || again[0].ID != as[1].ID {
		t.Error("the same record elsewhere is another article")
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte("{\"title\": \"One\"}\n{\"headline\": \"\\u001b[2J\", \"date\": 1e300}\n"))
	f.Add([]byte("{\"title\": [1, {\"name\": 2}], \"tags\": {\"a\": 1}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		as, _ := Parse("f.jsonl", data, time.Time{})
		for _, a := range as {
			if a.Headline == "" || strings.ContainsAny(a.Headline+a.Body+a.Author+a.Source+a.Site, "\x1b\x07\u009b") {
				t.Fatalf("unsafe or empty article: %+v", a)
			}
		}
	})
}

func jsonNumber(s string) any { return json.Number(s) }
