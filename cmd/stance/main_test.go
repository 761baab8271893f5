package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// result is the outcome of one command line.
type result struct {
	status         int
	stdout, stderr string
}

// runCmd runs a command line in-process, with stdin as standard input.
func runCmd(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	status := run(args, env{strings.NewReader(stdin), &out, &errb})
	return result{status, out.String(), errb.String()}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

const userLabels = `{"id":"u1","text":"Washington pressures Tokyo to keep away from Moscow.","label":"blame_us"}
{"id":"u2","text":"The United States blocks every Japanese deal with Russia.","label":"blame_us"}
{"id":"u3","text":"American pressure keeps Japan from talking to the Kremlin.","label":"blame_us"}
{"id":"u4","text":"Washington insists that Tokyo keep its distance from Moscow.","label":"blame_us"}
{"id":"u5","text":"US sanctions policy leaves Japan no room for its own Russia policy.","label":"blame_us"}
{"id":"u6","text":"Washington objects to every Japanese energy project in Russia.","label":"blame_us"}
{"id":"u7","text":"Washington pressures Tokyo to drop its gas projects with Russia.","label":"blame_us"}
{"id":"u8","text":"American pressure forced Japanese firms out of Russian energy projects.","label":"blame_us"}
{"id":"u9","text":"The United States pressures its ally whenever Tokyo reaches out to Moscow.","label":"blame_us"}
{"id":"u10","text":"Washington treats every Japanese energy project in Russia as disloyalty.","label":"blame_us"}
{"id":"n1","text":"The talks took place in May.","label":"neutral"}
{"id":"n2","text":"The ministers met in Tokyo in December.","label":"neutral"}
{"id":"n3","text":"Trade grew by five percent last year.","label":"neutral"}
{"id":"n4","text":"The delegation visited Sakhalin in June.","label":"neutral"}
`

func TestClassifyJSONL(t *testing.T) {
	r := runCmd(t, "Moscow refuses to meet Tokyo halfway. The talks took place in May.\n\nBoth sides should develop joint projects on the islands.", "classify")
	require.Equal(t, 0, r.status, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 3)
	want := []string{"blame_russia", "neutral", "compromise"}
	for i, l := range lines {
		var rec struct {
			Source        string             `json:"source"`
			Index         int                `json:"index"`
			Text          string             `json:"text"`
			Label         string             `json:"label"`
			Probabilities map[string]float64 `json:"probabilities"`
			Evidence      []struct {
				Feature      string  `json:"feature"`
				Contribution float64 `json:"contribution"`
			} `json:"evidence"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &rec), l)
		assert.Equal(t, "-", rec.Source)
		assert.Equal(t, i, rec.Index)
		assert.Equal(t, want[i], rec.Label, rec.Text)
		assert.Len(t, rec.Probabilities, 4)
		var sum float64
		for _, p := range rec.Probabilities {
			sum += p
		}
		assert.InDelta(t, 1, sum, 0.001)
		assert.NotEmpty(t, rec.Evidence)
	}
}

func TestClassifyFormats(t *testing.T) {
	in := writeFile(t, "a.txt", "Moscow refuses any concession.\nTokyo waits\tpatiently.\n")
	r := runCmd(t, "", "classify", "-lines", "-format", "tsv", "-summary", in)
	require.Equal(t, 0, r.status, r.stderr)
	rows := strings.Split(r.stdout, "\n")
	assert.Equal(t, "source\tindex\tlabel\tp_blame_japan\tp_blame_russia\tp_compromise\tp_neutral\tevidence\ttext", rows[0])
	assert.True(t, strings.HasPrefix(rows[1], in+"\t0\tblame_russia\t"), rows[1])
	assert.True(t, strings.HasSuffix(rows[2], "\tTokyo waits patiently."), "tab in text must become a space: %q", rows[2])
	assert.Contains(t, r.stdout, "# summary\nsource\tclaims\tshare_blame_japan")
	assert.Contains(t, r.stdout, in+"\t2\t")

	r = runCmd(t, "", "classify", "-format", "text", "-summary", in)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, in+":0\tblame_russia")
	assert.Contains(t, r.stdout, "evidence: @russia")
	assert.Contains(t, r.stdout, in+": 2 claims:")

	r = runCmd(t, "Yes. No.", "classify", "-summary", "-", in)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `{"source":"-","summary":{"claims":2,`)
	assert.Contains(t, r.stdout, `{"source":"`+in+`","index":1,`)
}

func TestClassifyEvidenceAndLabels(t *testing.T) {
	in := writeFile(t, "a.txt", "Moscow refuses to meet Tokyo halfway on the islands.\nBoth sides should compromise.\nThe talks took place in May.\n")
	full := runCmd(t, "", "classify", "-lines", in)
	require.Equal(t, 0, full.status, full.stderr)
	evidenceOf := func(out string) []int {
		var n []int
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var rec struct {
				Label    string            `json:"label"`
				Evidence []json.RawMessage `json:"evidence"`
			}
			require.NoError(t, json.Unmarshal([]byte(l), &rec), l)
			n = append(n, len(rec.Evidence))
		}
		return n
	}
	def := evidenceOf(full.stdout)
	require.Len(t, def, 3)
	assert.Greater(t, def[0], 2, "the default lists more than two features")
	for _, k := range []int{0, 2, 10} {
		r := runCmd(t, "", "classify", "-lines", "-evidence", strconv.Itoa(k), in)
		require.Equal(t, 0, r.status, r.stderr)
		for i, n := range evidenceOf(r.stdout) {
			assert.Equal(t, min(k, def[i]), n, "-evidence %d, claim %d", k, i)
		}
		if k == 10 {
			assert.Equal(t, full.stdout, r.stdout, "-evidence 10 is the JSON default")
		}
		// Only the evidence changes: the first fields are the same.
		got, want := strings.Split(r.stdout, "\n"), strings.Split(full.stdout, "\n")
		for i := range 3 {
			cut := strings.Index(want[i], `"evidence":`)
			assert.Equal(t, want[i][:cut], got[i][:cut])
		}
	}
	r := runCmd(t, "", "classify", "-lines", "-format", "tsv", "-evidence", "0", in)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, strings.Split(r.stdout, "\n")[1], "\t\tMoscow refuses", "an empty evidence column")

	r = runCmd(t, "", "classify", "-lines", "-format", "labels", in)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "blame_russia\ncompromise\nneutral\n", r.stdout)

	prof := filepath.Join(t.TempDir(), "cpu.prof")
	r = runCmd(t, "", "classify", "-lines", "-format", "labels", "-cpuprofile", prof, in)
	require.Equal(t, 0, r.status, r.stderr)
	st, err := os.Stat(prof)
	require.NoError(t, err)
	assert.NotZero(t, st.Size(), "the profile is written")
}

func TestTrainClassifyTopEval(t *testing.T) {
	data := writeFile(t, "mine.jsonl", userLabels)
	model := filepath.Join(t.TempDir(), "model.json")
	r := runCmd(t, "", "train", "-data", data, "-o", model)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "blame_us")

	r = runCmd(t, "Washington pressures Tokyo over its energy projects with Russia.", "classify", "-model", model)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `"label":"blame_us"`)

	r = runCmd(t, "", "top", "-model", model, "-n", "3")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "blame_us\n")
	assert.True(t, strings.HasPrefix(r.stdout, "label     weight  count  feature\n"), "a header row: %s", r.stdout)
	assert.Equal(t, 1+5+5*3, strings.Count(r.stdout, "\n"), r.stdout)

	r = runCmd(t, "", "eval", "-test", data, "-model", model, "-json")
	require.Equal(t, 0, r.status, r.stderr)
	var rep struct {
		Accuracy  float64                       `json:"accuracy"`
		MacroF1   float64                       `json:"macro_f1"`
		PerLabel  map[string]map[string]float64 `json:"per_label"`
		Confusion [][]int                       `json:"confusion"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.GreaterOrEqual(t, rep.Accuracy, 0.75, "the model was trained on the test file, among 1,400 others")
	assert.Equal(t, 10.0, rep.PerLabel["blame_us"]["support"])

	r = runCmd(t, "", "eval", "-data", data, "-no-builtin", "-folds", "2", "-repeats", "1")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "stratified 2-fold × 1 (seed 1), 14 claims")
}

func TestEvalBuiltin(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-validation on the corpus")
	}
	r := runCmd(t, "", "eval", "-by-source")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "leave-one-source-out (5 sources), 258 claims")
	assert.Contains(t, r.stdout, "macro-F1  0.")
}

func TestTrainKeepsOldModelOnFailure(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	require.NoError(t, os.WriteFile(model, []byte("old model"), 0o644))
	bad := writeFile(t, "bad.jsonl", `{"text":"a","label":"x"}`+"\n"+`{"text":"b"}`+"\n")
	r := runCmd(t, "", "train", "-data", bad, "-o", model)
	assert.Equal(t, 1, r.status)
	assert.Contains(t, r.stderr, bad+": line 2:")
	b, err := os.ReadFile(model)
	require.NoError(t, err)
	assert.Equal(t, "old model", string(b))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "temporary files left behind")

	if os.Geteuid() != 0 { // root ignores permissions
		ro := filepath.Join(dir, "ro")
		require.NoError(t, os.Mkdir(ro, 0o555))
		r = runCmd(t, "", "train", "-o", filepath.Join(ro, "m.json"))
		assert.Equal(t, 1, r.status)
		assert.Contains(t, r.stderr, "write model")
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"no command", nil, 2, "usage: stance COMMAND"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"classify", "-nope"}, 2, "flag provided but not defined: -nope"},
		{"bad format", []string{"classify", "-format", "xml"}, 2, `unknown -format "xml"`},
		{"train without -o", []string{"train"}, 2, "missing -o FILE"},
		{"no-builtin without data", []string{"train", "-no-builtin", "-o", "x"}, 2, "-no-builtin needs"},
		{"model without test", []string{"eval", "-model", "m"}, 2, "-model needs -test"},
		{"bad ngram", []string{"train", "-ngram", "9", "-o", "x"}, 2, "-ngram"},
		{"labels with summary", []string{"classify", "-format", "labels", "-summary"}, 2, "-summary does not go with -format labels"},
		{"too much evidence", []string{"classify", "-evidence", "11"}, 2, "-evidence must be between 0 and 10"},
		{"negative evidence", []string{"classify", "-evidence", "-3"}, 2, "-evidence must be between 0 and 10"},
		{"profile in a missing directory", []string{"classify", "-cpuprofile", "/nonexistent/cpu.prof"}, 1, "-cpuprofile: /nonexistent/cpu.prof"},
		{"missing input", []string{"classify", "/nonexistent/file.txt"}, 1, "/nonexistent/file.txt"},
		{"missing model", []string{"top", "-model", "/nonexistent/m.json"}, 1, "/nonexistent/m.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, "", tt.args...)
			assert.Equal(t, tt.status, r.status)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.NotContains(t, r.stderr, "goroutine ")
		})
	}
}

