package testcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Hostile fills dir with the broken and hostile files a reader of
// downloaded articles meets, mixed with good ones, and returns the
// headlines of the articles that must load and the names of the files that
// must be reported as skipped.
func Hostile(dir string) (good, skipped []string, err error) {
	write := func(name, text string) {
		if err != nil {
			return
		}
		p := filepath.Join(dir, name)
		if err = os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
			err = os.WriteFile(p, []byte(text), 0o644)
		}
	}
	goods, good := hostileGoods()
	for name, text := range goods {
		write(name, text)
	}
	// Datasets and feeds, with their own ways of being broken.
	write("data/huge-line.jsonl", `{"title": "A record of ten megabytes", "text": "`+strings.Repeat("word ", 2<<20)+`"}`+"\n"+
		`{"title": "The record after it"}`+"\n")
	write("data/latin1.csv", "title,text\nInvalid UTF-8 in a table caf\xe9\x1b[2J,Body \xff\xfe here\n")
	good = append(good, "A record of ten megabytes", "The record after it", "Invalid UTF-8 in a table café")
	for name, text := range hostileBads {
		write(name, text)
		skipped = append(skipped, filepath.Base(name))
	}
	if err != nil {
		return nil, nil, err
	}
	links, err := hostileSpecials(dir)
	if err != nil {
		return nil, nil, err
	}
	return good, append(skipped, links...), nil
}

func hostileSeed(headline, body string) string {
	return "Saturday, November 16, 2024 08:49 PM\n" + headline + "\n" + body + "\n"
}

// hostileGoods are the good articles, some of them odd, by file name,
// and the headlines (or their starts) that must load from them.
func hostileGoods() (map[string]string, []string) {
	seed := hostileSeed
	esc := "\x1b[2J\x1b]0;pwned\a\x1b]52;c;cHduZWQ=\a\x1bP+q\x1b\\\u009b31m\a\b\r"
	goods := map[string]string{
		"good/plain.txt":                     seed("An ordinary story about Qatar", "Body text."),
		"good/crlf.txt":                      strings.ReplaceAll(seed("Line ends from Windows", "One.\nTwo."), "\n", "\r\n"),
		"good/cr.txt":                        strings.ReplaceAll(seed("Line ends from old Macs", "One."), "\n", "\r"),
		"good/bom.txt":                       "\ufeff" + seed("A byte-order mark first", "Body."),
		"good/cp1252.txt":                    "Saturday, November 16, 2024 08:49 PM\nCaf\xe9 owners pay \xa3600m\nIn Windows-1252.\n",
		"good/nul-middle.txt":                seed("A NUL in the middle", strings.Repeat("x", 9000)+"\x00after"),
		"good/escapes.txt":                   seed("Headline with escapes"+esc+"inside", "Body with"+esc+"escapes."),
		"good/rtl.txt":                       seed("مرحبا بالعالم and עברית with Zalgo z\u0301\u0302\u0303", "Mixed."),
		"good/cjk.txt":                       seed("東京の市場で株価が上昇 🚀🎉 emoji and wide text that goes on and on", "CJK."),
		"good/bad-yaml.md":                   "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n\n# Heading of bad YAML\n\nBody.\n",
		"good/bad-date.md":                   "---\ntitle: A date that does not parse\ndate: the day after tomorrow\n---\n\nBody.\n",
		"good/fm-escapes.md":                 "---\ntitle: \"Front matter \\e]52;c;eA==\\a title\"\nauthor: \"\\e[31mred\"\n---\n\nBody.\n",
		"good/headline.txt":                  "Only a headline\n",
		"good/name $(rm -rf) 'q\" .txt":      seed("A file name with shell characters", "Body."),
		"good/name\nwith\x1b[31mnewline.txt": seed("A file name with a newline and an escape", "Body."),
		"good/copy-a.txt":                    seed("The same article in two files", "Same."),
		"good/copy-b.txt":                    seed("The same article in two files", "Same."),
		"good/long-line.txt":                 strings.Repeat("word ", 400_000),
	}
	deep := "good"
	for i := range 40 {
		deep = filepath.Join(deep, "d"+string(rune('a'+i%26)))
	}
	goods[filepath.Join(deep, "deep.txt")] = seed("Forty folders down", "Deep.")
	good := []string{
		"An ordinary story about Qatar", "Line ends from Windows", "Line ends from old Macs",
		"A byte-order mark first", "Café owners pay £600m", "A NUL in the middle",
		"Headline with escapes", "مرحبا بالعالم", "東京の市場で株価が上昇", "Heading of bad YAML",
		"A date that does not parse", "Front matter", "Only a headline", "A file name with shell characters",
		"A file name with a newline and an escape", "The same article in two files", "word word word",
		"Forty folders down",
	}
	return goods, good
}

// hostileBads are files that must be skipped and reported.
var hostileBads = map[string]string{
	"bad/empty.txt":         "",
	"bad/truncated.rss":     "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Cut</title><item><title>Half an it",
	"bad/archive.html":      "PK\x03\x04\x14\x00\x00\x00\x08\x00 a zip named as a page",
	"bad/date-only.txt":     "Saturday, November 16, 2024 08:49 PM\n",
	"bad/blank.txt":         " \n\t\n  \n",
	"bad/binary.txt":        "\x00\x01\x02\x03binary\x00\x00",
	"bad/image.txt":         "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
	"bad/photo.jpg.txt":     "\xff\xd8\xff\xe0\x00\x10JFIF\x00",
	"bad/\x1b]0;evil\a.txt": "",
}

// hostileSpecials makes what is not a plain file and returns the names
// that must be reported: a FIFO, which must never be opened (opening one
// blocks), and a link loop; a link to a parent folder must not be
// followed either.
func hostileSpecials(dir string) ([]string, error) {
	if err := syscall.Mkfifo(filepath.Join(dir, "bad", "fifo.txt"), 0o644); err != nil {
		return nil, err
	}
	if err := os.Symlink("loop-b.txt", filepath.Join(dir, "bad", "loop-a.txt")); err != nil {
		return nil, err
	}
	if err := os.Symlink("loop-a.txt", filepath.Join(dir, "bad", "loop-b.txt")); err != nil {
		return nil, err
	}
	if err := os.Symlink("..", filepath.Join(dir, "good", "parent")); err != nil {
		return nil, err
	}
	return []string{"fifo.txt", "loop-a.txt", "loop-b.txt"}, nil
}
