package article

import (
	"strings"
	"testing"
	"time"
)

func TestFrontMatterOfEveryKind(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name, file, data string
		want             Article // Headline, Date or Undated, Author, Tags, Excerpt, Source; Body checked by prefix
	}{
		{"TOML", "post.md", "+++\ntitle = \"Zola post\"\ndate = 2024-11-16\nauthors = [\"Ann\", \"Bo\"]\n[taxonomies]\ntags = [\"x\"]\n+++\n\nBody.\n",
			Article{Headline: "Zola post", Date: day(2024, 11, 16), Author: "Ann, Bo", Tags: []string{"x"}, Body: "Body."}},
		{"TOML datetime", "post.md", "+++\ntitle = \"T\"\ndate = 2024-11-16T20:49:00Z\ncategories = [\"news\"]\n+++\nBody\n",
			Article{Headline: "T", Date: time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC), Tags: []string{"news"}, Body: "Body"}},
		{"TOML in a .txt", "post.txt", "+++\ntitle = \"Hugo\"\n+++\nBody\n", Article{Headline: "Hugo", Undated: true, Body: "Body"}},
		{"JSON", "post.md", "{\n  \"title\": \"JSON front\",\n  \"date\": \"2024-11-16\",\n  \"tags\": [\"a\", \"b\"]\n}\n\nBody.\n",
			Article{Headline: "JSON front", Date: day(2024, 11, 16), Tags: []string{"a", "b"}, Body: "Body."}},
		{"published before created", "a.md", "---\ntitle: T\ncreated: 2020-01-01\npublished: 2024-11-16\n---\nB\n",
			Article{Headline: "T", Date: day(2024, 11, 16), Body: "B"}},
		{"publishDate", "a.md", "---\ntitle: T\npublishDate: 2024-11-16\nlastmod: 2025-01-01\n---\nB\n",
			Article{Headline: "T", Date: day(2024, 11, 16), Body: "B"}},
		{"pubDate", "a.md", "---\ntitle: T\npubDate: Sat, 16 Nov 2024 00:00:00 GMT\n---\nB\n",
			Article{Headline: "T", Date: day(2024, 11, 16), Body: "B"}},
		{"lastmod last", "a.md", "---\ntitle: T\nlastmod: 2024-11-16\n---\nB\n", Article{Headline: "T", Date: day(2024, 11, 16), Body: "B"}},
		{"Jekyll file name", "2014-05-06-a-title.md", "Body only.\n", Article{Headline: "a-title", Date: day(2014, 5, 6), Body: "Body only."}},
		{"date path in front matter", "a.md", "---\ntitle: T\npath: \"2025/05/05/slug\"\n---\nB\n", Article{Headline: "T", Date: day(2025, 5, 5), Body: "B"}},
		{"date path in folders", "blog/2025/05/05/index.md", "# Heading\nB\n", Article{Headline: "Heading", Date: day(2025, 5, 5), Body: "B"}},
		{"by and wikilinks", "a.md", "---\ntitle: T\nby: \"[[Obsidian]]\"\n---\nB\n", Article{Headline: "T", Author: "Obsidian", Undated: true, Body: "B"}},
		{"authors as links", "a.md", "---\ntitle: T\nauthor:\n  - \"[Ann Lee](https://ann.example)\"\n  - \"[[people/bo|Bo]]\"\n---\nB\n",
			Article{Headline: "T", Author: "Ann Lee, Bo", Undated: true, Body: "B"}},
		{"byline", "a.md", "---\ntitle: T\nbyline: Cy\n---\nB\n", Article{Headline: "T", Author: "Cy", Undated: true, Body: "B"}},
		{"tags, categories, keywords", "a.md", "---\ntitle: T\ntags: [a]\ncategories: b, c\nkeywords: [a, d]\n---\nB\n",
			Article{Headline: "T", Tags: []string{"a", "b", "c", "d"}, Undated: true, Body: "B"}},
		{"excerpt", "a.md", "---\ntitle: T\ndescription: A short summary.\nurl: https://e.example/t\n---\nB\n",
			Article{Headline: "T", Excerpt: "A short summary.", Source: "https://e.example/t", Undated: true, Body: "B"}},
		{"Obsidian clipper", "Clip.md", "---\ntitle: \"Clipped\"\nsource: \"https://news.example/x\"\nauthor:\n  - \"[[The Paper]]\"\npublished: 2024-11-16\ncreated: 2024-11-20\ntags:\n  - \"clippings\"\n---\nBody\n",
			Article{Headline: "Clipped", Source: "https://news.example/x", Author: "The Paper", Date: day(2024, 11, 16), Tags: []string{"clippings"}, Body: "Body"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			as, err := Parse(tt.file, []byte(tt.data), time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			a, w := as[0], tt.want
			if a.Headline != w.Headline || !a.Date.Equal(w.Date) || a.Undated != w.Undated || a.Author != w.Author ||
				strings.Join(a.Tags, ",") != strings.Join(w.Tags, ",") || a.Excerpt != w.Excerpt || a.Source != w.Source || a.Body != w.Body {
				t.Errorf("got  %+v\nwant %+v", a, w)
			}
		})
	}
}

func TestTemplateDirectivesAreQuiet(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Para one.\n{{< code-toggle file=\"hugo\" >}}\nbaseURL = 'x'\n{{< /code-toggle >}}\nPara two.\n",
			"Para one.\n\n⟨shortcode: code-toggle⟩\n\nbaseURL = 'x'\n\n\nPara two."},
		{"Inline {{% note %}}here{{% /note %}} too.", "Inline ⟨shortcode: note⟩here too."},
		{"Before\n{% include figure.html src=\"a.png\" %}\nAfter", "Before\n\n⟨template: include⟩\n\nAfter"},
		{"{{image src=\"a.png\"}} and {{ page.title }}", "⟨template: image⟩ and ⟨template: page.title⟩"},
		{"```\n{{< not-in-code >}}\n```", "```\n{{< not-in-code >}}\n```"},
		{"Plain {braces} and { { spaced } } stay.", "Plain {braces} and { { spaced } } stay."},
	} {
		as, err := Parse("a.md", []byte("---\ntitle: T\n---\n"+tt.in), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if as[0].Body != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, as[0].Body, tt.want)
		}
	}
}

func TestRedirectStubIsSkipped(t *testing.T) {
	_, err := Parse("old.md", []byte("---\ntitle: Moved\nredirect: /new-place/\n---\n\n"), time.Time{})
	if err == nil || !strings.Contains(err.Error(), "a redirect to /new-place/") {
		t.Errorf("a redirect stub: %v", err)
	}
	if _, err := Parse("old.md", []byte("---\ntitle: Moved\nredirect_to: /x/\n---\nBut it says something.\n"), time.Time{}); err != nil {
		t.Errorf("a redirect with a body of its own: %v", err)
	}
}
