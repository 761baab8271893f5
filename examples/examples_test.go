// Package examples_test builds and runs every example program and checks
// its output for its key lines, so that no example can rot.
package examples_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	// The examples are built by the go command, which the test cache
	// does not see: importing what they use (and reading their sources
	// below) makes a change to any of them re-run this test.
	_ "github.com/stancekit/stancekit/corpus"
	_ "github.com/stancekit/stancekit/features"
	_ "github.com/stancekit/stancekit/report"
	_ "github.com/stancekit/stancekit/stance"
)

func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every example")
	}
	tests := []struct {
		name string
		args []string
		want []string // substrings of the output
	}{
		{"quickstart", nil, []string{
			"Trained on ",
			"labels: blame_japan, blame_russia, compromise, neutral",
			"\"Moscow refuses to meet Tokyo even part way on the islands.\"\n  label        blame_russia",
			"  label        compromise",
			"  evidence     @russia refus (+",
		}},
		{"article", nil, []string{
			"A Caravan to Nowhere? Russo-Japanese Relations",
			"  #  label            p  claim",
			"Stance profile:",
			"All five articles (share of claims per label):",
			"004_c1dd5dcbae0e802c",
		}},
		{"extend", []string{"extend/my-labels.jsonl"}, []string{
			"Read 22 records of my own from extend/my-labels.jsonl.",
			"Relabeled 2 built-in claims, added 20.",
			"Labels after:  blame_china, blame_japan, blame_russia, compromise, neutral",
			"before: neutral      after: blame_china",
			"Built-in claims to review for blame_china:",
			"worth labeling next:",
		}},
		{"report", []string{"-o", "REPORT"}, []string{
			"Wrote ", ": 5 articles, 258 claims, with the cross-validation report (macro-F1 0.",
		}},
		{"evaluate", []string{"-variants=false"}, []string{
			"stratified 10-fold × 5 (seed 1)",
			"leave-one-source-out (5 sources)",
			"DIR: actor swap",
			"(276 sentences)",
			"confusion (rows: true, columns: predicted)",
		}},
	}
	dir := t.TempDir()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srcs, err := filepath.Glob(filepath.Join(tt.name, "*"))
			require.NoError(t, err)
			for _, src := range srcs {
				_, err := os.ReadFile(src)
				require.NoError(t, err)
			}
			bin := filepath.Join(dir, tt.name)
			build := exec.Command(gobin, "build", "-o", bin, "./"+tt.name)
			out, err := build.CombinedOutput()
			require.NoError(t, err, "%s", out)
			args := slices.Clone(tt.args)
			for i, a := range args {
				if a == "REPORT" {
					args[i] = filepath.Join(dir, "report.html")
				}
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = os.Environ()
			out, err = cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			for _, w := range tt.want {
				assert.Contains(t, string(out), w)
			}
			if tt.name == "report" {
				html, err := os.ReadFile(filepath.Join(dir, "report.html"))
				require.NoError(t, err)
				assert.Equal(t, 258, strings.Count(string(html), `class="claim `))
			}
		})
	}
}
