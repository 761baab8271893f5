package record_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

func TestEncoder(t *testing.T) {
	tests := []struct {
		name   string
		claims []corpus.Claim
	}{
		{"default", corpus.Claims()},
		// Label and feature names that JSON must escape.
		{"escaped names", []corpus.Claim{
			{Text: `He said "no" \ twice`, Label: `quote"d`},
			{Text: "Tab\tand <tag> & more", Label: "<b>&amp;"},
			{Text: "Toujours l’été", Label: "été\u2028"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := stance.Train(tt.claims, stance.WithMinCount(1))
			require.NoError(t, err)
			enc := record.NewEncoder(m)
			texts := []string{"", "zzz", "Moscow refuses to meet Tokyo halfway.", "a \"quoted\"\nline\x00 with \u2028 breaks"}
			for _, c := range tt.claims {
				texts = append(texts, c.Text)
			}
			var r stance.Result
			for i, text := range texts {
				p := m.Classify(text)
				want := record.AppendClaim(nil, "src/\"x\".txt", i, &p, m.Labels())
				m.ClassifyResult(&r, text, stance.MaxEvidence)
				got := enc.AppendClaim(nil, "src/\"x\".txt", i, text, &r)
				require.Equal(t, string(want), string(got), "%q", text)
				// Fewer features of evidence: the same record, cut short.
				m.ClassifyResult(&r, text, 0)
				p.Evidence = p.Evidence[:0]
				assert.Equal(t, string(record.AppendClaim(nil, "s", i, &p, m.Labels())), string(enc.AppendClaim(nil, "s", i, text, &r)), "%q without evidence", text)
			}
		})
	}
}
