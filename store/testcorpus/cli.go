package testcorpus

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/broadsheet/broadsheet/seeds"
)

// Small fills dir with the five files the command line's tests read, so
// that each of them meets the same three formats and the same two bad
// files: the seed story (2024/11/qatar.txt, dated 16 November 2024), a
// dated plain-text story (2024/10/pie.txt), a markdown clipping with front
// matter (clips/doha.md), and an empty file and a PNG that must be skipped
// (bad/empty.txt, bad/image.txt).
func Small(dir string) error {
	seed, err := fs.ReadFile(seeds.FS, "000_d5b0627365015324.txt")
	if err != nil {
		return err
	}
	return WriteFiles(dir, map[string]string{
		"2024/11/qatar.txt": string(seed),
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
