package store

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/text"
	"golang.org/x/text/unicode/norm"
)

// libArticle builds an article by hand; key makes its ID.
func libArticle(key, headline, body string, date time.Time) *article.Article {
	return &article.Article{ID: article.IDOf([]byte(key)), Headline: headline, Body: body, Date: date}
}

func libUndated(key, headline, body string) *article.Article {
	return &article.Article{ID: article.IDOf([]byte(key)), Headline: headline, Body: body, Undated: true}
}

func libDay(d int) time.Time { return time.Date(2024, time.November, d, 12, 0, 0, 0, time.UTC) }

// libHeadlines lists the headlines of a result, which is what a failure
// message should show.
func libHeadlines(as []*article.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Headline
	}
	return out
}

func libIDs(as []*article.Article) []article.ID {
	out := make([]article.ID, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

// libSearchCorpus is the hand-made corpus of TestSearch, by key.
func libSearchCorpus() map[string]*article.Article {
	return map[string]*article.Article{
		"qatar":   libArticle("qatar", "Qatar urged to expel Hamas", "Talks in Doha stalled.", libDay(16)),
		"munchen": libArticle("munchen", "München hosts the Café summit", "Leaders met in Zürich before.", libDay(15)),
		"edwards": libArticle("edwards", "Edwards wins the vote", "John Edwards spoke.", libDay(14)),
		"warfare": libArticle("warfare", "Warfare doctrine changes", "Generals revised plans.", libDay(13)),
		"antiwar": libArticle("antiwar", "Anti-war march", "Thousands walked.", libDay(12)),
		"g7":      libArticle("g7", "G7 leaders meet in 2024", "COVID-19 recovery on the agenda.", libDay(11)),
		"upper":   libUndated("upper", "MUNCHEN TRAFFIC", "Jams again."),
		"cafe":    libUndated("cafe", "Cafe culture", "Cafe\u0301 society, decomposed."),
	}
}

// libSearchOrder is the whole corpus newest first, undated last by
// headline.
var libSearchOrder = []string{"qatar", "munchen", "edwards", "warfare", "antiwar", "g7", "cafe", "upper"}

func TestSearch(t *testing.T) {
	corpus := libSearchCorpus()
	lib := NewLibrary()
	for _, k := range []string{"g7", "upper", "qatar", "cafe", "edwards", "antiwar", "munchen", "warfare"} {
		lib.Add(corpus[k])
	}
	only := func(keys ...string) func(article.ID) bool {
		return func(id article.ID) bool {
			for _, k := range keys {
				if corpus[k].ID == id {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		name, query string
		only        func(article.ID) bool
		want        []string
	}{
		{name: "empty query is everything", query: "", want: libSearchOrder},
		{name: "blank query is everything", query: "   ", want: libSearchOrder},
		{name: "punctuation only is everything", query: " ,;.- ", want: libSearchOrder},
		{name: "whole word", query: "qatar", want: []string{"qatar"}},
		{name: "case", query: "QATAR", want: []string{"qatar"}},
		{name: "mixed case", query: "qAtAr", want: []string{"qatar"}},
		{name: "last word is a prefix", query: "qat", want: []string{"qatar"}},
		{name: "prefix on last of two", query: "qatar hama", want: []string{"qatar"}},
		{name: "non-last word is whole", query: "hama qatar", want: nil},
		{name: "two whole words", query: "qatar hamas", want: []string{"qatar"}},
		{name: "punctuation around words", query: "“Qatar”, hamas.", want: []string{"qatar"}},
		{name: "accent-free finds accented", query: "munchen", want: []string{"munchen", "upper"}},
		{name: "accented finds accent-free", query: "MÜNCHEN", want: []string{"munchen", "upper"}},
		{name: "decomposed query", query: "Mu\u0308nchen", want: []string{"munchen", "upper"}},
		{name: "accented prefix", query: "mün", want: []string{"munchen", "upper"}},
		{name: "cafe finds café and decomposed", query: "cafe", want: []string{"munchen", "cafe"}},
		{name: "café finds cafe", query: "café", want: []string{"munchen", "cafe"}},
		{name: "body word", query: "zurich", want: []string{"munchen"}},
		{name: "accented body prefix", query: "ZÜR", want: []string{"munchen"}},
		{name: "AND across headline and body", query: "doha expel", want: []string{"qatar"}},
		{name: "AND in either order", query: "expel doha", want: []string{"qatar"}},
		{name: "AND excludes", query: "qatar edwards", want: nil},
		{name: "war is not inside Edwards", query: "war", want: []string{"warfare", "antiwar"}},
		{name: "war as non-last is whole", query: "war march", want: []string{"antiwar"}},
		{name: "war as non-last does not match warfare", query: "war doctrine", want: nil},
		{name: "no match inside a word", query: "wards", want: nil},
		{name: "edwards", query: "edwards", want: []string{"edwards"}},
		{name: "year", query: "2024", want: []string{"g7"}},
		{name: "digit prefix", query: "20", want: []string{"g7"}},
		{name: "letters and digits", query: "g7", want: []string{"g7"}},
		{name: "hyphen splits words", query: "covid 19", want: []string{"g7"}},
		{name: "digits are whole when not last", query: "1 covid", want: nil},
		{name: "unknown word", query: "xyzzy", want: nil},
		{name: "unknown non-last word", query: "xyzzy qatar", want: nil},
		{name: "repeated word", query: "qatar qatar", want: []string{"qatar"}},
		{name: "only, empty query", query: "", only: only("qatar", "edwards"), want: []string{"qatar", "edwards"}},
		{name: "only with words", query: "war", only: only("antiwar", "qatar"), want: []string{"antiwar"}},
		{name: "only accepting nothing", query: "", only: only(), want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := lib.Search(query.Parse(tt.query), SearchOptions{Only: tt.only})
			var want []*article.Article
			for _, k := range tt.want {
				want = append(want, corpus[k])
			}
			if !slices.Equal(libIDs(res.Articles()), libIDs(want)) {
				t.Errorf("Search(%q) = %q, want %q", tt.query, libHeadlines(res.Articles()), libHeadlines(want))
			}
			if res.Total != len(corpus) {
				t.Errorf("Total = %d, want %d", res.Total, len(corpus))
			}
		})
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"Qatar HAMA", []string{"qatar", "hama"}},
		{"München, Zürich", []string{"munchen", "zurich"}},
		{"Mu\u0308nchen", []string{"munchen"}},
		{"COVID-19 g7", []string{"covid", "19", "g7"}},
		{"Hamas's", []string{"hamas", "s"}},
		{"naïve café", []string{"naive", "cafe"}},
	}
	for _, tt := range tests {
		q := query.Parse(tt.in)
		if !slices.Equal(q.Words, tt.want) || q.Raw != tt.in {
			t.Errorf("query.Parse(%q) = %q (raw %q), want %q", tt.in, q.Words, q.Raw, tt.want)
		}
		if q.Empty() != (len(tt.want) == 0) {
			t.Errorf("query.Parse(%q).Empty() = %v", tt.in, q.Empty())
		}
	}
}

func TestLibraryOrder(t *testing.T) {
	// Sorted by hand: newest first, then headline, then ID; undated last.
	idLow, idHigh := article.ID{0x01}, article.ID{0xfe}
	want := []*article.Article{
		{ID: article.ID{0x50}, Headline: "Zeta", Date: libDay(20)},
		{ID: article.ID{0x60}, Headline: "Alpha", Date: libDay(19)},
		{ID: idLow, Headline: "Beta", Date: libDay(19)},
		{ID: idHigh, Headline: "Beta", Date: libDay(19)},
		// Same instant in another zone is the same date.
		{ID: article.ID{0x02}, Headline: "Gamma", Date: libDay(19).In(time.FixedZone("X", 3600))},
		{ID: article.ID{0x70}, Headline: "Old", Date: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: article.ID{0x80}, Headline: "A undated", Undated: true},
		{ID: article.ID{0x03}, Headline: "B undated", Undated: true},
		{ID: article.ID{0x90}, Headline: "B undated", Undated: true},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		shuffled := slices.Clone(want)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		lib := NewLibrary()
		// Batches of varying size, so merging is exercised as well as
		// sorting within a batch.
		for len(shuffled) > 0 {
			n := 1 + rng.IntN(len(shuffled))
			lib.Add(shuffled[:n]...)
			shuffled = shuffled[n:]
		}
		got := lib.Search(query.Query{}, SearchOptions{}).Articles()
		if !slices.Equal(libIDs(got), libIDs(want)) {
			t.Fatalf("round %d: order %q, want %q", round, libHeadlines(got), libHeadlines(want))
		}
	}
}

func TestLibraryDedup(t *testing.T) {
	a := libArticle("same bytes", "Once only", "text", libDay(1))
	b := libArticle("other bytes", "Another", "text", libDay(2))
	lib := NewLibrary()
	lib.Add(a, a)
	lib.Add(a)
	copyOfA := *a
	copyOfA.Path = "elsewhere/copy.txt"
	lib.Add(&copyOfA, b)
	if lib.Len() != 2 {
		t.Errorf("Len = %d, want 2", lib.Len())
	}
	res := lib.Search(query.Query{}, SearchOptions{})
	if !slices.Equal(libIDs(res.Articles()), []article.ID{b.ID, a.ID}) || res.Total != 2 {
		t.Errorf("Search = %q (total %d), want each once", libHeadlines(res.Articles()), res.Total)
	}
	if got, ok := lib.Get(a.ID); !ok || got != a {
		t.Errorf("Get kept %v, want the first copy added", got)
	}
	if res := lib.Search(query.Parse("once"), SearchOptions{}); len(res.Articles()) != 1 {
		t.Errorf("Search(once) found %d", len(res.Articles()))
	}
}

func TestLibraryGet(t *testing.T) {
	a := libArticle("a", "A", "", libDay(1))
	lib := NewLibrary()
	if _, ok := lib.Get(a.ID); ok {
		t.Error("Get found an article in an empty library")
	}
	lib.Add(a)
	if got, ok := lib.Get(a.ID); !ok || got != a {
		t.Errorf("Get = %v, %v", got, ok)
	}
	if _, ok := lib.Get(article.IDOf([]byte("b"))); ok {
		t.Error("Get found a missing ID")
	}
}

func TestLibraryResolve(t *testing.T) {
	// Two IDs share their first hex digit (and only it).
	a1 := &article.Article{ID: article.ID{0xa1, 0x11}, Headline: "a1"}
	a2 := &article.Article{ID: article.ID{0xa2, 0x22}, Headline: "a2"}
	c := &article.Article{ID: article.IDOf([]byte("c")), Headline: "c"}
	if c.ID.String()[0] == 'a' {
		t.Fatal("fixture: c's article.ID must not start with a")
	}
	lib := NewLibrary()
	lib.Add(a1, a2, c)
	tests := []struct {
		prefix string
		want   *article.Article
		err    error
	}{
		{prefix: "a1", want: a1},
		{prefix: "A1", want: a1},
		{prefix: "a2", want: a2},
		{prefix: "a211", want: nil, err: article.ErrNotFound},
		{prefix: "a222", want: a2},
		{prefix: a1.ID.String(), want: a1},
		{prefix: strings.ToUpper(a2.ID.String()), want: a2},
		{prefix: c.ID.String(), want: c},
		{prefix: c.ID.Short(), want: c},
		{prefix: c.ID.String()[:1], want: c},
		{prefix: "a", err: article.ErrAmbiguous},
		{prefix: "A", err: article.ErrAmbiguous},
		{prefix: "", err: article.ErrNotFound},
		{prefix: "a1x", err: article.ErrNotFound},
		{prefix: "zz", err: article.ErrNotFound},
		{prefix: " a1", err: article.ErrNotFound},
		{prefix: "\x1b[31m", err: article.ErrNotFound},
		{prefix: c.ID.String() + "0", err: article.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := lib.Resolve(tt.prefix)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("Resolve(%q) = %v, %v; want %v", tt.prefix, got, err, tt.err)
			} else if strings.ContainsRune(err.Error(), '\x1b') {
				t.Errorf("Resolve(%q) error %q holds a control character", tt.prefix, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q) = %v, %v; want %q", tt.prefix, got, err, tt.want.Headline)
		}
	}
	if _, err := NewLibrary().Resolve("a"); !errors.Is(err, article.ErrNotFound) {
		t.Errorf("Resolve in an empty library = %v", err)
	}
}

func TestHighlights(t *testing.T) {
	tests := []struct {
		query, s string
		want     []string // the highlighted text, in order
	}{
		{"", "Qatar war", nil},
		{"qatar", "Nothing to see", nil},
		{"war", "Edwards wages war; warfare ends", []string{"war", "warfare"}},
		{"war edwards", "Edwards wages war; warfare ends", []string{"Edwards", "war"}},
		{"war edw", "Edwards wages war; warfare ends", []string{"Edwards", "war"}},
		{"qat", "US pressures Qatar to expel Hamas", []string{"Qatar"}},
		{"qatar hama", "US pressures Qatar to expel Hamas", []string{"Qatar", "Hamas"}},
		{"hama qatar", "US pressures Qatar to expel Hamas", []string{"Qatar"}},
		{"munchen caf", "München: Café and cafeteria", []string{"München", "Café", "cafeteria"}},
		{"MÜN", "Mu\u0308nchen streets", []string{"Mu\u0308nchen"}},
		{"zurich", "ZÜRICH, Zürich and zurich", []string{"ZÜRICH", "Zürich", "zurich"}},
		{"20", "G7 in 2024, 19 and 20", []string{"2024", "20"}},
		{"g7 20", "G7 in 2024, 19 and 20", []string{"G7", "2024", "20"}},
	}
	for _, tt := range tests {
		spans := query.Parse(tt.query).Highlights(tt.s)
		var got []string
		prev := -1
		for _, sp := range spans {
			if sp[0] < prev || sp[0] >= sp[1] || sp[1] > len(tt.s) {
				t.Errorf("Highlights(%q, %q): bad span %v in %v", tt.query, tt.s, sp, spans)
				break
			}
			prev = sp[1]
			got = append(got, tt.s[sp[0]:sp[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Highlights(%q, %q) = %q, want %q", tt.query, tt.s, got, tt.want)
		}
	}
}

// TestSearchConcurrent searches while batches are added, for the race
// detector: searches share the read lock and rebuild the prefix dictionary.
func TestSearchConcurrent(t *testing.T) {
	lib := NewLibrary()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			queries := []string{"wor", "word1", "word2 wo", "w", ""}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				res := lib.Search(query.Parse(queries[(i+g)%len(queries)]), SearchOptions{})
				if len(res.Articles()) > res.Total {
					t.Errorf("%d results out of %d", len(res.Articles()), res.Total)
					return
				}
			}
		}()
	}
	for b := range 50 {
		batch := make([]*article.Article, 0, 20)
		for i := range 20 {
			n := b*20 + i
			batch = append(batch, libArticle(fmt.Sprint(n), fmt.Sprintf("word%d headline", n%7), fmt.Sprintf("body word%d", n), libDay(1+n%28)))
		}
		lib.Add(batch...)
	}
	close(stop)
	wg.Wait()
	if got := len(lib.Search(query.Parse("word"), SearchOptions{}).Articles()); got != 1000 {
		t.Errorf("Search(word) found %d, want 1000", got)
	}
}

// ---- the property test ------------------------------------------------------

// bruteSearch is the filter by definition: dedup by ID keeping the first,
// test every article against every group of the query, then sort. texts
// caches each article's words, which do not change.
func bruteSearch(all []*article.Article, texts map[*article.Article]*bruteText, query string) []article.ID {
	groups := bruteGroups(query)
	seen := map[article.ID]bool{}
	var hits []*article.Article
	for _, a := range all {
		if seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		d, ok := texts[a]
		if !ok {
			d = newBruteText(a)
			texts[a] = d
		}
		ok = true
		for i, g := range groups {
			if !d.has(g, i == len(groups)-1, false) {
				ok = false
				break
			}
		}
		if ok {
			hits = append(hits, a)
		}
	}
	slices.SortFunc(hits, func(a, b *article.Article) int {
		if a.Undated != b.Undated {
			if a.Undated {
				return 1
			}
			return -1
		}
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Headline, b.Headline); c != 0 {
			return c
		}
		return cmp.Compare(a.ID.String(), b.ID.String())
	})
	return libIDs(hits)
}

// bruteHighlights gives the spans of the words matching any query word,
// overlapping spans (a CJK run's bigrams) joined into one.
func bruteHighlights(query string, toks []bruteToken) [][2]int {
	var q []string
	for _, g := range bruteGroups(query) {
		q = append(q, g...)
	}
	var out [][2]int
	for _, tok := range toks {
		for i := range q {
			if tok.folded == q[i] || i == len(q)-1 && strings.HasPrefix(tok.folded, q[i]) {
				if n := len(out); n > 0 && tok.span[0] < out[n-1][1] {
					out[n-1][1] = max(out[n-1][1], tok.span[1])
				} else {
					out = append(out, tok.span)
				}
				break
			}
		}
	}
	return out
}

// propVocab shares prefixes and accents on purpose.
var propVocab = []string{
	"qatar", "Qatar", "QATAR", "hamas", "Hamas", "hama", "hamster", "ham",
	"war", "warfare", "wars", "Edwards", "edward", "award", "reward",
	"München", "munchen", "MÜNCHEN", "Mu\u0308nchen", "Munch",
	"café", "cafe", "Café", "cafeteria", "Cafe\u0301",
	"Zürich", "zurich", "zur", "zu", "Zug",
	"naïve", "naive", "résumé", "resume", "Straße", "strasse",
	"İstanbul", "istanbul", "Αθήνα", "αθηνα", "Ωμέγα",
	"a", "an", "and", "andes", "Anderson",
	"2024", "2023", "20", "202", "g7", "G7", "G20", "covid", "19", "x1",
	// CJK runs: bigrams, a character at a run's end, and kana whose
	// voicing marks are letters.
	"東京", "京都", "東京都", "日本の首都", "首都", "東", "都", "です", "て", "で", "ガイド", "カイト", "서울", "특별시",
}

var propSeparators = []string{" ", " ", " ", ", ", "-", ". ", "'", "\n", " — ", "/", "(", ") ", "…"}

func propText(rng *rand.Rand, min, max int) string {
	n := min + rng.IntN(max-min+1)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(propSeparators[rng.IntN(len(propSeparators))])
		}
		b.WriteString(propVocab[rng.IntN(len(propVocab))])
	}
	return b.String()
}

