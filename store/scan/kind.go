package scan

import (
	"errors"
	"path"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
)

// What the walk makes of a file that is not an article's, by its name:
// ErrIgnored for the images, archives and media that sit beside articles
// (counted, not listed), an ErrUnsupported for a document in a format
// broadsheet does not read (listed, so nothing vanishes without a word).
var (
	ErrIgnored     = errors.New("not an article: an image, archive, media or code file")
	ErrUnsupported = errors.New("unsupported format")
)

// textExts are the extensions of text that the formats read by content.
var textExts = map[string]bool{"": true, ".txt": true, ".text": true, ".md": true, ".markdown": true}

// quietExts are the files met beside articles that are plainly not one:
// images, archives, media, a page's assets, code and configuration.
var quietExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".bmp": true, ".tif": true, ".tiff": true, ".heic": true, ".avif": true,
	".zip": true, ".gz": true, ".tgz": true, ".tar": true, ".bz2": true, ".xz": true, ".7z": true,
	".rar": true, ".zst": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".mov": true, ".wav": true, ".ogg": true, ".webm": true,
	".css": true, ".js": true, ".woff": true, ".woff2": true, ".ttf": true, ".otf": true,
	// Code and configuration, as a folder kept in git or a site's source
	// has beside its articles.
	".go": true, ".py": true, ".rb": true, ".rs": true, ".c": true, ".h": true, ".cpp": true, ".java": true,
	".ts": true, ".sh": true, ".mod": true, ".sum": true, ".lock": true, ".yml": true, ".yaml": true,
	".toml": true, ".ini": true, ".cfg": true,
}

// classify says whether the walk reads the file: nil for a candidate
// article, else ErrIgnored or an error wrapping ErrUnsupported. A file
// directly in a folder named cur or new is a candidate whatever its
// name, unless it is plainly an image or the like: that is where a
// Maildir keeps its messages, under names such as
// "1700000000.M1P2.host:2,S" whose "extension" says nothing, and the
// file's head then tells whether it is a message.
func classify(name string) error {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case textExts[ext] || article.Claim(path.Base(name), nil) != nil:
		return nil
	case quietExts[ext]:
		return ErrIgnored
	case inMaildir(name):
		return nil
	}
	return &unsupported{ext}
}

// inMaildir says whether a file sits directly in a folder named cur or
// new, as a Maildir's messages do.
func inMaildir(name string) bool {
	switch path.Base(path.Dir(name)) {
	case "cur", "new":
		return true
	}
	return false
}

type unsupported struct{ ext string }

func (u *unsupported) Error() string {
	return "unsupported format (" + u.ext + "): broadsheet reads text, markdown, saved web pages, datasets (JSON Lines, JSON, CSV, TSV), feeds and mail"
}
func (u *unsupported) Unwrap() error { return ErrUnsupported }
