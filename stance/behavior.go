package stance

import (
	"fmt"
	"strings"

	"github.com/stancekit/stancekit/corpus"
)

// A BehaviorReport holds the results of a behavioral test suite.
type BehaviorReport struct {
	// Tests holds the result of each test, in the order of their first
	// case.
	Tests []TestResult `json:"tests"`
	// Cases and Passed count the cases over all tests.
	Cases  int `json:"cases"`
	Passed int `json:"passed"`
	// Sentences counts the sentences over all cases.
	Sentences int `json:"sentences"`
}

// A TestResult is the result of one test of a behavioral suite.
type TestResult struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	Cases  int    `json:"cases"`
	Passed int    `json:"passed"`
	// Failures lists the first sentence of each failed case with what
	// the classifier said, as "sentence → label".
	Failures []string `json:"failures,omitempty"`
}

// PassRate returns the share of the test's cases that passed.
func (t TestResult) PassRate() float64 { return rate(t.Passed, t.Cases) }

// PassRate returns the share of all cases that passed.
func (r *BehaviorReport) PassRate() float64 { return rate(r.Passed, r.Cases) }

// TypeRate returns the share of the cases of one type ("MFT", "INV",
// "DIR") that passed.
func (r *BehaviorReport) TypeRate(typ string) float64 {
	var n, ok int
	for _, t := range r.Tests {
		if t.Type == typ {
			n, ok = n+t.Cases, ok+t.Passed
		}
	}
	return rate(ok, n)
}

func rate(ok, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// EvaluateBehavior runs a behavioral test suite, such as
// [corpus.Behavior], on classifier c. A case passes when every one of its
// sentences gets the label it expects (see [corpus.Case]).
func EvaluateBehavior(c Classifier, cases []corpus.Case) *BehaviorReport {
	r := &BehaviorReport{}
	index := make(map[string]int)
	for _, cs := range cases {
		i, ok := index[cs.Test]
		if !ok {
			i = len(r.Tests)
			index[cs.Test] = i
			r.Tests = append(r.Tests, TestResult{Name: cs.Test, Type: cs.Type})
		}
		t := &r.Tests[i]
		t.Cases++
		r.Cases++
		r.Sentences += len(cs.Sentences())
		if failure := check(c, cs); failure != "" {
			t.Failures = append(t.Failures, failure)
			continue
		}
		t.Passed++
		r.Passed++
	}
	return r
}

// check runs one case and returns "" if it passes, or the first failing
// sentence with its label.
func check(c Classifier, cs corpus.Case) string {
	want := map[string]string{}
	for _, s := range cs.Sentences() {
		want[s] = cs.Label
	}
	if cs.Swap != "" {
		want[cs.Swap] = cs.SwapLabel
	}
	for _, s := range cs.Sentences() {
		if got := c.Classify(s).Label; got != want[s] {
			return fmt.Sprintf("%s → %s (want %s)", s, got, want[s])
		}
	}
	return ""
}

// String formats the report as a table: each test with its cases and
// pass rate, then the totals.
func (r *BehaviorReport) String() string {
	var b strings.Builder
	w := len("test")
	for _, t := range r.Tests {
		w = max(w, len(t.Name))
	}
	fmt.Fprintf(&b, "%-*s  cases  passed   rate\n", w, "test")
	for _, t := range r.Tests {
		fmt.Fprintf(&b, "%-*s  %5d  %6d  %5.3f\n", w, t.Name, t.Cases, t.Passed, t.PassRate())
	}
	fmt.Fprintf(&b, "%-*s  %5d  %6d  %5.3f  (%d sentences)\n", w, "all", r.Cases, r.Passed, r.PassRate(), r.Sentences)
	return b.String()
}
