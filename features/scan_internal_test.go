package features

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// scanReference is scan without its ASCII fast path and word-at-a-time
// reads: every word through wordEnd and emitWord, as scan was written
// first. The tests hold scan to it.
func scanReference(s string, buf []byte, emit func(tok []byte, f tokenFlags)) []byte {
	brk := false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			if isBreak(r) {
				brk = true
			}
			i += n
			continue
		}
		end := wordEnd(s, i)
		var f tokenFlags
		if brk {
			f |= afterBreak
		}
		brk = false
		if isHyphen(prevRune(s, i)) || isHyphen(nextRune(s, end)) {
			f |= inCompound
		}
		buf = emitWord(buf, s[i:end], f, emit)
		i = end
	}
	return buf
}

// scanned lists the tokens and flags scan gives s, as "token/flags".
func scanned(scan func(string, []byte, func([]byte, tokenFlags)) []byte, s string) []string {
	var out []string
	scan(s, nil, func(tok []byte, f tokenFlags) { out = append(out, fmt.Sprintf("%s/%d", tok, f)) })
	return out
}

func TestScanFastPath(t *testing.T) {
	tests := []string{
		"",
		"Moscow refuses to meet Tokyo halfway.",
		"MOSCOW, Tokyo; Kurils: (talks) [now] \"quoted\" ok!",
		"Sino-Russian one-sided -lead trail- a\u2010b c\u2011d",
		"don't can't won't Moscow's countries' the U.S. and e.g. J.Fergusson",
		"18.5 1,000 3.x 7, 8. 1.2.3",
		"naïve café Токио 日本 x\u0301y",
		"x\xffy \x00a\x1fb DEL\x7f end",
		"abcdefgh abcdefghi abcdefghijklmnopq 0123456789abcdefXYZ",
		"ABCDEFGH@[`{ZZ@@zz``",
		"a", "A", "a.", "a,", "a'", "'a", "a\u2019s", "--a--", "a\u2014b\u2026c\u201cd\u201d",
		strings.Repeat("Negotiations ", 20),
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			assert.Equal(t, scanned(scanReference, s), scanned(scan, s))
		})
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"Moscow’s never-ending quest", "don't", "U.S.", "18.5", "x\xffy", "abcdefghij-KLMNOP",
		"1,2,3.", "日本 and TOKYO", "a\u2010b", "e.g. fine", "@[`{",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := scanned(scan, s), scanned(scanReference, s); !slices.Equal(got, want) {
			t.Fatalf("scan(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestWordRun holds wordRun to a byte-at-a-time loop for every byte
// value at every place of a word-sized window.
func TestWordRun(t *testing.T) {
	slow := func(s string, i int) int {
		for i < len(s) && s[i] < utf8.RuneSelf && asciiWord[s[i]] {
			i++
		}
		return i
	}
	base := []byte("abcXYZ09abcXYZ09ab")
	for pos := range 17 {
		for c := range 256 {
			b := slices.Clone(base)
			b[pos] = byte(c)
			for start := range 3 {
				s := string(b)
				if got, want := wordRun(s, start), slow(s, start); got != want {
					t.Fatalf("wordRun(%q, %d) = %d, want %d", s, start, got, want)
				}
			}
		}
	}
}

// TestTokenKeyWideReads checks that tokenKey gives the same key whether
// or not the token has bytes past its end in its buffer.
func TestTokenKeyWideReads(t *testing.T) {
	for _, tok := range tableTokens(500) {
		exact := []byte(tok)[:len(tok):len(tok)]
		roomy := append(append(make([]byte, 0, len(tok)+16), tok...), "garbage!garbage!"...)[:len(tok)]
		h1, k1 := tokenKey(exact)
		h2, k2 := tokenKey(roomy)
		if h1 != h2 || k1 != k2 {
			t.Fatalf("tokenKey(%q) differs with room past the token", tok)
		}
	}
}
