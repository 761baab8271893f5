package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	stancebeam "github.com/stancekit/stancekit/beam"
	"github.com/stancekit/stancekit/beam/internal/seeds"
	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// root is the stancekit checkout this module is nested in.
var root = func() string {
	dir, err := filepath.Abs("../../..")
	if err != nil {
		panic(err)
	}
	return dir
}()

// stanceBinary builds the stance command of the core module, with its
// own go.mod, once.
var stanceBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "stancebeam-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "stance")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "./cmd/stance")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%v: %s", err, out)
	}
	return bin, nil
})

// stanceClassify runs `stance classify -summary` with flags on files and
// returns its claim records and summary records, each sorted.
func stanceClassify(t *testing.T, flags []string, files ...string) (claims, summaries []string) {
	t.Helper()
	bin, err := stanceBinary()
	require.NoError(t, err)
	args := append([]string{"classify", "-summary"}, flags...)
	out, err := exec.Command(bin, append(args, files...)...).Output()
	require.NoError(t, err)
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if strings.Contains(l, `","summary":{`) {
			summaries = append(summaries, l)
		} else {
			claims = append(claims, l)
		}
	}
	slices.Sort(claims)
	slices.Sort(summaries)
	return claims, summaries
}

// setFlags sets command-line flags for one test and restores them after.
func setFlags(t *testing.T, kv ...string) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		f := flag.Lookup(kv[i])
		require.NotNil(t, f, kv[i])
		old := f.Value.String()
		require.NoError(t, flag.Set(kv[i], kv[i+1]))
		t.Cleanup(func() { flag.Set(f.Name, old) })
	}
}

// readShards returns the lines of the shard files of prefix, sorted, and
// checks there are n of them.
func readShards(t *testing.T, prefix string, n int) []string {
	t.Helper()
	names, err := filepath.Glob(prefix + "-*.jsonl")
	require.NoError(t, err)
	require.Len(t, names, n)
	var all []string
	for i := range n {
		b, err := os.ReadFile(stancebeam.ShardName(prefix, i, n))
		require.NoError(t, err)
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			all = append(all, sc.Text())
		}
		require.NoError(t, sc.Err())
	}
	slices.Sort(all)
	return all
}

// totals returns the totals record of `stance classify -summary` records.
func totals(t *testing.T, summaries []string) []string {
	t.Helper()
	counts := make(map[string]int)
	var labels []string
	skipped := 0
	for _, s := range summaries {
		var rec struct {
			Summary struct {
				Skipped int            `json:"skipped"`
				Counts  map[string]int `json:"counts"`
			} `json:"summary"`
		}
		require.NoError(t, json.Unmarshal([]byte(s), &rec))
		for l, n := range rec.Summary.Counts {
			if _, ok := counts[l]; !ok {
				labels = append(labels, l)
			}
			counts[l] += n
		}
		skipped += rec.Summary.Skipped
	}
	if len(summaries) == 0 {
		return nil
	}
	slices.Sort(labels)
	return []string{strings.TrimSuffix(string(record.AppendTotals(nil, len(summaries), counts, skipped, labels)), "\n")}
}

// copyFiles copies the files of from that match pattern to the directory
// to and returns their new names.
func copyFiles(t *testing.T, from, pattern, to string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(from, pattern))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(to, 0o755))
	var out []string
	for _, name := range names {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		dst := filepath.Join(to, filepath.Base(name))
		require.NoError(t, os.WriteFile(dst, b, 0o644))
		out = append(out, dst)
	}
	return out
}

