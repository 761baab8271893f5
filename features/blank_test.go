package features

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBlankLine checks blankLine against the regular expression it
// stands for, on string and byte input.
func TestBlankLine(t *testing.T) {
	re := regexp.MustCompile(`\n[ \t\r\f\v\p{Zs}]*\n\s*`)
	check := func(s string) {
		t.Helper()
		want := []int{-1, -1}
		if m := re.FindStringIndex(s); m != nil {
			want = m
		}
		i, j := blankLine(s)
		assert.Equal(t, want, []int{i, j}, "%q", s)
		i, j = blankLine([]byte(s))
		assert.Equal(t, want, []int{i, j}, "%q as bytes", s)
	}
	for _, s := range []string{
		"", "a", "a\nb", "a\n\nb", "a\n \t\n\n  b", "a\r\n\r\nb", "a\n\u00a0\u2003\u3000\n b",
		"a\n\u200b\nb", "a\n\v\n\vb", "a\n x\n\nb", "\n\n", "\n", "a\n\u00a0", "a\n\xc2\n",
		"a\n\u202f\u205f\u1680\n\tb", "a\n\u2000\u200a\n",
	} {
		check(s)
	}
	parts := []string{"a", "\n", " ", "\t", "\r", "\v", "\f", "\u00a0", "\u2003", "\u200b", "\xc2", "\xe2\x80", "\u3000"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		check(b.String())
	}
}
