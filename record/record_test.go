package record_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

// claimRecord is the decoded form of a claim record.
type claimRecord struct {
	Source        string             `json:"source"`
	Index         int                `json:"index"`
	Text          string             `json:"text"`
	Label         string             `json:"label"`
	Probabilities map[string]float64 `json:"probabilities"`
	Evidence      []stance.Evidence  `json:"evidence"`
}

func TestAppendClaim(t *testing.T) {
	labels := []string{"b", "a"}
	tests := []struct {
		name, text, wantText string
	}{
		{"plain", "Moscow refuses.", "Moscow refuses."},
		{"quotes and backslash", `say "no" \ here`, `say "no" \ here`},
		{"control characters", "a\tb\nc\rd\x00e\x01\x1f\x7f", "a\tb\nc\rd\x00e\x01\x1f\x7f"},
		{"invalid UTF-8", "a\xff\xfeb", "a\ufffd\ufffdb"},
		{"line separators", "a\u2028b\u2029c", "a\u2028b\u2029c"},
		{"CJK and emoji", "日本 🇯🇵", "日本 🇯🇵"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := stance.Prediction{
				Text:          tt.text,
				Label:         "a",
				Probabilities: map[string]float64{"a": 0.75, "b": 0.25},
				Evidence:      []stance.Evidence{{Feature: tt.text, Count: 2, Contribution: -1.5}},
			}
			b := record.AppendClaim([]byte("prefix\n"), "src\"1", 7, &p, labels)
			require.True(t, strings.HasPrefix(string(b), "prefix\n"))
			line := string(b[len("prefix\n"):])
			require.True(t, strings.HasSuffix(line, "}\n"), line)
			assert.Equal(t, 1, strings.Count(line, "\n"), "one line: %q", line)
			var got claimRecord
			require.NoError(t, json.Unmarshal([]byte(line), &got), line)
			want := claimRecord{
				Source: "src\"1", Index: 7, Text: tt.wantText, Label: "a",
				Probabilities: map[string]float64{"a": 0.75, "b": 0.25},
				Evidence:      []stance.Evidence{{Feature: tt.wantText, Count: 2, Contribution: -1.5}},
			}
			assert.Equal(t, want, got)
			// Labels come in the order given.
			assert.Contains(t, line, `"probabilities":{"b":0.2500,"a":0.7500}`)
		})
	}
}

func TestAppendSummary(t *testing.T) {
	labels := []string{"x", "y", "z"}
	tests := []struct {
		name   string
		counts map[string]int
		want   string
	}{
		{"shares", map[string]int{"x": 1, "y": 2},
			`{"source":"s","summary":{"claims":3,"skipped":0,"counts":{"x":1,"y":2,"z":0},"shares":{"x":0.3333,"y":0.6667,"z":0.0000}}}` + "\n"},
		{"no claims", nil,
			`{"source":"s","summary":{"claims":0,"skipped":0,"counts":{"x":0,"y":0,"z":0},"shares":{"x":0.0000,"y":0.0000,"z":0.0000}}}` + "\n"},
		{"labels outside the list are not counted", map[string]int{"x": 1, "other": 5},
			`{"source":"s","summary":{"claims":1,"skipped":0,"counts":{"x":1,"y":0,"z":0},"shares":{"x":1.0000,"y":0.0000,"z":0.0000}}}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(record.AppendSummary(nil, "s", tt.counts, 0, labels)))
			wantTotals := `{"sources":4` + strings.TrimPrefix(tt.want, `{"source":"s"`)
			assert.Equal(t, wantTotals, string(record.AppendTotals(nil, 4, tt.counts, 0, labels)))
		})
	}
}

func TestAppendFixed4(t *testing.T) {
	for _, x := range []float64{0, 1, 0.5, 0.12345, 0.99996, 1.00004, 2.36, 123.456789, -0.00004, -1.5, 1e-9, 0.00005, 0.00015, 7e11, 2e12, -3e15} {
		want := strconv.FormatFloat(x, 'f', 4, 64)
		got := string(record.AppendFixed4(nil, x))
		// Ties may round differently (half away from zero vs. to even).
		if got != want {
			f, err := strconv.ParseFloat(got, 64)
			require.NoError(t, err)
			assert.InDelta(t, x, f, 0.00006, "AppendFixed4(%v) = %s, strconv %s", x, got, want)
		}
	}
}

// BenchmarkAppendClaim encodes the record of a typical claim: four labels
// and ten pieces of evidence.
func BenchmarkAppendClaim(b *testing.B) {
	labels := []string{"blame_japan", "blame_russia", "compromise", "neutral"}
	p := stance.Prediction{
		Text:          "Moscow refuses to meet Tokyo even part way on the islands, and Tokyo \"waits\".",
		Label:         "blame_russia",
		Probabilities: map[string]float64{"blame_japan": 0.0025, "blame_russia": 0.9398, "compromise": 0.0561, "neutral": 0.0016},
	}
	for i := range stance.MaxEvidence {
		p.Evidence = append(p.Evidence, stance.Evidence{Feature: "@russia refus", Count: 1, Contribution: 2.373 / float64(i+1)})
	}
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		buf = record.AppendClaim(buf[:0], "corpus/articles/000_b31ac3494a5f4ce4.txt", 17, &p, labels)
	}
	b.SetBytes(int64(len(buf)))
}
