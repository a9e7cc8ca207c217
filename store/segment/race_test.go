//go:build race

package segment

// raceEnabled scales the heaviest tests down under the race detector,
// which slows their single-goroutine loops thirtyfold and finds nothing
// more in them.
const raceEnabled = true