func TestCorruptModel(t *testing.T) {
	for name, content := range map[string]string{
		"empty": "", "garbage": "\x00\x01\x02", "truncated": `{"format":"stancekit/model","version":1,"opt`,
	} {
		t.Run(name, func(t *testing.T) {
			p := writeFile(t, "m.json", content)
			r := runCmd(t, "x", "classify", "-model", p)
			assert.Equal(t, 1, r.status)
			assert.Contains(t, r.stderr, p+": stance: invalid model data")
		})
	}
}

func TestHelp(t *testing.T) {
	for _, c := range []string{"classify", "train", "eval", "top", "report"} {
		r := runCmd(t, "", c, "-h")
		assert.Equal(t, 0, r.status, c)
		assert.Contains(t, r.stdout, "usage: stance "+c)
	}
}

// TestBinary builds the command and checks exit statuses and that no
// input yields a Go stack trace.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "stance")
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	tests := []struct {
		args   []string
		stdin  string
		status int
	}{
		{[]string{"classify", "-lines"}, "Moscow refuses.\n\x00\xff\xfe\n", 0},
		{[]string{"classify", "-bogus"}, "", 2},
		{[]string{"classify", "-model", "/nonexistent"}, "", 1},
	}
	for _, tt := range tests {
		cmd := exec.Command(bin, tt.args...)
		cmd.Stdin = strings.NewReader(tt.stdin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, _ := cmd.Output()
		assert.Equal(t, tt.status, cmd.ProcessState.ExitCode(), "%v: %s", tt.args, stderr.String())
		assert.NotContains(t, stderr.String(), "goroutine ", "%v", tt.args)
		sc := bufio.NewScanner(bytes.NewReader(stdout))
		for sc.Scan() {
			assert.True(t, json.Valid(sc.Bytes()), "invalid JSON line %q", sc.Text())
		}
	}
}

