//go:build race

package sqlite

// raceBuild scales the heaviest tests down: SQLite transpiled to Go runs
// many times slower under the race detector.
const raceBuild = true
