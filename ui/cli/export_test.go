package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	"gopkg.in/yaml.v3"
)

// exportCorpus is corpus with articles that carry every field: a
// markdown note with author, description, tags and a source, a dataset
// record with a site, headline-first text dated by its file, and the
// user's tags and notes in data.
func exportCorpus(t *testing.T) (dir, data string) {
	t.Helper()
	dir, data = corpus(t), t.TempDir()
	err := testcorpus.WriteFiles(dir, map[string]string{
		"clips/note.md": "---\ntitle: 'Talks & \"quotes\": a note'\ndate: 2024-11-12T08:15:30.25Z\nauthor: Smith,John\n" +
			"description: What the talks came to.\nsource: https://news.example/a?b=1&c=2\ntags: [gaza, Middle East]\n---\n\n" +
			"# Not the title\n\nSome *markdown* with a [link](https://x.example) and a list:\n\n- one\n- two\n",
		"wire.jsonl": `{"title": "Wire story", "author": "Ann Lee", "site": "The Wire", "url": "https://wire.example/1", "tags": ["gaza", "talks"], "date": "2024-11-13 10:00", "text": "Wire text."}` + "\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := testcorpus.WriteFile(filepath.Join(dir, "clips/head.txt"), "Headline first\n\nThen a paragraph.\n\n2024-01-02 looks like a date.\n",
		time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	lib := loadLib(t, dir)
	tags, err := state.OpenTags(data)
	if err != nil {
		t.Fatal(err)
	}
	notes, err := state.OpenNotes(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all(lib) {
		switch {
		case strings.HasPrefix(a.Headline, "Talks"):
			must(t, tags.Set(state.RefOf(a), []string{"to read", "gaza"}, nil))
			must(t, notes.Set(state.RefOf(a), "Ask about Doha.\n\nAnd: the \"deal\" & more."))
		case a.Headline == "Wire story":
			must(t, notes.Set(state.RefOf(a), "one line"))
		}
	}
	return dir, data
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// loadLib loads paths as list does.
func loadLib(t *testing.T, paths ...string) *store.Library {
	t.Helper()
	lib, err := (&app{stderr: io.Discard}).load(paths)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// all is every article of lib with its body.
func all(lib *store.Library) []*article.Article {
	var out []*article.Article
	for _, a := range lib.Search(query.Query{}, store.SearchOptions{}).Articles() {
		full, err := lib.Open(a)
		if err != nil {
			panic(err)
		}
		out = append(out, full)
	}
	return out
}

// source is what an exported article must come back as: the article
// with its own tags and the user's as one set, and the user's note.
type source struct {
	a    *article.Article
	tags []string
	note string
}

func sources(t *testing.T, dir, data string) map[article.ID]source {
	t.Helper()
	lib := loadLib(t, dir)
	tags, _ := state.OpenTags(data)
	notes, _ := state.OpenNotes(data)
	out := map[article.ID]source{}
	for _, a := range all(lib) {
		out[a.ID] = source{a, articleTags(a, tags.Of), notes.Of(a.ID)}
	}
	if len(out) != 6 {
		t.Fatalf("the corpus has %d articles, want 6", len(out))
	}
	return out
}

// sameArticle compares what the store read back with its source, on
// every field an export carries.
func sameArticle(t *testing.T, got *article.Article, want source) {
	t.Helper()
	w := want.a
	if got.Headline != w.Headline || !got.Date.Equal(w.Date) || got.Undated != w.Undated || got.Source != w.Source ||
		got.Author != w.Author || got.Body != w.Body || !slices.Equal(got.Tags, want.tags) {
		t.Errorf("read back as\n%q %v undated=%v src=%q by=%q tags=%q\nbody %q\nwant\n%q %v undated=%v src=%q by=%q tags=%q\nbody %q",
			got.Headline, got.Date, got.Undated, got.Source, got.Author, got.Tags, got.Body,
			w.Headline, w.Date, w.Undated, w.Source, w.Author, want.tags, w.Body)
	}
}

func TestExportMarkdownReadsBack(t *testing.T) {
	dir, data := exportCorpus(t)
	want := sources(t, dir, data)
	out := filepath.Join(t.TempDir(), "md")
	if _, errOut, code := runCLI(t, "export", "--format", "markdown", "-o", out, "--data-dir", data, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := all(loadLib(t, out))
	if len(got) != len(want) {
		t.Fatalf("%d articles read back, want %d", len(got), len(want))
	}
	seen := map[article.ID]bool{}
	for _, g := range got {
		// The file is named slug-ID.md, the ID its source's first digits.
		base := strings.TrimSuffix(filepath.Base(g.Path), ".md")
		var src source
		for id, s := range want {
			if strings.HasSuffix(base, "-"+id.Short()) {
				src, seen[id] = s, true
			}
		}
		if src.a == nil {
			t.Errorf("%s names no source article", g.Path)
			continue
		}
		sameArticle(t, g, src)
		if g.Excerpt != src.a.Excerpt && src.a.Format == article.FormatMarkdown {
			t.Errorf("%s: excerpt %q, want %q", g.Path, g.Excerpt, src.a.Excerpt)
		}
		// Note and site are in the front matter for other tools.
		raw, err := os.ReadFile(g.Path)
		must(t, err)
		fm := strings.SplitN(string(raw), "---\n", 3)
		var meta struct{ Note, Site string }
		if err := yaml.Unmarshal([]byte(fm[1]), &meta); err != nil || meta.Note != src.note || meta.Site != src.a.Site {
			t.Errorf("%s: front matter note %q site %q (%v), want %q %q", g.Path, meta.Note, meta.Site, err, src.note, src.a.Site)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d of %d sources exported", len(seen), len(want))
	}
}

func TestExportJSONLReadsBack(t *testing.T) {
	dir, data := exportCorpus(t)
	want := sources(t, dir, data)
	out := filepath.Join(t.TempDir(), "all.jsonl")
	if _, errOut, code := runCLI(t, "export", "--format", "jsonl", "-o", out, "--data-dir", data, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	raw, err := os.ReadFile(out)
	must(t, err)
	// Each line's record, by where the line starts.
	records := map[int64]map[string]any{}
	var offset int64
	for _, line := range bytes.SplitAfter(raw, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var rec map[string]any
		must(t, json.Unmarshal(line, &rec))
		records[offset] = rec
		offset += int64(len(line))
	}
	got := all(loadLib(t, out))
	if len(got) != len(want) || len(records) != len(want) {
		t.Fatalf("%d articles and %d records read back, want %d", len(got), len(records), len(want))
	}
	for _, g := range got {
		rec := records[g.Loc.Offset]
		id, _ := article.ParseID(rec["id"].(string))
		src, ok := want[id]
		if !ok {
			t.Errorf("record at %d has id %v, no source's", g.Loc.Offset, rec["id"])
			continue
		}
		sameArticle(t, g, src)
		if g.Site != src.a.Site {
			t.Errorf("%s: site %q, want %q", src.a.Path, g.Site, src.a.Site)
		}
		note, _ := rec["note"].(string)
		excerpt, _ := rec["excerpt"].(string)
		if note != src.note || excerpt != src.a.Excerpt || rec["path"] != src.a.Path || rec["format"] != src.a.Format ||
			rec["words"] != float64(src.a.Words) || rec["date_from_file"] == nil != !src.a.DateFromFile {
			t.Errorf("%s: record %v", src.a.Path, rec)
		}
	}
}

// TestExportEPUBHostile exports the hostile corpus, with a hostile note
// and tag, and epubcheck accepts the book.
func TestExportEPUBHostile(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	good, _, err := testcorpus.Hostile(dir)
	must(t, err)
	lib := loadLib(t, dir)
	notes, err := state.OpenNotes(data)
	must(t, err)
	tags, err := state.OpenTags(data)
	must(t, err)
	nasty := "\x1b]52;c;cHduZWQ=\a ]]> <script>alert(1)</script> &#27; &nbsp; \xff\xfe \u202e"
	for _, a := range all(lib)[:3] {
		must(t, notes.Set(state.RefOf(a), "note "+nasty+"\n\n"+nasty))
		must(t, tags.Set(state.RefOf(a), []string{"odd ]]> <b>"}, nil))
	}
	out := filepath.Join(t.TempDir(), "hostile.epub")
	_, errOut, code := runCLI(t, "export", "--format", "epub", "-o", out, "--title", "Hostile "+nasty, "--data-dir", data, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	book, err := os.ReadFile(out)
	must(t, err)
	files := bookFiles(t, book)
	if n := strings.Count(files["OEBPS/nav.xhtml"], "<li>"); n < len(good) {
		t.Errorf("the contents list %d chapters, want at least the %d good articles", n, len(good))
	}
	testcorpus.EPUBCheck(t, out)
}

// bookFiles are the files of the EPUB book, each checked as XML where
// it is XML.
func bookFiles(t *testing.T, book []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	must(t, err)
	files := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(r)
		must(t, err)
		files[f.Name] = string(b)
		if strings.HasSuffix(f.Name, "css") || f.Name == "mimetype" {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	return files
}

// TestExportChooses: --tag (own tags and the user's), --bookmarked and
// --filter choose the articles, together.
func TestExportChooses(t *testing.T) {
	dir, data := exportCorpus(t)
	headlines := func(args ...string) []string {
		t.Helper()
		out, errOut, code := runCLI(t, append([]string{"export", "--format", "jsonl", "-o", "-", "--data-dir", data, dir}, args...)...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errOut)
		}
		var hs []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var r struct{ Headline string }
			must(t, json.Unmarshal([]byte(line), &r))
			hs = append(hs, r.Headline)
		}
		slices.Sort(hs)
		return hs
	}
	note := `Talks & "quotes": a note`
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"--tag", "gaza"}, []string{note, "Wire story"}},             // own tags, both
		{[]string{"--tag", "To-Read"}, []string{note}},                        // the user's, as tag: folds it
		{[]string{"--tag", "gaza", "--tag", "talks"}, []string{"Wire story"}}, // all of them
		{[]string{"--tag", "gaza", "-f", "wir"}, []string{"Wire story"}},      // and the filter, its last word a prefix
		{[]string{"--tag", "gaza", "-f", "wire OR doha"}, []string{"Wire story"}},
		{[]string{"-f", "note:doha"}, []string{note}},
	} {
		if got := headlines(c.args...); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.args, got, c.want)
		}
	}
	out, _, _ := runCLI(t, "list", "-f", "edwards", dir)
	_, errOut, code := runCLI(t, "bookmark", "add", strings.Split(out, "\t")[0], "--in", dir, "--data-dir", data)
	if code != 0 {
		t.Fatal(errOut)
	}
	if got := headlines("--bookmarked"); !slices.Equal(got, []string{"Edwards wins the county fair pie contest"}) {
		t.Errorf("--bookmarked: %q", got)
	}
}

// TestExportOutput: an output is never replaced without --force; with
// it, a failed export leaves the old one; nothing to export, a bad
// format or a write that fails is an error.
func TestExportOutput(t *testing.T) {
	dir, data := exportCorpus(t)
	tmp := t.TempDir()
	run := func(args ...string) (string, int) {
		_, errOut, code := runCLI(t, append([]string{"export", "--data-dir", data, dir}, args...)...)
		return errOut, code
	}
	book := filepath.Join(tmp, "b.epub")
	must(t, os.WriteFile(book, []byte("old"), 0o644))
	if errOut, code := run("--format", "epub", "-o", book); code != 1 || !strings.Contains(errOut, "already exists: give --force") {
		t.Errorf("over an existing file: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(book); string(b) != "old" {
		t.Errorf("the old file was changed without --force")
	}
	if errOut, code := run("--format", "epub", "-o", book, "--force"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(book); !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("--force did not replace the file")
	}
	md := filepath.Join(tmp, "md")
	if errOut, code := run("--format", "markdown", "-o", md); code != 0 {
		t.Fatalf("markdown: exit %d: %s", code, errOut)
	}
	first, _ := os.ReadDir(md)
	if errOut, code := run("--format", "markdown", "-o", md, "--filter", "edwards", "--force"); code != 0 {
		t.Fatalf("markdown --force: exit %d: %s", code, errOut)
	}
	if again, _ := os.ReadDir(md); len(first) != 6 || len(again) != 1 {
		t.Errorf("markdown --force: %d files, then %d: want 6, then 1", len(first), len(again))
	}
	// A folder holding more than an export's files is not replaced.
	must(t, os.WriteFile(filepath.Join(md, "keep.txt"), []byte("mine"), 0o644))
	if errOut, code := run("--format", "markdown", "-o", md, "--force"); code != 1 || !strings.Contains(errOut, "keep.txt") {
		t.Errorf("a folder with other files: exit %d: %s", code, errOut)
	}
	// A failed export (an unreadable article) leaves the old output.
	if os.Getuid() != 0 {
		victim := filepath.Join(dir, "2024/10/pie.txt")
		must(t, os.Chmod(victim, 0))
		if errOut, code := run("--format", "epub", "-o", book, "--force", "--check-files"); code != 1 {
			t.Errorf("an article that cannot be read: exit %d: %s", code, errOut)
		}
		must(t, os.Chmod(victim, 0o644))
	}
	names, _ := os.ReadDir(tmp)
	for _, n := range names {
		if strings.HasPrefix(n.Name(), ".") {
			t.Errorf("a temporary %s is left behind", n.Name())
		}
	}
	if errOut, code := run("--format", "jsonl", "-o", filepath.Join(tmp, "none.jsonl"), "-f", "nosuchwordanywhere"); code != 1 || !strings.Contains(errOut, "no articles to export") {
		t.Errorf("nothing to export: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(tmp, "none.jsonl")); err == nil {
		t.Errorf("an export of nothing wrote a file")
	}
	for _, args := range [][]string{{"--format", "pdf", "-o", book}, {"--format", "epub"}, {"--format", "markdown", "-o", "-"}} {
		if errOut, code := run(args...); code != 2 {
			t.Errorf("%q: exit %d, want 2: %s", args, code, errOut)
		}
	}
	// A write that fails is exit 1, with the reason.
	var errOut bytes.Buffer
	code := Run([]string{"export", "--format", "jsonl", "-o", "-", "--data-dir", data, dir}, failWriter{}, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "disk full") {
		t.Errorf("stdout that fails: exit %d: %s", code, errOut.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
