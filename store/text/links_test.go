package text

import (
	"reflect"
	"testing"
)

func TestNumberLinks(t *testing.T) {
	tests := []struct {
		name, md, want string
		links          []Link
	}{
		{"none", "plain text, no link", "plain text, no link", nil},
		{"inline", "See [the report](https://x.org/r) now.", `See the report\[1\] now.`,
			[]Link{{"the report", "https://x.org/r"}}},
		{"relative and title", `[note](other.md "Other") and [b](<a b.md>)`, `note\[1\] and b\[2\]`,
			[]Link{{"note", "other.md"}, {"b", "a b.md"}}},
		{"emphasis inside", "[**bold** move](https://a.b/c)", `**bold** move\[1\]`,
			[]Link{{"bold move", "https://a.b/c"}}},
		{"code inside", "[`x]y`](u.md)", "`x]y`\\[1\\]", []Link{{"x]y", "u.md"}}},
		{"nested parens", "[w](https://en.wikipedia.org/wiki/A_(b)) end", `w\[1\] end`,
			[]Link{{"w", "https://en.wikipedia.org/wiki/A_(b)"}}},
		{"same URL twice", "[a](u.md) [b](u.md) [c](v.md)", `a\[1\] b\[1\] c\[2\]`,
			[]Link{{"a", "u.md"}, {"c", "v.md"}}},
		{"reference", "[a][r] and [r]\n\n[r]: https://r.org\n", "a\\[1\\] and r\\[1\\]\n\n[r]: https://r.org\n",
			[]Link{{"a", "https://r.org"}}},
		{"autolink", "go <https://x.org> now", `go <https://x.org>\[1\] now`,
			[]Link{{"https://x.org", "https://x.org"}}},
		{"bare URL", "go https://x.org/p now", `go https://x.org/p\[1\] now`,
			[]Link{{"https://x.org/p", "https://x.org/p"}}},
		{"email", "mail <a@b.org>", `mail <a@b.org>\[1\]`, []Link{{"a@b.org", "mailto:a@b.org"}}},
		{"image is not a link", "![alt](pic.png) [x](y.md)", `![alt](pic.png) x\[1\]`, []Link{{"x", "y.md"}}},
		{"link around image kept", "[![alt](p.png)](y.md)", "[![alt](p.png)](y.md)", []Link{{"alt", "y.md"}}},
		{"code block is not a link", "```\n[a](b.md)\n```\n", "```\n[a](b.md)\n```\n", nil},
		{"control bytes sanitised", "[a\x1bb](u\x07.md)", "a\x1bb\\[1\\]", []Link{{"a␛b", "u␇.md"}}},
		{"empty text", "[](u.md)", "[](u.md)", []Link{{"", "u.md"}}},
		{"in a heading", "# [Title](t.md)\n", "# Title\\[1\\]\n", []Link{{"Title", "t.md"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, links := NumberLinks(tt.md)
			if got != tt.want {
				t.Errorf("text:\n got %q\nwant %q", got, tt.want)
			}
			if !reflect.DeepEqual(links, tt.links) {
				t.Errorf("links:\n got %q\nwant %q", links, tt.links)
			}
			if l := Links(tt.md); !reflect.DeepEqual(l, tt.links) {
				t.Errorf("Links = %q, NumberLinks said %q", l, tt.links)
			}
		})
	}
}

func TestOutline(t *testing.T) {
	tests := []struct {
		name, md string
		want     []Heading
	}{
		{"none", "just text", nil},
		{"atx and setext", "# One\n\ntext\n\nTwo\n---\n\n### *Three* `3`\n", []Heading{{1, "One"}, {2, "Two"}, {3, "Three 3"}}},
		{"link in heading", "## See [x](y.md)\n", []Heading{{2, "See x"}}},
		{"not in code", "```\n# no\n```\n## yes\n", []Heading{{2, "yes"}}},
		{"empty heading dropped", "#\n\n## a\n", []Heading{{2, "a"}}},
		{"control bytes", "# a\x1bb\n", []Heading{{1, "a␛b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Outline(tt.md); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNumberLinksWith: the mark is the caller's, written where NumberLinks
// writes its own, with the same links.
func TestNumberLinksWith(t *testing.T) {
	md := "[a](u.md), <https://x.org> and [a again](u.md)"
	got, links := NumberLinksWith(md, func(n int) string { return "{" + string(rune('0'+n)) + "}" })
	if want := "a{1}, <https://x.org>{2} and a again{1}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, plain := NumberLinks(md); !reflect.DeepEqual(links, plain) {
		t.Errorf("links %q, NumberLinks says %q", links, plain)
	}
}
