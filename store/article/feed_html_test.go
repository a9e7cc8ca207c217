package article

import "testing"

func TestHTMLToMarkdown(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"<p>One &amp; <b>two</b></p><script>x()</script><p>three</p>", "One & **two**\n\nthree"},
		{"plain\n\ntext # not a heading", "plain\n\ntext # not a heading"},
		{"# looks like a heading", "\\# looks like a heading"},
		{"<iframe src=\"x\">hidden</iframe><p>shown</p>", "shown"},
	} {
		if got := htmlToMarkdown(tt.in); got != tt.want {
			t.Errorf("htmlToMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := htmlText("<b>Bold</b> &amp; <script>no</script>plain"); got != "Bold & plain" {
		t.Errorf("htmlText = %q", got)
	}
}