// TestClassifyOrder checks that parallel workers keep the input order
// across many batches.
func TestClassifyOrder(t *testing.T) {
	var sb strings.Builder
	claims := []string{"Moscow refuses to meet Tokyo halfway.", "The talks took place in May.", "Both sides should build trust step by step."}
	n := 3*batchSize + 17
	for i := range n {
		fmt.Fprintf(&sb, "%s %d\n", claims[i%3], i)
	}
	one := runCmd(t, sb.String(), "classify", "-lines", "-workers", "1")
	many := runCmd(t, sb.String(), "classify", "-lines", "-workers", "4")
	require.Equal(t, 0, one.status, one.stderr)
	require.Equal(t, 0, many.status, many.stderr)
	assert.Equal(t, one.stdout, many.stdout)
	lines := strings.Split(strings.TrimSpace(many.stdout), "\n")
	require.Len(t, lines, n)
	for i, l := range lines {
		var rec struct {
			Index int    `json:"index"`
			Text  string `json:"text"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &rec))
		require.Equal(t, i, rec.Index)
		require.True(t, strings.HasSuffix(rec.Text, fmt.Sprintf(" %d", i)), rec.Text)
	}
}

func TestReport(t *testing.T) {
	in := writeFile(t, "a.txt", "Moscow refuses to meet Tokyo halfway. <script>alert(1)</script>\n\nBoth sides should build trust step by step.")
	out := filepath.Join(t.TempDir(), "r.html")
	r := runCmd(t, "", "report", "-title", "My <b>report</b>", "-o", out, in)
	require.Equal(t, 0, r.status, r.stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	html := string(b)
	assert.Contains(t, html, "<title>My &lt;b&gt;report&lt;/b&gt;</title>")
	assert.Contains(t, html, `data-label="blame_russia"`)
	assert.NotContains(t, html, "<script>")
	assert.Contains(t, html, "&lt;script&gt;alert(1)&lt;/script&gt;", "shown, escaped")
	assert.Equal(t, 2, strings.Count(html, `class="claim `), "the markup without final punctuation is not a claim")
	assert.Equal(t, 1, strings.Count(html, `<span class="skip"`))

	r = runCmd(t, "Tokyo waits.", "report", "-lines")
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "<!DOCTYPE html>"))
	assert.Contains(t, r.stdout, `<h2 id="doc-1"><bdi>standard input</bdi></h2>`)
}
