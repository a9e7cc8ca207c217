//go:build race

package store

// raceEnabled scales the heaviest tests down under the race detector,
// which slows their single-goroutine loops thirtyfold and finds nothing
// more in them.
const raceEnabled = true
