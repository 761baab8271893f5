package features_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
)

// segmentCase is a golden case of testdata/sentences.json and of the
// Golden Rule files: a text and the sentences it splits into.
type segmentCase struct {
	Name string   `json:"name"`
	Text string   `json:"text"`
	Want []string `json:"want"`
}

// readCases reads a JSON array of segmentCase.
func readCases(t *testing.T, path string) []segmentCase {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var cases []segmentCase
	require.NoError(t, json.Unmarshal(b, &cases), path)
	require.NotEmpty(t, cases, path)
	return cases
}

// runCases checks Sentences on every case and returns how many pass.
func runCases(t *testing.T, cases []segmentCase) int {
	t.Helper()
	passed := 0
	for _, tt := range cases {
		ok := t.Run(tt.Name, func(t *testing.T) {
			got := features.Sentences(tt.Text)
			checkSegments(t, tt.Text, got)
			want := tt.Want
			if want == nil {
				want = []string{}
			}
			if got == nil {
				got = []string{}
			}
			require.Len(t, got, len(want), "got %q", got)
			assert.Equal(t, want, got)
		})
		if ok {
			passed++
		}
	}
	return passed
}

func TestSentencesGolden(t *testing.T) {
	runCases(t, readCases(t, "testdata/sentences.json"))
}

// TestGoldenRulesOwn runs testdata/golden_rules_own.json: one case of
// each class of the English Golden Rules of the Pragmatic Segmenter,
// written for this project.
func TestGoldenRulesOwn(t *testing.T) {
	cases := readCases(t, "testdata/golden_rules_own.json")
	assert.Len(t, cases, 48)
	n := runCases(t, cases)
	t.Logf("own Golden Rule cases: %d/%d", n, len(cases))
}

// TestGoldenRules runs the English Golden Rules themselves when
// STANCEKIT_GOLDEN_RULES names a JSON file of them (see
// tools/goldenrules); it is skipped otherwise.
func TestGoldenRules(t *testing.T) {
	path := os.Getenv("STANCEKIT_GOLDEN_RULES")
	if path == "" {
		t.Skip("STANCEKIT_GOLDEN_RULES is not set")
	}
	cases := readCases(t, path)
	n := runCases(t, cases)
	t.Logf("Golden Rules: %d/%d", n, len(cases))
}

// TestClaimScannerMatchesSentences checks that streaming the golden
// texts gives the sentences of Sentences.
func TestClaimScannerMatchesSentences(t *testing.T) {
	for _, path := range []string{"testdata/sentences.json", "testdata/golden_rules_own.json"} {
		var all []string
		for _, c := range readCases(t, path) {
			all = append(all, c.Text)
		}
		text := strings.Join(all, "\n\n")
		assert.Equal(t, features.Sentences(text), scanAll(t, text, false), path)
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "a b\nc d\n", []string{"a b", "c d"}},
		{"blank and padded lines", "\n  one \r\n\n\ttwo", []string{"one", "two"}},
		{"no final newline", "x", []string{"x"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, features.Lines(tt.in))
		})
	}
}

// checkSegments asserts the segmentation invariants: every sentence is a
// trimmed, non-empty substring of text, in order, and every character of
// text other than white space is in exactly one sentence.
func checkSegments(t testing.TB, text string, got []string) {
	t.Helper()
	pos := 0
	for i, s := range got {
		if s == "" || strings.TrimSpace(s) != s {
			t.Fatalf("sentence %d %q is empty or untrimmed", i, s)
		}
		pos = skipSpace(text, pos)
		if !strings.HasPrefix(text[pos:], s) {
			t.Fatalf("sentence %d %q is not the text after offset %d: %q", i, s, pos, text[pos:])
		}
		pos += len(s)
	}
	if rest := text[skipSpace(text, pos):]; rest != "" {
		t.Fatalf("text %q after the last sentence is in no sentence", rest)
	}
	// The walk above already proves that nothing but white space lies
	// between the sentences; compare the non-space text sentence by
	// sentence too (not of the joined sentences: invalid bytes on either
	// side of a gap may join into a valid space character).
	var a, b strings.Builder
	pos = 0
	for _, s := range got {
		start := skipSpace(text, pos)
		a.WriteString(withoutSpace(text[pos:start]))
		a.WriteString(withoutSpace(text[start : start+len(s)]))
		b.WriteString(withoutSpace(s))
		pos = start + len(s)
	}
	a.WriteString(withoutSpace(text[pos:]))
	if a.String() != b.String() {
		t.Fatalf("the sentences hold %q, not the text's %q", b.String(), a.String())
	}
}

// skipSpace returns the offset of the first character of text at or
// after pos that is not white space.
func skipSpace(text string, pos int) int {
	for pos < len(text) {
		r, n := utf8.DecodeRuneInString(text[pos:])
		if !unicode.IsSpace(r) {
			break
		}
		pos += n
	}
	return pos
}

// withoutSpace returns s without its white space.
func withoutSpace(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(r) {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"Mr. Abe met Dr. Smith. They talked.", "in 2018. These talks", "“a. b.” c",
		"U.S. Navy", "x\xff. Y", "\n\n", "(a). (b).", "日本。ロシア。", "etc. in",
		"1. One 2. Two", "• a • b", "word. . . . Next", "He said \"no.\" Then", "(x. (y.) z.) W",
		"At 5 a.m. Mr. Smith left. At 6 P.M. Lavrov", "a) x\n- y\n* z", "no. 5. No. Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := features.Sentences(text)
		checkSegments(t, text, got)
		for _, s := range got {
			if utf8.ValidString(text) && !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
	})
}

func BenchmarkSentences(b *testing.B) {
	text, err := os.ReadFile("../corpus/articles/003_6583139472fcbe27.txt")
	require.NoError(b, err)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		features.Sentences(string(text))
	}
}
