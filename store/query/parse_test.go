package query

import (
	"fmt"
	"slices"
	"testing"

	"github.com/broadsheet/broadsheet/store/text"
)

func TestParseQueryLanguage(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ignored  []string
	}{
		{"", "all", nil},
		{"qatar", "qatar*", nil},
		{"qatar hama", "(qatar hama*)", nil},
		{"Qatar hostage ", "(qatar hostage*)", nil},
		{`"hostage deal"`, `"hostage deal"`, nil},
		{`"hostage de`, `"hostage de"*`, nil},
		{`qatar -war`, `(qatar -war)`, nil},
		{`-"a b" c`, `(-"a b" c*)`, nil},
		{`title:Qatar`, `title:qatar*`, nil},
		{`title:"Doha talks" x`, `(title:"doha talks" x*)`, nil},
		{`in:2024/11 qatar`, `(in:2024/11 qatar*)`, nil},
		{`qatar in:Clips`, `(qatar in:clips)`, nil},
		{`after:2024-11-01 before:2024-12`, `(date[2024-11-01,0001-01-01) date[0001-01-01,2025-01-01))`, nil},
		{`on:2024-11-16`, `date[2024-11-16,2024-11-17)`, nil},
		{`on:2024`, `date[2024-01-01,2025-01-01)`, nil},
		{`is:bookmarked is:unread`, `(is:bookmarked is:unread)`, nil},
		{`qatar OR egypt`, `(qatar OR egypt*)`, nil},
		{`(qatar OR egypt) talks`, `((qatar OR egypt) talks*)`, nil},
		{`a OR b OR c`, `(a OR b OR c*)`, nil},
		{`qatar after:2024-13-01 is:nope`, `qatar`, []string{"after:2024-13-01", "is:nope"}},
		{`title: in: x`, `x*`, []string{"title:", "in:"}},
		{`qatar )`, `qatar`, []string{")"}},
		{`(qatar`, `qatar*`, []string{"("}},
		{`(a OR (b c)`, `(a OR (b c*))`, []string{"("}},
		{`-(a b`, `-(a b*)`, []string{"("}},
		{`OR`, `all`, nil},
		{`mail:x`, `mail x*`, nil},
		{`-(a OR b) c`, `(-(a OR b) c*)`, nil},
		{`--`, `all`, nil},
	} {
		q := Parse(tt.in)
		if got := q.String(); got != tt.want || !slices.Equal(q.Ignored, tt.ignored) {
			t.Errorf("Parse(%q) = %s, ignored %q; want %s, ignored %q", tt.in, got, q.Ignored, tt.want, tt.ignored)
		}
	}
}

func TestMatchWords(t *testing.T) {
	words := text.Words("The hostage deal was signed; hostages freed, a deal for the hostage")
	for _, tt := range []struct {
		q    string
		want [][]int
	}{
		{`"hostage deal"`, [][]int{{1, 2}}},
		{`hostage`, [][]int{{1}, {5}, {11}}},           // the last word is a prefix: hostages
		{`hostage deal`, [][]int{{1}, {2}, {8}, {11}}}, // "hostage" whole here: not the last
		{`deal -hostage`, [][]int{{2}, {8}}},
		{`"hostage de`, [][]int{{1, 2}}},
		{`freed OR signed`, [][]int{{4}, {6}}},
	} {
		if got := Parse(tt.q).MatchWords(words); !slices.Equal(flat(got), flat(tt.want)) {
			t.Errorf("MatchWords(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func flat(m [][]int) []string {
	var out []string
	for _, x := range m {
		out = append(out, fmt.Sprint(x))
	}
	return out
}
