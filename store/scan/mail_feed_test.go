package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
)

func TestClassifyMaildir(t *testing.T) {
	for _, tt := range []struct {
		name string
		want error
	}{
		{"Mail/INBOX/cur/1700000000.M1P2.host:2,S", nil},
		{"Mail/INBOX/new/1700000000.M1P2.host", nil},
		{"cur/anything.odd", nil},
		{"Mail/INBOX/new/logo.png", ErrIgnored}, // still an image
		{"Mail/INBOX/1700000000.M1P2.host:2,S", ErrUnsupported},
		{"Mail/INBOX/tmp/1700000000.M1P2.host", ErrUnsupported},
		{"news/feed.rss", nil},
		{"news/feed.xml", nil},
		{"mail/archive.mbox", nil},
		{"mail/saved.eml", nil},
	} {
		if err := classify(tt.name); !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
			t.Errorf("classify(%q) = %v, want %v", tt.name, err, tt.want)
		}
	}
}

// A folder of feeds, an mbox and a Maildir loads the way the library
// loads it, and each article read again by its Loc, as the reader does,
// is the article the walk read.
func TestFeedsAndMailReadAgain(t *testing.T) {
	dir := t.TempDir()
	fixtures := filepath.Join("..", "article", "testdata")
	for to, from := range map[string]string{
		"feeds/news.rss":                       "feed/news.rss",
		"feeds/digest.json":                    "feed/digest.json",
		"feeds/notes.xml":                      "feed/notes.atom",
		"harbour.mbox":                         "mail/harbour.mbox",
		"Mail/cur/1700000001.M2P3.example:2,S": "mail/Maildir/cur/1700000001.M2P3.example!2,S",
		"Mail/new/1700000002.M3P4.example":     "mail/Maildir/new/1700000002.M3P4.example",
	} {
		data, err := os.ReadFile(filepath.Join(fixtures, filepath.FromSlash(from)))
		if err != nil {
			t.Fatal(err)
		}
		to = filepath.Join(dir, filepath.FromSlash(to))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "Mail", "tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	roots := []article.Root{{FS: os.DirFS(dir), Name: dir, Key: dir}}
	var mu sync.Mutex
	var files []string
	Walk(context.Background(), roots, Visit{Found: func(f File) {
		mu.Lock()
		files = append(files, f.Name)
		mu.Unlock()
	}, Failed: func(_ int, name string, err error) { t.Errorf("%s: %v", name, err) }})
	sort.Strings(files)
	formats := map[string]int{}
	for _, name := range files {
		_, err := ReadEach(&roots[0], name, nil, func(a *article.Article, _ Stamp) {
			formats[a.Format]++
			again, err := ReadLoc(a.Loc)
			if err != nil {
				t.Errorf("%s at %d: %v", name, a.Loc.Offset, err)
				return
			}
			a.CountWords()
			if !reflect.DeepEqual(again, a) {
				t.Errorf("%s at %d:\n read again %+v\n walked     %+v", name, a.Loc.Offset, again, a)
			}
		}, func(line int, err error) { t.Errorf("%s:%d: %v", name, line, err) }, nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if want := map[string]int{article.FormatFeed: 7, article.FormatMbox: 2, article.FormatMail: 2}; !reflect.DeepEqual(formats, want) {
		t.Errorf("read %v from %v, want %v", formats, files, want)
	}
}
