package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
)

// hostileInputs are texts users feed the tool, with the number of claims
// each should give in sentence and in -lines mode (-1: any number).
var hostileInputs = []struct {
	name            string
	text            string
	sentences, line int
}{
	{"empty", "", 0, 0},
	{"white space only", " \t\n\n \r\n", 0, 0},
	{"invalid utf-8", "Moscow \xff\xfe refuses.\n", 1, 1},
	{"NUL bytes", "Tokyo\x00waits.\x00\n", 1, 1},
	{"control characters", "a\x01b\x02c\x1b[31m red\x07\n", 1, 1},
	{"right-to-left", "روسيا ترفض التفاوض مع اليابان.\n", 1, 1},
	{"CJK", "ロシアは日本との交渉を拒否した。日本は待っている。\n", -1, 1},
	{"emoji", "Moscow 🙅 refuses 🇯🇵 talks 😀.\n", 1, 1},
	{"10 MB line without punctuation", strings.Repeat("moscow refuses ", 700_000) + "\n", -1, 1},
	{"100,000 one-word lines", strings.Repeat("talks\n", 100_000), -1, 100_000}, // one 600 KB paragraph: cut at MaxBlockBytes
}

func TestHostileText(t *testing.T) {
	for _, tt := range hostileInputs {
		for _, lines := range []bool{false, true} {
			want := tt.sentences
			args := []string{"classify"}
			if lines {
				want = tt.line
				args = append(args, "-lines")
			}
			t.Run(tt.name+map[bool]string{false: "", true: " -lines"}[lines], func(t *testing.T) {
				r := runCmd(t, tt.text, args...)
				require.Equal(t, 0, r.status, r.stderr)
				n := 0
				sc := bufio.NewScanner(strings.NewReader(r.stdout))
				sc.Buffer(nil, 8<<20)
				for sc.Scan() {
					var rec struct {
						Label string `json:"label"`
					}
					require.NoError(t, json.Unmarshal(sc.Bytes(), &rec), "invalid JSON line")
					require.NotEmpty(t, rec.Label)
					n++
				}
				require.NoError(t, sc.Err())
				if want >= 0 {
					assert.Equal(t, want, n)
				} else {
					assert.Positive(t, n)
				}
			})
		}
	}
}

func TestTruncationWarning(t *testing.T) {
	long := strings.Repeat("x", features.MaxBlockBytes+10)
	r := runCmd(t, "short\n"+long+"\nlast\n", "classify", "-lines", "-format", "tsv")
	require.Equal(t, 0, r.status)
	assert.Contains(t, r.stderr, "-: claim 1: line longer than 262144 bytes, truncated")
	assert.Equal(t, 1+3, strings.Count(r.stdout, "\n"))
}

func TestLabelFileErrors(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"bad json", `{"text":"a","label":"x"}` + "\n{oops}\n", ": line 2: corpus: invalid JSON"},
		{"missing text", `{"label":"x"}`, ": line 1: corpus: missing or empty \"text\""},
		{"empty label", `{"text":"a","label":""}`, ": line 1: corpus: missing or empty \"label\""},
		{"label not a string", `{"text":"a","label":7}`, ": line 1: corpus: field has the wrong type"},
		{"duplicate ids", `{"id":"a","text":"a","label":"x"}` + "\n" + `{"id":"a","text":"b","label":"y"}`, ": line 2: corpus: duplicate id \"a\" (first on line 1)"},
		{"empty file", "", ": no labeled claims"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "labels.jsonl", tt.content)
			r := runCmd(t, "", "train", "-no-builtin", "-data", p, "-o", filepath.Join(t.TempDir(), "m.json"))
			assert.Equal(t, 1, r.status)
			assert.Contains(t, r.stderr, p+tt.want)
		})
	}
	// Good files with a BOM, CRLF and no final newline are read.
	p := writeFile(t, "ok.jsonl", "\ufeff"+`{"text":"Moscow refuses.","label":"a"}`+"\r\n"+`{"text":"Tokyo waits.","label":"b"}`)
	m := filepath.Join(t.TempDir(), "m.json")
	r := runCmd(t, "", "train", "-no-builtin", "-data", p, "-o", m)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "2 claims, labels [a b]")
}

func TestModelFileErrors(t *testing.T) {
	good := filepath.Join(t.TempDir(), "m.json")
	data := writeFile(t, "d.jsonl", `{"text":"a b","label":"x"}`+"\n"+`{"text":"c d","label":"y"}`)
	require.Equal(t, 0, runCmd(t, "", "train", "-no-builtin", "-no-lexicon", "-data", data, "-o", good).status)
	b, err := os.ReadFile(good)
	require.NoError(t, err)
	s := string(b)
	tests := map[string]string{
		"empty":               "",
		"truncated":           s[:len(s)/3],
		"corrupt":             strings.Replace(s, `"counts":{`, `"counts":[`, 1),
		"other version":       strings.Replace(s, `"version":2,"options"`, `"version":7,"options"`, 1),
		"negative count":      strings.Replace(s, `"a":[1,0]`, `"a":[-1,0]`, 1),
		"NaN count":           strings.Replace(s, `"a":[1,0]`, `"a":[NaN,0]`, 1),
		"labels disagree":     strings.Replace(s, `"labels":["x","y"]`, `"labels":["x","y","z"]`, 1),
		"huge count":          strings.Replace(s, `"a":[1,0]`, `"a":[1e300,0]`, 1),
		"huge n-gram setting": strings.Replace(s, `"ngram":2`, `"ngram":1000000000`, 1),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			require.NotEqual(t, s, content, "the test case did not change the model")
			p := writeFile(t, "bad.json", content)
			r := runCmd(t, "Moscow refuses.", "classify", "-model", p)
			assert.Equal(t, 1, r.status)
			assert.Contains(t, r.stderr, p+": stance: invalid model data")
		})
	}
}

