package features_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
)

// segmentCase is a golden case of testdata/sentences.json.
type segmentCase struct {
	Name string   `json:"name"`
	Text string   `json:"text"`
	Want []string `json:"want"`
}

func TestSentencesGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/sentences.json")
	require.NoError(t, err)
	var cases []segmentCase
	require.NoError(t, json.Unmarshal(b, &cases))
	require.NotEmpty(t, cases)
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			got := features.Sentences(tt.Text)
			if tt.Want == nil {
				tt.Want = []string{}
			}
			if got == nil {
				got = []string{}
			}
			require.Len(t, got, len(tt.Want), "got %q", got)
			assert.Equal(t, tt.Want, got)
		})
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
// trimmed, non-empty substring of text, in order.
func checkSegments(t testing.TB, text string, got []string) {
	t.Helper()
	pos := 0
	for i, s := range got {
		if s == "" || strings.TrimSpace(s) != s {
			t.Fatalf("sentence %d %q is empty or untrimmed", i, s)
		}
		j := strings.Index(text[pos:], s)
		if j < 0 {
			t.Fatalf("sentence %d %q is not a substring of the input after offset %d", i, s, pos)
		}
		pos += j + len(s)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"Mr. Abe met Dr. Smith. They talked.", "in 2018. These talks", "“a. b.” c",
		"U.S. Navy", "x\xff. Y", "\n\n", "(a). (b).", "日本。ロシア。", "etc. in",
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
