package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// The hand-made corpora of the tests, as files a user would have. Each
// takes the Qatar story's text, seed, so a test can use the real seed
// article (seeds/000_d5b0627365015324.txt); "" gives a short one.
const shortQatar = "Saturday, November 16, 2024 08:49 PM\nUS pressures Qatar to expel Hamas\nQatar was told to close the office in Doha.\n"

// Four writes the four articles the UI's end-to-end tests read: three
// seed-format stories in year/month folders and a markdown clipping.
// Only one mentions Qatar (2024/11/qatar.txt, the newest), so a filter
// for it finds one of four.
func Four(dir, seed string) error {
	if seed == "" {
		seed = shortQatar
	}
	return WriteFiles(dir, map[string]string{
		"2024/11/qatar.txt":  seed,
		"2024/11/munich.txt": "Friday, November 15, 2024 09:10 AM\nMünchen opens its Christmas markets early\nStalls opened a week early.\n",
		"2024/10/pie.txt":    "Tuesday, October 8, 2024 06:30 PM\nEdwards wins the county fair pie contest\nJudges praised the crust.\n",
		"clips/doha.md":      "---\ntitle: Hamas talks stall in Doha\ndate: 2024-11-10\n---\n\nTalks stalled.\n",
	})
}

// Small writes the five files the command line's tests read, so that
// each meets the same three formats and the same two bad files: the seed
// story (2024/11/qatar.txt), a dated plain-text story (2024/10/pie.txt), a
// markdown clipping with front matter (clips/doha.md), and an empty file
// and a PNG that must be skipped (bad/empty.txt, bad/image.txt).
func Small(dir, seed string) error {
	if seed == "" {
		seed = shortQatar
	}
	return WriteFiles(dir, map[string]string{
		"2024/11/qatar.txt": seed,
		"2024/10/pie.txt":   "Tuesday, October 8, 2024 06:30 PM\nEdwards wins the county fair pie contest\nJudges praised the crust.\n",
		"clips/doha.md":     "---\ntitle: Hamas talks stall in Doha\ndate: 2024-11-10T12:00:00Z\n---\n\nTalks stalled.\n",
		"bad/empty.txt":     "",
		"bad/image.txt":     "\x89PNG\r\n\x1a\n\x00\x00\x00",
	})
}

// WriteFiles writes each text under dir at its slash-separated name,
// making folders as needed: a hand-made corpus in one call.
func WriteFiles(dir string, files map[string]string) error {
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteFile writes text at path, making its folders, with the given
// modification time when it is not zero.
func WriteFile(path, text string, mtime time.Time) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return err
	}
	if !mtime.IsZero() {
		return os.Chtimes(path, mtime, mtime)
	}
	return nil
}

// Year writes 40 seed-format stories spread over 2024 in year/month
// folders (s00.txt to s39.txt), each about one of Qatar, Hamas, energy and
// München, with a body naming qatar0, qatar1 or qatar2 and the phrase
// "hostage talks"; a markdown note with tags and an author
// (clips/note.md); a JSON Lines record with a site and a URL
// (clips/feed.jsonl); and an empty file that must be skipped (bad.txt).
func Year(dir string) error {
	files := map[string]string{
		"clips/note.md":    "---\ntitle: A note\ndate: 2024-06-01\ntags: [a, b]\nauthor: Me\n---\n\nText here.\n",
		"clips/feed.jsonl": `{"title": "A dataset story", "text": "From the wire.", "site": "The Wire", "url": "https://wire.example/1"}` + "\n",
		"bad.txt":          "",
	}
	for i := range 40 {
		date := time.Date(2024, 1+time.Month(i%12), 1+i%27, 8, i, 0, 0, time.UTC)
		files[fmt.Sprintf("2024/%02d/s%02d.txt", i%12+1, i)] = fmt.Sprintf(
			"%s\nStory %d about %s and Zürich\nBody of story %d mentions qatar%d and hostage talks.\n",
			date.Format("Monday, January 2, 2006 03:04 PM"), i, []string{"Qatar", "Hamas", "energy", "München"}[i%4], i, i%3)
	}
	return WriteFiles(dir, files)
}
