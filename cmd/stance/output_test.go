package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireRoot skips tests that create device nodes or files of another
// owner, which need root (as in many containers).
func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 || runtime.GOOS != "linux" {
		t.Skip("needs root on Linux")
	}
}

// mknod creates a character device with the numbers of /dev/null (1, 3)
// or /dev/full (1, 7) in a test directory, so that a broken command
// cannot harm the real ones.
func mknod(t *testing.T, name string, minor int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|minor))
	return p
}

func isCharDevice(t *testing.T, p string) bool {
	st, err := os.Stat(p)
	require.NoError(t, err)
	return st.Mode()&os.ModeCharDevice != 0
}

// TestOutputTargets writes train's model and report's page to the
// targets users give -o: none may be destroyed.
func TestOutputTargets(t *testing.T) {
	data := writeFile(t, "d.jsonl", `{"text":"a b","label":"x"}`+"\n"+`{"text":"c d","label":"y"}`)
	train := func(out string) result {
		return runCmd(t, "", "train", "-no-builtin", "-no-lexicon", "-data", data, "-o", out)
	}
	t.Run("dash is standard output", func(t *testing.T) {
		r := train("-")
		require.Equal(t, 0, r.status, r.stderr)
		assert.True(t, strings.HasPrefix(r.stdout, `{"format":"stancekit/model"`), r.stdout)
		r = runCmd(t, "Tokyo waits.", "report", "-o", "-")
		require.Equal(t, 0, r.status, r.stderr)
		assert.True(t, strings.HasPrefix(r.stdout, "<!DOCTYPE html>"))
		r = train("/dev/stdout")
		require.Equal(t, 0, r.status, r.stderr)
		assert.True(t, strings.HasPrefix(r.stdout, `{"format":"stancekit/model"`), "/dev/stdout is the standard output")
	})
	t.Run("symlink to a regular file", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "models", "m.json")
		require.NoError(t, os.Mkdir(filepath.Dir(target), 0o755))
		require.NoError(t, os.WriteFile(target, []byte("old"), 0o640))
		link := filepath.Join(dir, "current.json")
		require.NoError(t, os.Symlink("models/m.json", link))
		r := train(link)
		require.Equal(t, 0, r.status, r.stderr)
		st, err := os.Lstat(link)
		require.NoError(t, err)
		assert.True(t, st.Mode()&os.ModeSymlink != 0, "the link was replaced")
		b, err := os.ReadFile(target)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(b), `{"format":"stancekit/model"`))
		st, err = os.Stat(target)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o640), st.Mode().Perm(), "the target's mode is kept")
		entries, err := os.ReadDir(filepath.Dir(target))
		require.NoError(t, err)
		assert.Len(t, entries, 1, "temporary file left behind")
	})
	t.Run("dangling symlink", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "m.json")
		require.NoError(t, os.Symlink("new.json", link))
		require.Equal(t, 0, train(link).status)
		st, err := os.Lstat(link)
		require.NoError(t, err)
		assert.True(t, st.Mode()&os.ModeSymlink != 0, "the link was replaced")
		assert.FileExists(t, filepath.Join(dir, "new.json"))
	})
	t.Run("existing file keeps its mode and owner", func(t *testing.T) {
		requireRoot(t)
		p := filepath.Join(t.TempDir(), "m.json")
		require.NoError(t, os.WriteFile(p, []byte("old"), 0o600))
		require.NoError(t, os.Chown(p, 4321, 4321))
		require.Equal(t, 0, train(p).status)
		st, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
		sys := st.Sys().(*syscall.Stat_t)
		assert.Equal(t, uint32(4321), sys.Uid)
		assert.Equal(t, uint32(4321), sys.Gid)
	})
	t.Run("device", func(t *testing.T) {
		requireRoot(t)
		null := mknod(t, "null", 3)
		require.Equal(t, 0, train(null).status)
		assert.True(t, isCharDevice(t, null), "train -o replaced the device")
		r := runCmd(t, "Tokyo waits.", "report", "-o", null)
		require.Equal(t, 0, r.status, r.stderr)
		assert.True(t, isCharDevice(t, null), "report -o replaced the device")
		entries, err := os.ReadDir(filepath.Dir(null))
		require.NoError(t, err)
		assert.Len(t, entries, 1, "temporary file left behind")
	})
	t.Run("full device", func(t *testing.T) {
		requireRoot(t)
		full := mknod(t, "full", 7)
		r := train(full)
		assert.Equal(t, 1, r.status)
		assert.Contains(t, r.stderr, "no space left on device")
		assert.True(t, isCharDevice(t, full), "train -o replaced the device")
	})
	t.Run("symlink to a device", func(t *testing.T) {
		requireRoot(t)
		null := mknod(t, "null", 3)
		link := filepath.Join(t.TempDir(), "out")
		require.NoError(t, os.Symlink(null, link))
		require.Equal(t, 0, train(link).status)
		st, err := os.Lstat(link)
		require.NoError(t, err)
		assert.True(t, st.Mode()&os.ModeSymlink != 0, "the link was replaced")
		assert.True(t, isCharDevice(t, null))
	})
	t.Run("FIFO", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "pipe")
		require.NoError(t, syscall.Mkfifo(fifo, 0o644))
		got := make(chan []byte)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- b
		}()
		r := train(fifo)
		require.Equal(t, 0, r.status, r.stderr)
		select {
		case b := <-got:
			assert.True(t, strings.HasPrefix(string(b), `{"format":"stancekit/model"`), "%.80s", b)
		case <-time.After(10 * time.Second):
			t.Fatal("nothing read from the FIFO")
		}
		st, err := os.Lstat(fifo)
		require.NoError(t, err)
		assert.True(t, st.Mode()&os.ModeNamedPipe != 0, "the FIFO was replaced")
	})
	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		r := train(dir)
		assert.Equal(t, 1, r.status)
		assert.Contains(t, r.stderr, "is a directory")
	})
}

