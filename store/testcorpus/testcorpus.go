// Package testcorpus generates large, deterministic corpora of seed-format
// articles for benchmarks and scale tests: n articles of 2-3 KB in
// year/month folders, with a Zipf-distributed vocabulary so that the index
// sees a realistic spread of common and rare words.
package testcorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// version changes whenever the generator's output does, so a cached corpus
// from an older generator is not reused.
const version = 1

// Dir returns a corpus of n articles, generating it under the OS temp
// folder the first time and reusing it after.
func Dir(n int) (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("broadsheet-corpus-v%d-%d", version, n))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir, nil
	}
	tmp := dir + fmt.Sprintf(".tmp%d", os.Getpid())
	os.RemoveAll(tmp)
	if err := Generate(tmp, n); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		// Another process may have won the race; use its corpus.
		if _, err2 := os.Stat(filepath.Join(dir, ".complete")); err2 == nil {
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}

// Generate writes n articles into dir.
func Generate(dir string, n int) error {
	g := newGenerator()
	made := map[string]bool{}
	return each(n, func(i int, date time.Time) error {
		sub := filepath.Join(dir, date.Format("2006"), date.Format("01"))
		if !made[sub] {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
			made[sub] = true
		}
		return os.WriteFile(filepath.Join(sub, fmt.Sprintf("%07d.txt", i)), g.article(date), 0o644)
	})
}

// each calls fn with each article's number and date, spread over ten
// years, deterministically but out of order.
func each(n int, fn func(i int, date time.Time) error) error {
	start := time.Date(2015, 1, 1, 6, 0, 0, 0, time.UTC)
	span := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	for i := 0; i < n; i++ {
		frac := float64((uint64(i)*2654435761)%uint64(n)) / float64(n)
		if err := fn(i, start.Add(time.Duration(frac*float64(span))).Truncate(time.Minute)); err != nil {
			return err
		}
	}
	return nil
}

// Words returns the generator's vocabulary, most common first, so
// benchmarks can type real words.
func Words() []string { return newGenerator().vocab }

// ZipfWords returns a maker of k words of vocab, space-separated, drawn
// from rnd by the corpus's Zipf law: for tests that make text like the
// corpus's.
func ZipfWords(rnd *rand.Rand, vocab []string) func(k int) string {
	zipf := rand.NewZipf(rnd, 1.1, 2, uint64(len(vocab)-1))
	return func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
}

type generator struct {
	rnd   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

// common are real words so that the corpus reads as news and queries for
// everyday words have everyday answers.
var common = strings.Fields(`the of and to in a is that for on was with as by he it at said from his an
be has have are which had were but not this they who been their its after more would one also over will
new two first about up when out there year into than last other some government people up years what
all state time police president minister city world country percent could no three week told officials
million since between against report under before month where while being second during says national
company market day court news group public four five united states party election war talks peace deal
Qatar Hamas Israel Gaza Doha Egypt ceasefire hostage hostages negotiations mediators München Zürich café
economy inflation bank rates prices energy oil gas climate storm flood fire health hospital vaccine
school students university research science space launch football league season championship coach`)

func newGenerator() *generator {
	rnd := rand.New(rand.NewPCG(1, 2))
	vocab := append([]string(nil), common...)
	syll := strings.Fields("ka lo mi ne ra to su vi de ba re an el or us in at ex com pre tion ment ing er al ly ber gan mor ti va")
	seen := map[string]bool{}
	for _, w := range vocab {
		seen[strings.ToLower(w)] = true
	}
	for len(vocab) < 60000 {
		k := 2 + rnd.IntN(3)
		var b strings.Builder
		for j := 0; j < k; j++ {
			b.WriteString(syll[rnd.IntN(len(syll))])
		}
		w := b.String()
		if !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	return &generator{rnd: rnd, zipf: rand.NewZipf(rnd, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (g *generator) word() string { return g.vocab[g.zipf.Uint64()] }

func (g *generator) sentence(words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		w := g.word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

func (g *generator) article(date time.Time) []byte {
	var s strings.Builder
	s.WriteString(date.Format("Monday, January 2, 2006 03:04 PM"))
	s.WriteByte('\n')
	h := g.sentence(7 + g.rnd.IntN(9))
	s.WriteString(strings.TrimSuffix(h, "."))
	s.WriteByte('\n')
	target := 2000 + g.rnd.IntN(1000)
	for s.Len() < target {
		sentences := 2 + g.rnd.IntN(4)
		for j := 0; j < sentences; j++ {
			if j > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(g.sentence(8 + g.rnd.IntN(14)))
		}
		s.WriteByte('\n')
	}
	return []byte(s.String())
}