// writeInputs writes the corpus articles, the saved pages of
// page/testdata, a file of claims and a JSON Lines file of documents (the
// articles and the pages again, under their file names, and malformed
// lines) to dir.
func writeInputs(t *testing.T, dir string) (articles, pages []string, claimsFile, docsFile string, bad []string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "articles"), 0o755))
	for _, a := range corpus.Articles() {
		name := filepath.Join(dir, "articles", a.ID+".txt")
		require.NoError(t, os.WriteFile(name, []byte(a.Text), 0o644))
		articles = append(articles, name)
	}
	pages = copyFiles(t, filepath.Join(root, "page", "testdata"), "*.html", filepath.Join(dir, "pages"))
	require.Len(t, pages, 5)
	var docs bytes.Buffer
	for _, name := range append(slices.Clone(articles), pages...) {
		text, err := os.ReadFile(name)
		require.NoError(t, err)
		b, err := json.Marshal(stancebeam.Document{Source: name, Text: string(text)})
		require.NoError(t, err)
		docs.Write(append(b, '\n'))
	}
	bad = []string{`{"source": "x.txt", "text": `, `{"text": "no source"}`}
	for _, l := range bad {
		docs.WriteString(l + "\n")
	}
	docsFile = filepath.Join(dir, "docs.jsonl")
	require.NoError(t, os.WriteFile(docsFile, docs.Bytes(), 0o644))

	var claims strings.Builder
	for i, c := range corpus.Claims() {
		fmt.Fprintf(&claims, "%s %d\n", c.Text, i%7)
		if i%50 == 0 {
			claims.WriteString("\n   \n") // blank lines are skipped
		}
	}
	claimsFile = filepath.Join(dir, "claims.txt")
	require.NoError(t, os.WriteFile(claimsFile, []byte(claims.String()), 0o644))
	return articles, pages, claimsFile, docsFile, bad
}

// TestSameAsStanceClassify runs the command on Prism on every kind of
// input and compares its files with the output of `stance classify`: the
// records of the claims (and of the skipped parts with --keep-skipped),
// the summaries with their skipped counts, and the totals.
func TestSameAsStanceClassify(t *testing.T) {
	in := t.TempDir()
	articles, pages, claimsFile, docsFile, bad := writeInputs(t, in)
	var seedFiles []string
	if dir := seeds.Dir(root); dir != "" {
		seedFiles = copyFiles(t, dir, "*.txt", filepath.Join(in, "seeds"))
	}
	keep := []string{"-keep-skipped"}

	tests := []struct {
		name          string
		input         string
		files         []string // the same input for stance classify
		flags         []string // of stance classify; stancebeam's are the same with "--"
		skips         bool     // some parts are not claims
		errors        []string
		shards        int
		wantErrShards bool
	}{
		{"text files", filepath.Join(in, "articles", "*.txt"), articles, nil, false, nil, 10, false},
		{"one claim a line", claimsFile, []string{claimsFile}, []string{"-lines"}, false, nil, 3, false},
		{"JSON Lines documents", docsFile, append(slices.Clone(articles), pages...), nil, true, bad, 4, true},
		{"JSON Lines documents, skipped parts kept", docsFile, append(slices.Clone(articles), pages...), keep, true, bad, 4, true},
		{"saved pages", filepath.Join(in, "pages", "*.html"), pages, nil, true, nil, 3, false},
		{"saved pages, skipped parts kept", filepath.Join(in, "pages", "*.html"), pages, keep, true, nil, 3, false},
		{"raw seed files", filepath.Join(in, "seeds", "*.txt"), seedFiles, nil, true, nil, 2, false},
		{"raw seed files, skipped parts kept", filepath.Join(in, "seeds", "*.txt"), seedFiles, keep, true, nil, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.files) == 0 {
				t.Skip("no seed files: they live in shared/seeds beside the repository (../shared/seeds from its root), and there is none in any parent directory")
			}
			claims, sums := stanceClassify(t, tt.flags, tt.files...)
			require.NotEmpty(t, claims)
			require.Len(t, sums, len(tt.files))
			kept := slices.Contains(tt.flags, "-keep-skipped")
			assert.Equal(t, tt.skips && kept, slices.ContainsFunc(claims, func(c string) bool { return strings.Contains(c, `,"label":"skip","kind":`) }), "skip records")
			assert.Equal(t, tt.skips, slices.ContainsFunc(sums, func(s string) bool { return !strings.Contains(s, `"skipped":0,`) }), "skipped parts")
			out := filepath.Join(t.TempDir(), "out")
			setFlags(t, "runner", "prism", "input", tt.input, "output", out,
				"lines", fmt.Sprint(slices.Contains(tt.flags, "-lines")), "keep-skipped", fmt.Sprint(kept),
				"summary", "true", "shards", fmt.Sprint(tt.shards))
			require.NoError(t, run(context.Background()))

			assert.Equal(t, claims, readShards(t, filepath.Join(out, "output"), tt.shards))
			assert.Equal(t, sums, readShards(t, filepath.Join(out, "summary"), tt.shards))
			assert.Equal(t, totals(t, sums), readShards(t, filepath.Join(out, "totals"), 1))
			if !tt.wantErrShards {
				names, _ := filepath.Glob(filepath.Join(out, "errors-*"))
				assert.Empty(t, names)
				return
			}
			var inputs []string
			for _, l := range readShards(t, filepath.Join(out, "errors"), tt.shards) {
				var rec struct{ Input, Error string }
				require.NoError(t, json.Unmarshal([]byte(l), &rec))
				assert.NotEmpty(t, rec.Error)
				inputs = append(inputs, rec.Input)
			}
			assert.ElementsMatch(t, tt.errors, inputs)
		})
	}
}