// TestWriteErrorsExit1 checks that every command that writes to the
// standard output reports a failed write with exit status 1.
func TestWriteErrorsExit1(t *testing.T) {
	data := writeFile(t, "d.jsonl", userLabels)
	for _, args := range [][]string{
		{"top", "-n", "1"},
		{"classify", "-lines"},
		{"classify", "-format", "text", "-summary"},
		{"classify", "-format", "tsv"},
		{"eval", "-data", data, "-no-builtin", "-folds", "2", "-repeats", "1"},
		{"eval", "-data", data, "-no-builtin", "-folds", "2", "-repeats", "1", "-json"},
		{"report"},
		{"train", "-no-builtin", "-data", data, "-o", "-"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			status := run(args, env{strings.NewReader("Moscow refuses.\n"), &failingWriter{limit: 10}, &stderr})
			assert.Equal(t, 1, status)
			assert.Contains(t, stderr.String(), "no space left on device")
		})
	}
}

// TestClosedStdout checks that a command whose standard output is closed
// stops before any work with an error.
func TestClosedStdout(t *testing.T) {
	for _, args := range [][]string{
		{"top"}, {"classify"}, {"eval", "-folds", "2"}, {"report"}, {"train", "-o", "-"},
	} {
		t.Run(args[0], func(t *testing.T) {
			var stderr bytes.Buffer
			start := time.Now()
			status := run(args, env{strings.NewReader("Moscow refuses.\n"), closedOutput{}, &stderr})
			assert.Equal(t, 1, status)
			assert.Contains(t, stderr.String(), "standard output is closed")
			assert.Less(t, time.Since(start), 200*time.Millisecond, "work was done first")
		})
	}
	// With -o FILE, report and train do not need the standard output.
	out := filepath.Join(t.TempDir(), "r.html")
	status := run([]string{"report", "-o", out}, env{strings.NewReader("Tokyo waits."), closedOutput{}, io.Discard})
	assert.Equal(t, 0, status)
}

// TestBinaryOutputs runs the built command where in-process tests
// cannot: a closed standard output, /dev/full, and an interrupted write.
func TestBinaryOutputs(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("builds the command")
	}
	bin := buildBinary(t)
	sh := func(script string) (int, string) {
		cmd := exec.Command("/bin/sh", "-c", script)
		cmd.Env = append(os.Environ(), "STANCE="+bin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				t.Fatal(err)
			}
		}
		return cmd.ProcessState.ExitCode(), stderr.String()
	}
	for _, script := range []string{
		`"$STANCE" top >&-`,
		`echo 'Moscow refuses.' | "$STANCE" classify >&-`,
		`"$STANCE" top -n 1 > /dev/full`,
		`echo 'Moscow refuses.' | "$STANCE" classify > /dev/full`,
		`echo 'Tokyo waits.' | "$STANCE" report > /dev/full`,
	} {
		status, stderr := sh(script)
		assert.Equal(t, 1, status, "%s: %s", script, stderr)
		assert.NotContains(t, stderr, "goroutine ")
	}
	status, stderr := sh(`"$STANCE" top -n 1 > /dev/null`)
	assert.Equal(t, 0, status, "a redirection to /dev/null is not a closed output: %s", stderr)
}

