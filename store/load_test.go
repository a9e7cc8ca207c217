package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// loadWrite writes a file under dir, making its folders, with the given
// modification time when it is not zero.
func loadWrite(t *testing.T, dir, name, data string, mtime time.Time) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := testcorpus.WriteFile(p, data, mtime); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

// loadRun loads roots into a new library, failing the test if the load
// does not finish, and returns every progress report.
func loadRun(t *testing.T, ctx context.Context, roots []article.Root) (*Library, []Progress) {
	t.Helper()
	return loadRunLib(t, NewLibrary(), ctx, roots)
}

// loadRunLib is loadRun into lib.
func loadRunLib(t *testing.T, lib *Library, ctx context.Context, roots []article.Root) (*Library, []Progress) {
	t.Helper()
	var reports []Progress
	done := make(chan struct{})
	go func() {
		defer close(done)
		lib.Load(ctx, roots, func(p Progress) { reports = append(reports, p) })
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Load did not finish")
	}
	if len(reports) == 0 {
		t.Fatal("Load never called notify")
	}
	for i, p := range reports {
		if p.Final != (i == len(reports)-1) {
			t.Errorf("report %d of %d has Final %v", i+1, len(reports), p.Final)
		}
		if i > 0 {
			q := reports[i-1]
			if p.Found < q.Found || p.Done < q.Done || p.Skipped < q.Skipped || p.Dupes < q.Dupes || p.Loaded < q.Loaded {
				t.Errorf("progress went back: %+v after %+v", p, q)
			}
		}
	}
	return lib, reports
}

func loadByPath(lib *Library) map[string]*article.Article {
	m := map[string]*article.Article{}
	for _, a := range lib.Search(query.Query{}, SearchOptions{}).Articles() {
		m[a.Path] = a
	}
	return m
}

const (
	loadSeedQatar = "Saturday, November 16, 2024 08:49 PM\n" +
		"Qatar told to expel Hamas\n" +
		"First paragraph about Doha.\n" +
		"Second paragraph.\n"
	loadSeedOlder = "Tuesday, October 1, 2024 09:00 AM\n" +
		"An older story from October\n" +
		"Text of the older story.\n"
	loadSeedOutside = "Sunday, November 17, 2024 07:00 AM\n" +
		"A story kept outside the folder\n" +
		"Reached through a link.\n"
	loadMarkdown = "---\n" +
		"title: \"Notes from München\"\n" +
		"date: 2024-11-20T10:00:00Z\n" +
		"---\n\n" +
		"Some *markdown* text.\n"
	loadClipping = "A headline-first clipping\n\n" +
		"Its first paragraph,\nwrapped.\n\n" +
		"Its second paragraph.\n"
)