// propQueryWord is a whole word, a prefix, a case or accent variant, or a
// word no article has.
func propQueryWord(rng *rand.Rand) string {
	w := propVocab[rng.IntN(len(propVocab))]
	switch rng.IntN(6) {
	case 0: // as is
	case 1: // a prefix, cut between runes
		runes := []rune(w)
		w = string(runes[:1+rng.IntN(len(runes))])
	case 2:
		w = strings.ToUpper(w)
	case 3: // random case per rune
		runes := []rune(w)
		for i, r := range runes {
			if rng.IntN(2) == 0 {
				runes[i] = unicode.ToUpper(r)
			}
		}
		w = string(runes)
	case 4: // decomposed or composed
		if rng.IntN(2) == 0 {
			w = norm.NFD.String(w)
		} else {
			w = norm.NFC.String(w)
		}
	case 5:
		w = []string{"xyz", "qz", "zzz", "hamasx", "warf1", "ü", "é", "0", "cafés"}[rng.IntN(9)]
	}
	return w
}

func propQuery(rng *rand.Rand) string {
	if rng.IntN(40) == 0 {
		return []string{"", " ", "--"}[rng.IntN(3)]
	}
	n := 1 + rng.IntN(3)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString([]string{" ", "  ", ", ", " - "}[rng.IntN(4)])
		}
		b.WriteString(propQueryWord(rng))
	}
	if rng.IntN(5) == 0 {
		b.WriteString(" ") // a trailing space does not end the last word
	}
	return b.String()
}

func TestSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(20241116, 2049))
	all := propArticles(rng, 500)

	lib := NewLibrary()
	cache := map[*article.Article]*bruteText{}
	added := 0
	queries, nonEmpty := 0, 0
	check := func(typed string) {
		t.Helper()
		queries++
		got := libIDs(lib.Search(query.Parse(typed), SearchOptions{}).Articles())
		want := bruteSearch(all[:added], cache, typed)
		if len(want) > 0 {
			nonEmpty++
		}
		if !slices.Equal(got, want) {
			t.Fatalf("after %d articles, Search(%q): %d results, brute force %d\ngot  %s\nwant %s",
				added, typed, len(got), len(want), libShortIDs(got), libShortIDs(want))
		}
	}
	// Add in batches of varying size, searching in between so that the
	// index and the merged order are checked as they grow.
	for added < len(all) {
		n := min(len(all)-added, 1+rng.IntN(80))
		lib.Add(all[added : added+n]...)
		added += n
		for range 40 {
			check(propQuery(rng))
		}
	}
	for queries < 2000 {
		check(propQuery(rng))
	}
	// Guard the generator: most queries should find something.
	if nonEmpty < queries/3 {
		t.Errorf("only %d of %d queries found anything", nonEmpty, queries)
	}
	if want := len(bruteSearch(all, cache, "")); lib.Len() != want {
		t.Errorf("Len = %d, want %d distinct", lib.Len(), want)
	}

	// Highlights against the brute force, on some headlines and bodies.
	var texts []string
	for _, a := range all[:50] {
		texts = append(texts, a.Headline, a.Body)
	}
	toks := make([][]bruteToken, len(texts))
	for i, s := range texts {
		toks[i] = bruteTokens(s)
	}
	for range 300 {
		typed := propQuery(rng)
		q := query.Parse(typed)
		for i, s := range texts {
			got, want := q.Highlights(s), bruteHighlights(typed, toks[i])
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !slices.Equal(got, want) {
				t.Fatalf("Highlights(%q, %q) = %v, want %v", typed, s, got, want)
			}
		}
	}
}