// TestInterruptRemovesTemp interrupts train while it waits for its data,
// after it has created its temporary file, and checks that the file is
// removed and an existing model is untouched.
func TestInterruptRemovesTemp(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("builds the command")
	}
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			model := filepath.Join(dir, "m.json")
			require.NoError(t, os.WriteFile(model, []byte("old"), 0o644))
			fifo := filepath.Join(t.TempDir(), "data.jsonl")
			require.NoError(t, syscall.Mkfifo(fifo, 0o644))
			cmd := exec.Command(bin, "train", "-data", fifo, "-o", model)
			require.NoError(t, cmd.Start())
			// Wait until the temporary file exists: train now blocks on
			// opening the FIFO.
			deadline := time.Now().Add(10 * time.Second)
			for {
				entries, _ := os.ReadDir(dir)
				if len(entries) == 2 || time.Now().After(deadline) {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Len(t, entries, 2, "no temporary file was created")
			require.NoError(t, cmd.Process.Signal(sig))
			err = cmd.Wait()
			require.Error(t, err)
			entries, err = os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "temporary file left behind")
			b, err := os.ReadFile(model)
			require.NoError(t, err)
			assert.Equal(t, "old", string(b))
		})
	}
}

// TestFlagRanges checks that every numeric flag outside its documented
// range is a usage error (exit status 2), found before any work.
func TestFlagRanges(t *testing.T) {
	tests := [][]string{
		{"train", "-alpha", "5e-324", "-o", "x"},
		{"train", "-alpha", "0", "-o", "x"},
		{"train", "-alpha", "NaN", "-o", "x"},
		{"train", "-alpha", "Inf", "-o", "x"},
		{"train", "-alpha", "1e7", "-o", "x"},
		{"train", "-lexicon-weight", "NaN", "-o", "x"},
		{"train", "-lexicon-weight", "-1", "-o", "x"},
		{"train", "-lexicon-weight", "1e300", "-o", "x"},
		{"train", "-ngram", "0", "-o", "x"},
		{"eval", "-alpha", "NaN"},
		{"eval", "-folds", "1"},
		{"eval", "-folds", "1000"},
		{"eval", "-repeats", "0"},
		{"eval", "-repeats", "100000000"},
		{"classify", "-workers", "0"},
		{"classify", "-workers", "100000"},
		{"top", "-n", "0"},
		{"top", "-n", "-5"},
		{"top", "-n", "1000000000"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			start := time.Now()
			r := runCmd(t, "", args...)
			assert.Equal(t, 2, r.status, r.stderr)
			assert.Contains(t, r.stderr, "must be")
			assert.Less(t, time.Since(start), 100*time.Millisecond, "work was done first")
		})
	}
}

// buildBinary builds the command into a test directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stance")
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// TestEscapedText checks that text and TSV output escape control
// characters, terminal escape sequences and bidirectional overrides.
func TestEscapedText(t *testing.T) {
	in := "Moscow \x1b[31mrefuses\x1b[0m\x07 talks \u202egnol\u009b2J.\n"
	for _, format := range []string{"text", "tsv"} {
		r := runCmd(t, in, "classify", "-lines", "-format", format, "-summary")
		require.Equal(t, 0, r.status, r.stderr)
		for _, c := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
			assert.NotContains(t, r.stdout, c, format)
		}
		assert.Contains(t, r.stdout, `Moscow \x1b[31mrefuses\x1b[0m\x07 talks \u202egnol\u009b2J.`, format)
	}
}

// TestReportInputLimit checks that report refuses more text than its
// limit, which keeps its memory proportional to the page, before
// classifying anything.
func TestReportInputLimit(t *testing.T) {
	big := strings.Repeat("Moscow refuses to meet Tokyo halfway. ", 4<<20/38+1)
	start := time.Now()
	r := runCmd(t, big, "report")
	assert.Equal(t, 1, r.status)
	assert.Contains(t, r.stderr, "at most 4194304 bytes in all")
	assert.Less(t, time.Since(start), 5*time.Second)
	// Two inputs under the limit each, over it together.
	half := writeFile(t, "half.txt", big[:3<<20])
	r = runCmd(t, "", "report", half, half)
	assert.Equal(t, 1, r.status)
	// A model with more labels reads proportionally less.
	assert.Equal(t, int64(16<<20/100), maxReportInput(100))
	assert.Equal(t, int64(16<<10), maxReportInput(5000))
}