// TestAtomicWrite checks that a failed write leaves the old file
// byte-identical and no temporary file behind.
func TestAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	err := writeAtomic(path, func(w io.Writer) error {
		if _, err := w.Write([]byte("half a mod")); err != nil {
			return err
		}
		return errors.New("disk full")
	})
	require.EqualError(t, err, "disk full")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "old", string(b))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)

	// A directory that cannot be written to.
	err = writeAtomic(filepath.Join(dir, "missing", "m.json"), func(io.Writer) error { return nil })
	assert.Error(t, err)
	// A path that is a directory.
	assert.Error(t, writeAtomic(dir, func(io.Writer) error { return nil }))

	require.NoError(t, writeAtomic(path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }))
	b, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(b))
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
}

// TestMemoryBounded runs the built command over large inputs and checks
// its peak resident memory, the high-water mark (VmHWM) that Linux keeps
// for the process and that only grows; it is sampled until the process
// ends.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("builds the command; reads Linux rusage")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "stance")
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	write := func(name string, n int, piece func(i int) string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		require.NoError(t, err)
		w := bufio.NewWriter(f)
		for i := range n {
			w.WriteString(piece(i))
		}
		require.NoError(t, w.Flush())
		require.NoError(t, f.Close())
		return p
	}
	longLine := write("long.txt", 700_000, func(int) string { return "moscow refuses " }) // 10 MB, one line
	claims := write("claims.txt", 300_000, func(i int) string {
		return "Moscow refuses to meet Tokyo halfway on the islands, claim " + strings.Repeat("x", i%7) + ".\n"
	})
	random := filepath.Join(dir, "random.bin")
	noise := make([]byte, 20<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	require.NoError(t, os.WriteFile(random, noise, 0o644))
	// A model with a thousand labels of 64 bytes: each record holds every
	// label, so the output is far larger than the input.
	labels := write("labels.jsonl", 3000, func(i int) string {
		return fmt.Sprintf(`{"text":"claim number %d about talks","label":"%s%03d"}`+"\n", i, strings.Repeat("l", 61), i%1000)
	})
	few := write("few.txt", 5000, func(i int) string { return fmt.Sprintf("Moscow refuses to meet Tokyo, claim %d.\n", i) })
	wide := filepath.Join(dir, "wide.json")
	out, err = exec.Command(bin, "train", "-no-builtin", "-no-lexicon", "-data", labels, "-o", wide).CombinedOutput()
	require.NoError(t, err, "%s", out)
	debug.FreeOSMemory()
	const MiB = 1 << 10 // in KiB
	tests := []struct {
		name  string
		args  []string
		limit int64 // KiB
	}{
		{"10 MB line, -lines", []string{"-lines", longLine}, 64 * MiB},
		{"10 MB paragraph", []string{longLine}, 64 * MiB},
		{"300,000 claims, -lines", []string{"-lines", claims}, 64 * MiB},
		{"300,000 claims as text", []string{claims}, 64 * MiB},
		{"300,000 claims, tsv, summary", []string{"-lines", "-format", "tsv", "-summary", claims}, 64 * MiB},
		{"1000 labels of 64 bytes, 5,000 claims", []string{"-model", wide, "-lines", few}, 64 * MiB},
		{"20 MB of random bytes", []string{random}, 96 * MiB},
		{"20 MB of random bytes, -lines", []string{"-lines", random}, 64 * MiB},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, append([]string{"classify"}, tt.args...)...)
			cmd.Stdout = io.Discard
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			peak := make(chan int64)
			go func() {
				status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
				var hwm int64
				for {
					b, err := os.ReadFile(status)
					if err != nil || strings.Contains(string(b), "State:\tZ") {
						peak <- hwm
						return
					}
					for line := range strings.Lines(string(b)) {
						if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
							fmt.Sscan(v, &hwm) // KiB
						}
					}
					time.Sleep(5 * time.Millisecond)
				}
			}()
			kib := <-peak
			require.NoError(t, cmd.Wait(), stderr.String())
			t.Logf("peak memory %d KiB", kib)
			assert.Positive(t, kib)
			assert.Less(t, kib, tt.limit, "peak memory over %d MiB", tt.limit/MiB)
		})
	}
}

// failingWriter fails once it has taken limit bytes, like a full disk.
type failingWriter struct{ limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errors.New("no space left on device")
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestClassifyWriteError(t *testing.T) {
	in := strings.Repeat("Moscow refuses to meet Tokyo halfway.\n", 3*batchSize)
	var stderr bytes.Buffer
	status := run([]string{"classify", "-lines"}, env{strings.NewReader(in), &failingWriter{limit: 1000}, &stderr})
	assert.Equal(t, 1, status)
	assert.Contains(t, stderr.String(), "no space left on device")
}