// propArticles makes n articles of the property tests' vocabulary, a
// twentieth with an identical copy, shuffled.
func propArticles(rng *rand.Rand, n int) []*article.Article {
	dates := make([]time.Time, 12)
	for i := range dates {
		dates[i] = time.Date(2024, time.Month(1+i%12), 1+i, 8, 0, 0, 0, time.UTC)
	}
	var all []*article.Article
	for i := range n {
		a := &article.Article{
			ID:       article.IDOf(fmt.Appendf(nil, "article %d", i)),
			Headline: propText(rng, 1, 3), // short, so headlines tie
			Body:     propText(rng, 0, 25),
		}
		if rng.IntN(10) == 0 {
			a.Undated = true
		} else {
			a.Date = dates[rng.IntN(len(dates))]
		}
		all = append(all, a)
		if rng.IntN(20) == 0 { // an identical copy, later in the load
			dup := *a
			all = append(all, &dup)
		}
	}
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all
}

func libShortIDs(ids []article.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()[:6]
	}
	return strings.Join(s, " ")
}

func TestFoldAgreesWithBruteForce(t *testing.T) {
	for _, w := range propVocab {
		for _, v := range []string{w, strings.ToUpper(w), norm.NFD.String(w), norm.NFC.String(w)} {
			if got, want := text.Fold(v), bruteFold(v); got != want {
				t.Errorf("Fold(%q) = %q, want %q", v, got, want)
			}
			if got, want := text.Words(v), bruteWords(v); !slices.Equal(got, want) {
				t.Errorf("Words(%q) = %q, want %q", v, got, want)
			}
		}
	}
}
