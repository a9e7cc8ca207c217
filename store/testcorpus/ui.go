package testcorpus

import (
	"os"
	"path/filepath"
)

// Small writes the four articles the UI's end-to-end tests read, as files
// a user would have: three seed-format stories in year/month folders and
// a Markdown clipping. Only one mentions Qatar (2024/11/qatar.txt, the
// newest), so a filter for it finds one of four. seed, when not empty,
// is the Qatar story's text (a real seed file, say); else a short one.
func Small(dir, seed string) error {
	if seed == "" {
		seed = "Saturday, November 16, 2024 08:49 PM\nUS pressures Qatar to expel Hamas\nQatar was told to close the office in Doha.\n"
	}
	files := map[string]string{
		"2024/11/qatar.txt":  seed,
		"2024/11/munich.txt": "Friday, November 15, 2024 09:10 AM\nMünchen opens its Christmas markets early\nStalls opened a week early.\n",
		"2024/10/pie.txt":    "Tuesday, October 8, 2024 06:30 PM\nEdwards wins the county fair pie contest\nJudges praised the crust.\n",
		"clips/doha.md":      "---\ntitle: Hamas talks stall in Doha\ndate: 2024-11-10\n---\n\nTalks stalled.\n",
	}
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
