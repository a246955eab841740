//go:build race

package main

// raceEnabled: the tests run under the race detector (CI's race job), where
// the hermetic re-run of the suite would only add minutes.
const raceEnabled = true
