package record

import "testing"

// TestSafeRun checks the 8-bytes-at-a-time scan against the byte table:
// every byte value at every position of a run of printable ASCII, with
// every other byte value after it.
func TestSafeRun(t *testing.T) {
	slow := func(s string, i int) int {
		for i < len(s) && safe[s[i]] {
			i++
		}
		return i
	}
	base := []byte("abcdefghijklmnopqrstuvwx")
	for pos := range len(base) {
		for c := range 256 {
			for _, next := range []byte{'a', 0x1f, 0x7f, '"', '\\', 0x80} {
				b := append([]byte(nil), base...)
				b[pos] = byte(c)
				if pos+1 < len(b) {
					b[pos+1] = next
				}
				s := string(b)
				for start := range 3 {
					if got, want := safeRun(s, start), slow(s, start); got != want {
						t.Fatalf("safeRun(%q, %d) = %d, want %d", s, start, got, want)
					}
				}
			}
		}
	}
}
