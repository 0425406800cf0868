//go:build race

package store

// raceEnabled: the race detector slows SQLite ~10×; big tests use less data.
const raceEnabled = true
