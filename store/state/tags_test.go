package state

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

func tagRef(key string) Ref {
	return Ref{ID: article.IDOf([]byte(key)), Path: "news/" + key + ".md", Headline: "Story " + key,
		Date: time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC)}
}

func tagsOpen(t *testing.T, dir string) *Tags {
	t.Helper()
	tg, err := OpenTags(dir)
	if err != nil {
		t.Fatalf("OpenTags(%s): %v", dir, err)
	}
	return tg
}

func TestCleanTag(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"gaza", "gaza", true},
		{"  Middle   East ", "Middle East", true},
		{"#to-read", "to-read", true},
		{"bad\x1b[31mtag", "bad\u241b[31mtag", true}, // shown, never obeyed
		{"a,b", "", false},
		{"", "", false},
		{"###", "", false},
		{"!!!", "", false}, // no word: tag: could not find it
		{strings.Repeat("x", 65), "", false},
		{strings.Repeat("é", 64), strings.Repeat("é", 64), true},
	} {
		got, ok := CleanTag(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CleanTag(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestTagsRoundTrip: tags given and taken away read back from the file
// as they were left, one tag to a key, and an article with none left
// leaves the file.
func TestTagsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := tagRef("a"), tagRef("b")
	tags := tagsOpen(t, dir)
	if err := tags.Set(a, []string{"Gaza", "to read", "gaza", "middle-east"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tags.Set(b, []string{"energy"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tags.Set(a, []string{"Middle East"}, []string{"TO  READ"}); err != nil {
		t.Fatal(err)
	}
	if err := tags.Set(b, nil, []string{"energy"}); err != nil {
		t.Fatal(err)
	}
	again := tagsOpen(t, dir)
	if got, want := again.Of(a.ID), []string{"Gaza", "middle-east"}; !slices.Equal(got, want) {
		t.Errorf("a's tags read back as %q, want %q", got, want)
	}
	if got := again.List(); len(got) != 1 || got[0].Ref != a {
		t.Errorf("listed %+v, want a alone, with its ref", got)
	}
}

// TestTagsMergeInstances: two instances' changes to one article's tags
// are both kept, and members this build does not know survive.
func TestTagsMergeInstances(t *testing.T) {
	dir := t.TempDir()
	a := tagRef("a")
	path := filepath.Join(dir, TagsFile)
	file := `{"version": 1, "colour": "blue", "tags": [{"id": "` + a.ID.String() + `", "tags": ["old"], "note": "mine"}]}`
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	one, two := tagsOpen(t, dir), tagsOpen(t, dir)
	one.Change(a, []string{"first"}, nil)
	two.Change(a, []string{"second"}, []string{"old"})
	if err := two.Save(); err != nil {
		t.Fatal(err)
	}
	if err := one.Save(); err != nil {
		t.Fatal(err)
	}
	if got, want := tagsOpen(t, dir).Of(a.ID), []string{"first", "second"}; !slices.Equal(got, want) {
		t.Errorf("merged to %q, want %q", got, want)
	}
	data, _ := os.ReadFile(path)
	for _, kept := range []string{`"colour": "blue"`, `"note": "mine"`} {
		if !strings.Contains(string(data), kept) {
			t.Errorf("the file lost %s:\n%s", kept, data)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the file's permissions became %v", fi.Mode().Perm())
	}
}

// TestTagsFollowAnEdit: Reconcile moves an article's tags to its new ID,
// uniting them with those it was given there, and a warm start reads
// them there.
func TestTagsFollowAnEdit(t *testing.T) {
	dir := t.TempDir()
	a := tagRef("a")
	edited := a
	edited.ID = article.IDOf([]byte("a, edited"))
	tags := tagsOpen(t, dir)
	if err := tags.Set(a, []string{"gaza"}, nil); err != nil {
		t.Fatal(err)
	}
	tags.Change(edited, []string{"later"}, nil)
	find := func(r Ref) (Ref, bool) {
		if r.ID == a.ID || r.ID == edited.ID {
			return edited, true
		}
		return Ref{}, false
	}
	if !tags.Reconcile(find) {
		t.Fatal("Reconcile found nothing to move")
	}
	if err := tags.Save(); err != nil {
		t.Fatal(err)
	}
	again := tagsOpen(t, dir)
	if got, want := again.Of(edited.ID), []string{"gaza", "later"}; !slices.Equal(got, want) {
		t.Errorf("the edited article has %q, want %q", got, want)
	}
	if got := again.Of(a.ID); len(got) != 0 {
		t.Errorf("the old ID kept %q", got)
	}
}

// TestTagsBadFile: a file that cannot be read is reported, and nothing
// is written over it.
func TestTagsBadFile(t *testing.T) {
	for name, body := range map[string]string{
		"truncated": `{"version": 1, "tags": [`,
		"newer":     `{"version": 2, "tags": []}`,
		"twice":     `{"version": 1, "tags": [{"id": "` + tagRef("a").ID.String() + `"}, {"id": "` + tagRef("a").ID.String() + `"}]}`,
		"bad id":    `{"version": 1, "tags": [{"id": "nope", "tags": ["x"]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, TagsFile)
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			tags, err := OpenTags(dir)
			if err == nil {
				t.Fatal("a bad file opened without complaint")
			}
			if err := tags.Set(tagRef("b"), []string{"x"}, nil); err == nil {
				t.Error("a change was saved over a bad file")
			}
			if data, _ := os.ReadFile(path); string(data) != body {
				t.Errorf("the bad file was changed to %s", data)
			}
		})
	}
}
