package cli

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestListDateIsFormat: the list's quick date is time.Format's, for any
// year, zone and minute.
func TestListDateIsFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("x", -9*3600-1800)}
	times := []time.Time{{}, time.Date(9999, 12, 31, 23, 59, 0, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(999, 3, 4, 5, 6, 0, 0, time.UTC)}
	for range 2000 {
		times = append(times, time.Unix(rng.Int64N(1<<36)-1<<35, 0).In(zones[rng.IntN(len(zones))]))
	}
	for _, tm := range times {
		if got, want := string(appendListDate(nil, tm)), tm.Format("2006-01-02 15:04"); got != want {
			t.Errorf("%v: %q, want %q", tm, got, want)
		}
	}
}
