package beam

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/stancekit/stancekit/record"
)

func init() {
	beam.RegisterType(reflect.TypeOf(tally{}))
	register.Combiner3[tally, string, tally](&countFn{})
	register.Combiner3[tally, tally, string](&totalFn{})
	register.DoFn2x1[string, tally, string](&summaryFn{})
}

// Summarize counts the labels of every source of labeled, the
// PCollection<KV<string,string>> of sources and labels that [Classify]
// returns, with a combiner, and the parts that are not claims (the empty
// label) as skipped. labels lists the model's labels
// ([stance.Model.Labels]); every other label of labeled must be one of
// them. It returns two PCollection<string>:
//
//   - summaries: for each source, the summary record of `stance classify
//     -summary`, without the final newline: its claims by label and its
//     skipped parts;
//   - totals: one summary record of all sources, with their number in
//     place of a source name (record.AppendTotals), or nothing if
//     labeled is empty.
//
// A source whose parts are all skipped has a summary of 0 claims; a
// source without any part (an empty document) has nothing in labeled, so
// no summary, where `stance classify -summary` writes one of 0 claims.
func Summarize(s beam.Scope, labels []string, labeled beam.PCollection) (summaries, totals beam.PCollection) {
	s = s.Scope("stancekit.Summarize")
	labels = slices.Clone(labels)
	perSource := beam.CombinePerKey(s, &countFn{Labels: labels}, labeled)
	summaries = beam.ParDo(s, &summaryFn{Labels: labels}, perSource)
	totals = beam.Combine(s, &totalFn{Labels: labels}, beam.DropKey(s, perSource))
	return summaries, totals
}

// A tally is the accumulator of the combiners: claim counts by label,
// and skipped parts.
type tally struct {
	// Sources is the number of sources counted.
	Sources int
	// Skipped is the number of parts that are not claims.
	Skipped int
	// Counts holds the claims of each label, in the order of the
	// combiner's Labels.
	Counts []int
}

// add adds the counts of t to a and returns a.
func (a tally) add(t tally) tally {
	a.Sources += t.Sources
	a.Skipped += t.Skipped
	if len(a.Counts) < len(t.Counts) {
		a.Counts = append(a.Counts, make([]int, len(t.Counts)-len(a.Counts))...)
	}
	for i, n := range t.Counts {
		a.Counts[i] += n
	}
	return a
}

// counts returns the counts of a by label name.
func (a tally) counts(labels []string) map[string]int {
	m := make(map[string]int, len(labels))
	for i, l := range labels {
		m[l] = a.Counts[i]
	}
	return m
}

// countFn counts the labels of one source.
type countFn struct {
	// Labels lists the labels counted.
	Labels []string `json:"labels"`

	index map[string]int
}

func (f *countFn) CreateAccumulator() tally {
	return tally{Counts: make([]int, len(f.Labels))}
}

func (f *countFn) AddInput(a tally, label string) (tally, error) {
	if label == skippedLabel {
		a.Skipped++
		return a, nil
	}
	if f.index == nil {
		f.index = make(map[string]int, len(f.Labels))
		for i, l := range f.Labels {
			f.index[l] = i
		}
	}
	i, ok := f.index[label]
	if !ok {
		return a, fmt.Errorf("beam: Summarize: label %q is not one of %q", label, f.Labels)
	}
	a.Counts[i]++
	return a, nil
}

func (f *countFn) MergeAccumulators(a, b tally) tally { return a.add(b) }

func (f *countFn) ExtractOutput(a tally) tally {
	a.Sources = 1
	return a
}

// summaryFn writes the summary record of one source.
type summaryFn struct {
	// Labels lists the labels counted.
	Labels []string `json:"labels"`
}

func (f *summaryFn) ProcessElement(source string, a tally) string {
	b := record.AppendSummary(nil, source, a.counts(f.Labels), a.Skipped, f.Labels)
	return string(b[:len(b)-1])
}

// totalFn adds up the tallies of all sources into the totals record.
type totalFn struct {
	// Labels lists the labels counted.
	Labels []string `json:"labels"`
}

func (f *totalFn) CreateAccumulator() tally {
	return tally{Counts: make([]int, len(f.Labels))}
}

func (f *totalFn) AddInput(a, t tally) tally { return a.add(t) }

func (f *totalFn) MergeAccumulators(a, b tally) tally { return a.add(b) }

func (f *totalFn) ExtractOutput(a tally) string {
	b := record.AppendTotals(nil, a.Sources, a.counts(f.Labels), a.Skipped, f.Labels)
	return string(b[:len(b)-1])
}
