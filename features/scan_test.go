package features_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
)

func scanAll(t *testing.T, in string, lines bool) []string {
	t.Helper()
	sc := features.NewClaimScanner(strings.NewReader(in))
	sc.Lines = lines
	var out []string
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	require.NoError(t, sc.Err())
	return out
}

func TestClaimScanner(t *testing.T) {
	text := "Mr. Abe came. He left.\n\nA second\nparagraph here. End\n \n\nLast one."
	assert.Equal(t, []string{"Mr. Abe came.", "He left.", "A second\nparagraph here.", "End", "Last one."}, scanAll(t, text, false))
	assert.Equal(t, features.Sentences(text), scanAll(t, text, false), "streaming differs from Sentences")
	assert.Equal(t, []string{"Mr. Abe came. He left.", "A second", "paragraph here. End", "Last one."}, scanAll(t, text, true))
	assert.Empty(t, scanAll(t, "", false))
	assert.Empty(t, scanAll(t, "\n\n \n", true))
}

// TestClaimScannerBytes checks that Bytes gives the claims Text gives,
// in both modes, whichever of the two is called first.
func TestClaimScannerBytes(t *testing.T) {
	text := "Mr. Abe came. He left.\n\n  A second  \nparagraph here. End\n \n\nLast one."
	for _, lines := range []bool{false, true} {
		want := scanAll(t, text, lines)
		sc := features.NewClaimScanner(strings.NewReader(text))
		sc.Lines = lines
		var got []string
		for i := 0; sc.Scan(); i++ {
			if i%2 == 0 {
				got = append(got, string(sc.Bytes()))
				assert.Equal(t, got[i], sc.Text())
			} else {
				got = append(got, sc.Text())
				assert.Equal(t, got[i], string(sc.Bytes()))
			}
		}
		require.NoError(t, sc.Err())
		assert.Equal(t, want, got, "lines=%v", lines)
	}
}

func TestClaimScannerLongBlock(t *testing.T) {
	word := "pas "
	long := strings.Repeat(word, 3*features.MaxBlockBytes/len(word)) // 3 MiB, no punctuation

	// Paragraphs are cut at white space; no word is lost.
	got := scanAll(t, long+"\n\nnext", false)
	require.GreaterOrEqual(t, len(got), 4)
	total := 0
	for _, c := range got[:len(got)-1] {
		assert.LessOrEqual(t, len(c), features.MaxBlockBytes)
		total += strings.Count(c, "pas")
	}
	assert.Equal(t, 3*features.MaxBlockBytes/len(word), total, "words lost when cutting")
	assert.Equal(t, "next", got[len(got)-1])

	// A line is one claim: truncated, the rest skipped, and reported.
	sc := features.NewClaimScanner(strings.NewReader("short\n" + long + "\nnext\n"))
	sc.Lines = true
	var claims []string
	var cut []bool
	for sc.Scan() {
		claims = append(claims, sc.Text())
		cut = append(cut, sc.Truncated())
	}
	require.NoError(t, sc.Err())
	require.Len(t, claims, 3)
	assert.Equal(t, []bool{false, true, false}, cut)
	assert.Equal(t, "next", claims[2])
	assert.LessOrEqual(t, len(claims[1]), features.MaxBlockBytes)
	assert.True(t, strings.HasPrefix(long, claims[1]))

	// No white space at all: cut at a character boundary.
	runes := strings.Repeat("я", features.MaxBlockBytes) // 2 MiB
	got = scanAll(t, runes, true)
	require.Len(t, got, 1)
	assert.True(t, utf8.ValidString(got[0]))
	assert.True(t, strings.HasPrefix(runes, got[0]))
	got = scanAll(t, runes, false)
	assert.Equal(t, runes, strings.Join(got, ""))
}
