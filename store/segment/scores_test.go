package segment

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAddScores: the scores are, to the bit, those of each word's docs
// added in turn, over lists of every container kind, at a base, with
// docs past the end of the scores left out and words not there.
func TestAddScores(t *testing.T) {
	n := 3000
	if !testing.Short() && !raceEnabled {
		n = 70_000 // several containers a list, of all three kinds
	}
	c := makeCorpus(3, n, 4)
	s := c.write(t, t.TempDir(), "seg")
	rng := rand.New(rand.NewPCG(3, 4))
	words := append(c.words(), "zzz-not-there")
	rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	words = words[:min(len(words), 60)]
	weights := make([]float32, len(words))
	for i := range weights {
		weights[i] = rng.Float32() * 10
	}
	for _, size := range []int{n + 40, n/2 + 40} {
		const base = 40
		got := make([]float32, size)
		s.AddScores(got, base, words, weights)
		want := make([]float32, size)
		for i, w := range words {
			s.EachDoc(w, func(doc uint32) {
				if d := int(base + doc); d < size {
					want[d] += weights[i]
				}
			})
		}
		if !slices.Equal(got, want) {
			for d := range got {
				if got[d] != want[d] {
					t.Fatalf("%d scores: doc %d scores %v, adding word by word %v", size, d, got[d], want[d])
				}
			}
		}
	}
}
