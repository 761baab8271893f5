//go:build !race

package stance_test

// raceSlowdown scales the time limits of tests under the race detector.
const raceSlowdown = 1
