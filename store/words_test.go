package store

import (
	"slices"
	"testing"

	"github.com/broadsheet/broadsheet/store/query"
)

// TestSearchFindsWhatIsWritten: Chinese and Japanese run words together,
// and case folds in full, yet a search finds what is written.
func TestSearchFindsWhatIsWritten(t *testing.T) {
	lib := NewLibrary()
	lib.Add(
		libArticle("tokyo", "日本の首都は東京です", "", libDay(1)),
		libArticle("mideast", "中東情勢", "Straße gesperrt in München.", libDay(2)),
		libArticle("kyoto", "京都の秋", "", libDay(3)),
		libArticle("seoul", "서울특별시 소식", "", libDay(4)),
	)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"首都", []string{"日本の首都は東京です"}},
		{"首都 東京", []string{"日本の首都は東京です"}},
		{"東京で", []string{"日本の首都は東京です"}}, // the run as a phrase
		{"東京都", nil},             // 東京 and 京都 are both about, but not as one run
		{"京都", []string{"京都の秋"}}, // not inside 東京です
		{"東", []string{"中東情勢", "日本の首都は東京です"}}, // a run ending in it, one starting with it
		{"て", nil}, // で is not て
		{"です", []string{"日本の首都は東京です"}},
		{"특별", []string{"서울특별시 소식"}},
		{"strasse", []string{"中東情勢"}},
		{"STRASSE", []string{"中東情勢"}},
		{`"strasse gesperrt"`, []string{"中東情勢"}},
	} {
		got := libHeadlines(lib.Search(query.Parse(tt.q+" "), SearchOptions{}).Articles())
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q found %q, want %q", tt.q, got, tt.want)
		}
	}
}
