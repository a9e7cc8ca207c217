package testcorpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// JSONL returns a JSON Lines file of the same n articles as Dir(n), one
// record a line ({"title", "date", "text"}), generating it under the OS
// temp folder the first time and reusing it after: a dataset to load
// against the folder of files.
func JSONL(n int) (string, error) {
	file := filepath.Join(os.TempDir(), fmt.Sprintf("broadsheet-corpus-v%d-%d.jsonl", version, n))
	if _, err := os.Stat(file); err == nil {
		return file, nil
	}
	tmp := file + fmt.Sprintf(".tmp%d", os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	g := newGenerator()
	enc := json.NewEncoder(w)
	err = each(n, func(i int, date time.Time) error {
		lines := strings.SplitN(string(g.article(date)), "\n", 3)
		return enc.Encode(map[string]string{"title": lines[1], "date": date.Format(time.RFC3339), "text": lines[2]})
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(tmp)
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return file, os.Rename(tmp, file)
}