// TestEmptyInput checks that input without claims gives empty files.
func TestEmptyInput(t *testing.T) {
	in := t.TempDir()
	empty := filepath.Join(in, "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	for _, input := range []string{filepath.Join(in, "*.none"), empty} {
		out := t.TempDir()
		setFlags(t, "runner", "prism", "input", input, "output", out, "summary", "true", "shards", "2")
		require.NoError(t, run(context.Background()))
		for _, prefix := range []string{"output", "summary", "totals"} {
			names, err := filepath.Glob(filepath.Join(out, prefix+"-*.jsonl"))
			require.NoError(t, err)
			require.NotEmpty(t, names, prefix)
			for _, name := range names {
				b, err := os.ReadFile(name)
				require.NoError(t, err)
				assert.Empty(t, b, name)
			}
		}
	}
}

// TestJobServer submits the job with the flink and the spark runners,
// as to a Flink or Spark job server: here Prism's, started in this
// process, with the flags the README gives for a cluster.
func TestJobServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l, err := net.Listen("tcp", "localhost:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	_, err = prism.CreateJobServer(ctx, prism.Options{Port: port})
	require.NoError(t, err)

	in := t.TempDir()
	articles, _, _, _, _ := writeInputs(t, in)
	want, _ := stanceClassify(t, nil, articles...)
	for _, runner := range []string{"flink", "spark"} {
		t.Run(runner, func(t *testing.T) {
			out := t.TempDir()
			setFlags(t, "runner", runner, "endpoint", fmt.Sprintf("localhost:%d", port), "environment_type", "LOOPBACK",
				"input", filepath.Join(in, "articles", "*.txt"), "output", out, "shards", "2")
			require.NoError(t, run(ctx))
			assert.Equal(t, want, readShards(t, filepath.Join(out, "output"), 2))
		})
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	badModel := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(badModel, []byte(`{"version":1}`), 0o644))
	tests := []struct {
		name    string
		flags   []string
		usage   bool
		wantErr string
	}{
		{"no input", []string{"output", dir}, true, "--input is required"},
		{"no output", []string{"input", "x"}, true, "--output is required"},
		{"no shards", []string{"input", "x", "output", dir, "shards", "0"}, true, "--shards must be at least 1"},
		{"unknown file system", []string{"input", "x", "output", "nosuch://bucket/out"}, true, "nosuch"},
		{"bad model", []string{"input", "x", "output", dir, "model", badModel}, false, "bad.json: stance: invalid model data"},
		{"missing model", []string{"input", "x", "output", dir, "model", filepath.Join(dir, "none.json")}, false, "none.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setFlags(t, append([]string{"input", "", "output", "", "shards", "10", "model", ""}, tt.flags...)...)
			_, err := build(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Equal(t, tt.usage, errors.Is(err, errUsage), "%v", err)
		})
	}
	_, err := stance.Load(strings.NewReader(`{"version":1}`))
	require.Error(t, err, "the bad model must be bad")
}