func TestLoad(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	clipTime := time.Date(2024, time.November, 18, 12, 0, 0, 0, time.UTC)

	qatar := loadWrite(t, root, "2024/11/qatar.txt", loadSeedQatar, time.Time{})
	older := loadWrite(t, root, "2024/10/older.txt", loadSeedOlder, time.Time{})
	notes := loadWrite(t, root, "2024/11/notes.md", loadMarkdown, time.Time{})
	clip := loadWrite(t, root, "clipping.txt", loadClipping, clipTime)
	copyPath := loadWrite(t, root, "copies/qatar-copy.txt", loadSeedQatar, time.Time{})
	loadWrite(t, root, ".hidden.txt", "Monday, November 25, 2024\nHidden file story\nText.\n", time.Time{})
	loadWrite(t, root, ".git/inside.txt", "Monday, November 25, 2024\nHidden folder story\nText.\n", time.Time{})
	empty := loadWrite(t, root, "2024/empty.txt", "", time.Time{})
	blob := loadWrite(t, root, "2024/blob", "\x00\x01\x02binary\x00\xff\xfe data", time.Time{})
	loadWrite(t, root, "2024/11/photo.jpg", "\xff\xd8\xff\xe0 not an article", time.Time{})
	docx := loadWrite(t, root, "2024/11/report.docx", "PK\x03\x04 a word processor's file", time.Time{})
	target := loadWrite(t, outside, "outside.dat", loadSeedOutside, time.Time{})
	link := filepath.Join(root, "link.txt")
	loadSymlink(t, target, link)
	// A link to a parent folder must not be followed, or the walk would
	// never end.
	loadSymlink(t, "../..", filepath.Join(root, "2024", "11", "up"))
	loadSymlink(t, "..", filepath.Join(root, "2024", "loop.txt"))

	roots, err := scan.OpenRoots([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	lib, reports := loadRun(t, context.Background(), roots)

	// Found: four articles, a copy, the empty file, the binary one, the
	// document in a format broadsheet does not read (reported), and
	// and the link to a file; the links to folders are not files.
	final := reports[len(reports)-1]
	want := Progress{Found: 9, Done: 9, Read: 8, Skipped: 3, Ignored: 1, Dupes: 1, Loaded: 5, Searchable: true, Final: true}
	if final != want {
		t.Errorf("final progress %+v, want %+v", final, want)
	}
	if final.Loaded+final.Dupes+final.Skipped != final.Done {
		t.Errorf("final progress does not add up: %+v", final)
	}
	if lib.Len() != 5 {
		t.Errorf("Len = %d, want 5", lib.Len())
	}

	got := lib.Search(query.Query{}, SearchOptions{}).Articles()
	// The copy is the same article as qatar.txt: either path may be kept.
	qatarPath := qatar
	for _, a := range got {
		if a.Headline == "Qatar told to expel Hamas" {
			qatarPath = a.Path
		}
	}
	qatarFolder := filepath.Join("2024", "11")
	if qatarPath == copyPath {
		qatarFolder = "copies"
	} else if qatarPath != qatar {
		t.Errorf("the Qatar article has path %q", qatarPath)
	}

	byPath := loadByPath(lib)
	tests := []struct {
		path, headline, folder string
		format                 string
		date                   time.Time
		dateFromFile           bool
	}{
		{qatarPath, "Qatar told to expel Hamas", qatarFolder,
			article.FormatSeed, time.Date(2024, time.November, 16, 20, 49, 0, 0, time.UTC), false},
		{older, "An older story from October", filepath.Join("2024", "10"),
			article.FormatSeed, time.Date(2024, time.October, 1, 9, 0, 0, 0, time.UTC), false},
		{notes, "Notes from München", filepath.Join("2024", "11"),
			article.FormatMarkdown, time.Date(2024, time.November, 20, 10, 0, 0, 0, time.UTC), false},
		{clip, "A headline-first clipping", "", article.FormatText, clipTime, true},
		{link, "A story kept outside the folder", "",
			article.FormatSeed, time.Date(2024, time.November, 17, 7, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		a := byPath[tt.path]
		if a == nil {
			t.Errorf("no article from %s", tt.path)
			continue
		}
		if a.Headline != tt.headline || a.Folder != tt.folder || a.Format != tt.format ||
			!a.Date.Equal(tt.date) || a.DateFromFile != tt.dateFromFile || a.Undated {
			t.Errorf("%s: headline %q, folder %q, format %v, date %v (from file %v, undated %v);\n"+
				"want %q, %q, %v, %v (from file %v)", tt.path, a.Headline, a.Folder, a.Format, a.Date,
				a.DateFromFile, a.Undated, tt.headline, tt.folder, tt.format, tt.date, tt.dateFromFile)
		}
	}
	if a := byPath[clip]; a != nil {
		// Bodies are dropped once indexed and read again on Open.
		if a.Body != "" {
			t.Errorf("clipping body kept in memory: %q", a.Body)
		}
		full, err := lib.Open(a)
		if err != nil || full.Body != "Its first paragraph, wrapped.\n\nIts second paragraph." || full.ID != a.ID {
			t.Errorf("Open(clipping) = %+v, %v", full, err)
		}
	}
	if a := byPath[qatarPath]; a != nil && a.ID != article.IDOf([]byte(loadSeedQatar)) {
		t.Errorf("Qatar article.ID %s is not the article.ID of its bytes", a.ID)
	}

	// Newest first: the markdown, the clipping by its file time, the
	// linked file, the Qatar story, the October one.
	wantPaths := []string{notes, clip, link, qatarPath, older}
	var paths []string
	for _, a := range got {
		paths = append(paths, a.Path)
	}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(wantPaths, "\n"))
	}

	for _, a := range got {
		if strings.Contains(a.Headline, "Hidden") {
			t.Errorf("hidden file loaded: %s", a.Path)
		}
		if strings.Contains(a.Headline, "not an article") {
			t.Errorf("non-article extension loaded: %s", a.Path)
		}
	}

	skips := lib.Skipped()
	var skipPaths []string
	for _, s := range skips {
		skipPaths = append(skipPaths, s.Path)
	}
	if want := []string{docx, blob, empty}; !slices.Equal(skipPaths, want) {
		t.Errorf("skipped %q, want %q", skipPaths, want)
	}
	for _, s := range skips {
		wantErr := map[string]error{blob: article.ErrNotText, empty: article.ErrEmpty, docx: scan.ErrUnsupported}[s.Path]
		if wantErr != nil && !errors.Is(s.Err, wantErr) {
			t.Errorf("%s skipped for %v, want %v", s.Path, s.Err, wantErr)
		}
		if !strings.HasPrefix(s.String(), s.Path+": ") {
			t.Errorf("Skip.String() = %q, does not name %s", s.String(), s.Path)
		}
	}
}

// TestLoadCountsWalkFailures checks that a file the walk finds but cannot
// read (a link to nothing) is counted as found as well as skipped, so that
// progress never shows more files done than found.
func TestLoadCountsWalkFailures(t *testing.T) {
	root := t.TempDir()
	loadWrite(t, root, "ok.txt", loadSeedOlder, time.Time{})
	dangling := filepath.Join(root, "dangling.txt")
	loadSymlink(t, "nowhere.txt", dangling)

	lib, reports := loadRun(t, context.Background(), []article.Root{{FS: os.DirFS(root), Name: root}})
	final := reports[len(reports)-1]
	if lib.Len() != 1 || final.Loaded != 1 {
		t.Errorf("loaded %d (progress %d), want 1", lib.Len(), final.Loaded)
	}
	skips := lib.Skipped()
	if len(skips) != 1 || skips[0].Path != dangling || !errors.Is(skips[0].Err, fs.ErrNotExist) {
		t.Errorf("skipped %v, want %s as missing", skips, dangling)
	}
	if final.Skipped != 1 || final.Done != 2 {
		t.Errorf("final progress %+v, want 2 done, 1 skipped", final)
	}
	if final.Done > final.Found {
		t.Errorf("final progress %+v: more files done than found", final)
	}
}

func TestLoadFileRoot(t *testing.T) {
	dir := t.TempDir()
	file := loadWrite(t, dir, "sub/one.txt", loadSeedQatar, time.Time{})
	loadWrite(t, dir, "sub/two.txt", loadSeedOlder, time.Time{})

	roots, err := scan.OpenRoots([]string{file})
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || roots[0].File != "one.txt" || roots[0].Name != filepath.Join(dir, "sub") {
		t.Fatalf("OpenRoots(%s) = %+v", file, roots)
	}
	lib, reports := loadRun(t, context.Background(), roots)
	got := lib.Search(query.Query{}, SearchOptions{}).Articles()
	if len(got) != 1 || got[0].Path != file || got[0].Folder != "" {
		t.Fatalf("loaded %d articles, first %+v; want only %s", len(got), got, file)
	}
	if final := reports[len(reports)-1]; final.Found != 1 || final.Done != 1 || final.Loaded != 1 {
		t.Errorf("final progress %+v", final)
	}
}

func TestLoadRelativeFileRoot(t *testing.T) {
	dir := t.TempDir()
	loadWrite(t, dir, "one.txt", loadSeedQatar, time.Time{})
	t.Chdir(dir)
	roots, err := scan.OpenRoots([]string{"one.txt"})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := loadRun(t, context.Background(), roots)
	got := lib.Search(query.Query{}, SearchOptions{}).Articles()
	if len(got) != 1 || got[0].Path != "one.txt" || got[0].Folder != "" {
		t.Errorf("loaded %v", got)
	}
}

func TestOpenRoots(t *testing.T) {
	dir := t.TempDir()
	file := loadWrite(t, dir, "a.txt", loadSeedOlder, time.Time{})
	roots, err := scan.OpenRoots([]string{dir + string(filepath.Separator), file})
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 2 {
		t.Fatalf("OpenRoots = %+v", roots)
	}
	if roots[0].Name != dir || roots[0].File != "" {
		t.Errorf("folder root %+v, want name %s", roots[0], dir)
	}
	if roots[1].Name != dir || roots[1].File != "a.txt" {
		t.Errorf("file root %+v", roots[1])
	}

	missing := filepath.Join(dir, "no-such-folder")
	_, err = scan.OpenRoots([]string{dir, missing})
	if err == nil || !strings.Contains(err.Error(), missing) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenRoots with a missing argument: %v", err)
	}
	if roots, err := scan.OpenRoots(nil); err != nil || len(roots) != 0 {
		t.Errorf("OpenRoots(nil) = %v, %v", roots, err)
	}
}

func TestLoadCancelled(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a.txt", "b/c.txt", "b/d.txt"} {
		loadWrite(t, root, name, "Headline "+name+"\n\nText.\n", time.Time{})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	lib, reports := loadRun(t, ctx, []article.Root{{FS: os.DirFS(root), Name: root}})
	if final := reports[len(reports)-1]; final.Loaded != lib.Len() || final.Loaded > 3 {
		t.Errorf("final progress %+v, library %d", final, lib.Len())
	}
}

func TestLoadTwoRootsShareCopies(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	loadWrite(t, a, "x.txt", loadSeedQatar, time.Time{})
	loadWrite(t, b, "deep/y.txt", loadSeedQatar, time.Time{})
	loadWrite(t, b, "z.txt", loadSeedOlder, time.Time{})
	roots, err := scan.OpenRoots([]string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	lib, reports := loadRun(t, context.Background(), roots)
	final := reports[len(reports)-1]
	if lib.Len() != 2 || final.Dupes != 1 || final.Found != 3 {
		t.Errorf("Len %d, progress %+v; want 2 articles, 1 copy, 3 found", lib.Len(), final)
	}
}

// TestLoadSeeds reads the sample articles from their folder, since package
// seeds is not importable here without a cycle of concerns.
func TestLoadSeeds(t *testing.T) {
	lib, reports := loadRun(t, context.Background(), []article.Root{{FS: os.DirFS("../seeds"), Name: "seeds"}})
	if s := lib.Skipped(); len(s) != 0 {
		t.Errorf("skipped %v", s)
	}
	if final := reports[len(reports)-1]; final.Skipped != 0 || final.Loaded != lib.Len() || lib.Len() < 1 {
		t.Errorf("final progress %+v", final)
	}
	const name = "000_d5b0627365015324.txt"
	path := filepath.Join("seeds", name)
	a := loadByPath(lib)[path]
	if a == nil {
		t.Fatalf("no article at %s", path)
	}
	const headline = "US pressures Qatar to expel Hamas after rejecting hostage negotiations, signaling a shift in Middle Eastern diplomatic dynamics."
	if a.Headline != headline {
		t.Errorf("headline %q", a.Headline)
	}
	if want := time.Date(2024, time.November, 16, 20, 49, 0, 0, time.UTC); !a.Date.Equal(want) || a.Undated || a.DateFromFile {
		t.Errorf("date %v (undated %v, from file %v), want %v", a.Date, a.Undated, a.DateFromFile, want)
	}
	if a.Format != article.FormatSeed || a.Folder != "" {
		t.Errorf("format %v, folder %q", a.Format, a.Folder)
	}
	data, err := os.ReadFile(filepath.Join("..", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != article.IDOf(data) {
		t.Errorf("ID %s, want the article.ID of the file's bytes", a.ID)
	}
	for _, q := range []string{"qat", "qatar hama", "Hamas doha"} {
		res := lib.Search(query.Parse(q), SearchOptions{})
		if !slices.Contains(res.Articles(), a) {
			t.Errorf("Search(%q) does not find the seed article", q)
		}
	}
}

// TestKeptBodiesAreTheirFiles: with KeepBodies, each loaded article's
// body and fields are its own file's, though every file was read into
// the same buffer and parsed in place.
func TestKeptBodiesAreTheirFiles(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		body := strings.Repeat("word"+string(rune('a'+i%26))+" ", 20+37*i)
		loadWrite(t, dir, filepath.Join("y", "f"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".md"),
			"---\ntitle: Headline "+body[:12]+"\nauthor: Someone "+body[:8]+"\ntags: [t"+body[:6]+"]\n---\n\n"+body+"\n", time.Time{})
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	lib.KeepBodies = true
	lib.Load(context.Background(), roots, nil)
	res := lib.Search(query.Query{}, SearchOptions{})
	if res.Len() != 40 {
		t.Fatalf("%d articles, want 40", res.Len())
	}
	for _, a := range res.Articles() {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(a.Loc.Name)))
		if err != nil {
			t.Fatal(err)
		}
		want, err := article.ParseUncounted(a.Loc.Name, data, a.ModTime)
		if err != nil {
			t.Fatal(err)
		}
		w := want[0]
		if a.Body != w.Body || a.Headline != w.Headline || a.Author != w.Author || !slices.Equal(a.Tags, w.Tags) {
			t.Fatalf("%s: loaded %q by %q %v, its file says %q by %q %v", a.Loc.Name, a.Headline, a.Author, a.Tags, w.Headline, w.Author, w.Tags)
		}
	}
}
