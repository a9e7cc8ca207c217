package text

import (
	"html"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain words", "Plain words"},
		{"- not a list", `\- not a list`},
		{"+ nor this", `\+ nor this`},
		{"* nor this", `\* nor this`},
		{"1. not ordered", `1\. not ordered`},
		{"2024) nor this", `2024\) nor this`},
		{"# not a heading", `\# not a heading`},
		{"#hashtag", `\#hashtag`},
		{"> not a quote", `\> not a quote`},
		{"    not code", "not code"},
		{"\tnot code either", "not code either"},
		{"=== not an underline", `&#61;== not an underline`},
		{": not a definition", `&#58; not a definition`},
		{"---", `\---`},
		{"a *b* _c_ `d` ~e~", `a \*b\* \_c\_ \` + "`" + `d\` + "`" + ` &#126;e&#126;`},
		{"[link](http://x.com) ![img](y)", `\[link\](http://x\.com) !\[img\](y)`},
		{"<b>html</b> | pipe", `\<b>html\</b> | pipe`},
		{`back\slash`, `back\\slash`},
		{"AT&T &#27; &amp;", `AT&amp;T &amp;#27; &amp;amp;`},
		{"www.example.com a@b.com", `www\.example\.com a@b\.com`},
		{"trailing spaces  ", "trailing spaces"},
		{"U.S. 10:30 a=b", `U\.S. 10:30 a=b`},
		{"one\ntwo", "one\ntwo"},
		{"para one\n\n- para two", "para one\n\n\\- para two"},
		{"Café — «quoted» 東京", "Café — «quoted» 東京"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) =\n %q, want\n %q", tt.in, got, tt.want)
		}
	}
}

func TestNeutraliseEntities(t *testing.T) {
	tests := []struct{ in, want string }{
		{"no entities", "no entities"},
		{"&#27;[31m", "&amp;#27;[31m"},
		{"&#x1b; &#X1B; &#155; &#0000027;", "&amp;#x1b; &amp;#X1B; &amp;#155; &amp;#0000027;"},
		{"&#127; &#x9f; &#8238; &#9; &Tab; &NewLine;", "&amp;#127; &amp;#x9f; &amp;#8238; &amp;#9; &amp;Tab; &amp;NewLine;"},
		{"&amp; &copy; &#65; &#x20ac; &#32;", "&amp; &copy; &#65; &#x20ac; &#32;"},
		{"&#27[31m no semicolon &#x1B[", "&amp;#27[31m no semicolon &amp;#x1B["},
		{"&#; &#x; &# &#a &", "&#; &#x; &# &#a &"},
		{"&#00000065; too long &#4294967323; wraps to ESC", "&amp;#00000065; too long &amp;#4294967323; wraps to ESC"},
		{"[x](http://a/&#27;)", "[x](http://a/&amp;#27;)"},
		{"&#x202a; &#8294; &#x2069; &#x200f;", "&amp;#x202a; &amp;#8294; &amp;#x2069; &#x200f;"},
		{"`&#27;` ```\n&#27;\n```", "`&amp;#27;` ```\n&amp;#27;\n```"},
	}
	for _, tt := range tests {
		if got := NeutraliseEntities(tt.in); got != tt.want {
			t.Errorf("NeutraliseEntities(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNeutraliseEntities(f *testing.F) {
	for _, s := range []string{"&#27;", "&#x1b", "&#155;", "&#4294967323;", "&Tab;", "&NewLine;", "&#00000027;", "&amp;#27;", "&#x202e;", "&#x202A;", "&#8294;", "&#x2069;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := html.UnescapeString(NeutraliseEntities(Sanitize(s)))
		testcorpus.CheckClean(t, "decoded", out, true)
		out = html.UnescapeString(EscapeMarkdown(s))
		if strings.ContainsAny(out, "\x1b\x07\x00\u009b") && !strings.ContainsAny(s, "\x1b\x07\x00\u009b") {
			t.Fatalf("EscapeMarkdown(%q) decodes to a control: %q", s, out)
		}
	})
}
