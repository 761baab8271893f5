// Command segcompare measures the sentence segmenters stancekit has used
// on the same material and prints a Markdown table:
//
//   - features.Sentences, the rule-based segmenter;
//   - the Punkt model of github.com/neurosnap/sentences with the
//     corrections stancekit applied to it before (punkt.go);
//   - the Punkt model alone.
//
// Each is scored on the English Golden Rules when -rules names them (a
// JSON file made by tools/goldenrules/convert.py), on the project's own
// case of each Golden Rule class and its golden file
// (features/testdata), on the sentences of the five corpus articles
// (corpus/claims.jsonl), and timed on article 003. Run it from this
// directory:
//
//	go run . -rules /tmp/golden_rules.json
//
// It is a module of its own so that stancekit itself does not depend on
// github.com/neurosnap/sentences.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

// A segmentCase is a text and the sentences it splits into.
type segmentCase struct {
	Name string   `json:"name"`
	Text string   `json:"text"`
	Want []string `json:"want"`
}

func main() {
	rules := flag.String("rules", "", "JSON file of the English Golden Rules (see tools/goldenrules)")
	repo := flag.String("repo", "../..", "the stancekit checkout")
	flag.Parse()
	if err := run(*rules, *repo); err != nil {
		fmt.Fprintln(os.Stderr, "segcompare:", err)
		os.Exit(1)
	}
}

func run(rules, repo string) error {
	segmenters := []struct {
		name string
		fn   func(string) []string
	}{
		{"`features.Sentences` (rule-based)", features.Sentences},
		{"Punkt + corrections (before)", punktSentences},
		{"Punkt alone", plainPunkt},
	}
	type source struct {
		name  string
		cases []segmentCase
	}
	var sources []source
	if rules != "" {
		c, err := readCases(rules)
		if err != nil {
			return err
		}
		sources = append(sources, source{"Golden Rules", c})
	}
	for _, f := range []struct{ name, path string }{
		{"own Golden Rule cases", "features/testdata/golden_rules_own.json"},
		{"golden file", "features/testdata/sentences.json"},
	} {
		c, err := readCases(filepath.Join(repo, f.path))
		if err != nil {
			return err
		}
		sources = append(sources, source{f.name, c})
	}
	var article003 string
	for _, a := range corpus.Articles() {
		if strings.HasPrefix(a.ID, "003") {
			article003 = a.Text
		}
	}

	fmt.Print("| segmenter |")
	for _, s := range sources {
		fmt.Printf(" %s |", s.name)
	}
	fmt.Println(" article sentences | articles identical | time, article 003 (18 KB) |")
	fmt.Println("|" + strings.Repeat(" --- |", len(sources)+4))
	for _, seg := range segmenters {
		fmt.Printf("| %s |", seg.name)
		for _, s := range sources {
			fmt.Printf(" %d/%d |", passed(seg.fn, s.cases), len(s.cases))
		}
		found, total, same := articleScore(seg.fn)
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				seg.fn(article003)
			}
		})
		fmt.Printf(" %d/%d | %d/5 | %.2f ms |\n", found, total, same, float64(r.NsPerOp())/1e6)
	}
	return nil
}

// passed returns how many cases fn splits exactly as wanted.
func passed(fn func(string) []string, cases []segmentCase) int {
	n := 0
	for _, c := range cases {
		got := fn(c.Text)
		if len(got) == 0 && len(c.Want) == 0 || slices.Equal(got, c.Want) {
			n++
		}
	}
	return n
}

// articleScore returns how many corpus sentences fn gives exactly, out
// of how many, and on how many articles its sentences are the corpus's.
func articleScore(fn func(string) []string) (found, total, same int) {
	want := map[string][]string{}
	for _, c := range corpus.ArticleClaims() {
		want[c.Source] = append(want[c.Source], c.Text)
	}
	for _, a := range corpus.Articles() {
		got := fn(a.Text)
		count := map[string]int{}
		for _, s := range got {
			count[s]++
		}
		for _, s := range want[a.ID] {
			total++
			if count[s] > 0 {
				count[s]--
				found++
			}
		}
		if slices.Equal(got, want[a.ID]) {
			same++
		}
	}
	return found, total, same
}

// readCases reads a JSON array of cases.
func readCases(path string) ([]segmentCase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cases []segmentCase
	if err := json.Unmarshal(b, &cases); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cases, nil
}

// plainPunkt splits text with the Punkt model alone.
func plainPunkt(text string) []string {
	tok, err := punkt()
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range tok.Tokenize(text) {
		if t := strings.TrimSpace(s.Text); t != "" {
			out = append(out, t)
		}
	}
	return out
}
