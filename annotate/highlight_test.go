package annotate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancekit/stancekit/stance"
)

// TestHighlight checks which words the evidence marks.
func TestHighlight(t *testing.T) {
	ev := func(features ...string) []stance.Evidence {
		var out []stance.Evidence
		for i, f := range features {
			out = append(out, stance.Evidence{Feature: f, Count: 1, Contribution: float64(10 - i)})
		}
		return out
	}
	tests := []struct {
		name     string
		text     string
		evidence []stance.Evidence
		want     []string
	}{
		{"stem and actor bigram", "Moscow refuses to meet Tokyo halfway.", ev("@russia refus"), []string{"Moscow", "refuses"}},
		{"bigram words apart", "Moscow talks, and Tokyo refuses.", ev("@russia refus"), nil},
		{"unigrams anywhere", "Moscow talks, and Tokyo refuses.", ev("refus", "@japan"), []string{"Tokyo", "refuses"}},
		{"direction feature marks its actor", "Russia says Tokyo’s intransigence blocks a deal.", ev("blame→@japan"), []string{"Tokyo’s"}},
		{"actor of two words", "The United States objects to the deal.", ev("@us"), []string{"United", "States"}},
		{"compound word", "It was a one-sided deal.", ev("one side"), []string{"one-sided"}},
		{"negated stem", "Russia is not at fault.", ev("not_fault"), []string{"fault"}},
		{"punctuation stays outside", "(Moscow), refuses!", ev("@russia", "refus"), []string{"Moscow", "refuses"}},
		{"only the strongest five", "alpha beta gamma delta epsilon zeta", ev("alpha", "beta", "gamma", "delta", "epsilon", "zeta"),
			[]string{"alpha", "beta", "gamma", "delta", "epsilon"}},
		{"no evidence", "Moscow refuses.", nil, nil},
		{"empty text", "", ev("refus"), nil},
	}
	h := newHighlighter(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := h.segments(tt.text, tt.evidence)
			var marked []string
			var all strings.Builder
			for _, s := range segs {
				all.WriteString(s.Text)
				if s.Mark {
					marked = append(marked, s.Text)
				}
			}
			assert.Equal(t, tt.want, marked)
			assert.Equal(t, tt.text, all.String(), "the segments make up the text")
		})
	}
}

// FuzzHighlight checks, on any text and evidence, that the segments make
// up the text and that every marked segment is a word.
func FuzzHighlight(f *testing.F) {
	f.Add("Moscow refuses to meet Tokyo halfway.", "@russia refus")
	f.Add("The United States objects to a one-sided deal.", "blame→@us")
	f.Add("\xff(Tokyo’s) \u202e not at fault!", "not_fault")
	h := newHighlighter(nil)
	f.Fuzz(func(t *testing.T, text, feature string) {
		ev := []stance.Evidence{{Feature: feature}}
		for _, x := range h.v.Features(text) {
			ev = append(ev, stance.Evidence{Feature: x})
		}
		var all strings.Builder
		for _, s := range h.segments(text, ev) {
			all.WriteString(s.Text)
			if s.Mark && len(wordSpans(s.Text)) != 1 {
				t.Fatalf("marked %q is not one word", s.Text)
			}
		}
		if all.String() != text {
			t.Fatalf("segments make %q, not %q", all.String(), text)
		}
	})
}
