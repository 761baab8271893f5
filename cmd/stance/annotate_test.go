package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
)

// annotateText is a short text to label, written for these tests.
const annotateText = `Talks on the islands

Moscow again refused to discuss the return of any island.

Tokyo keeps insisting on all four islands at once, which leaves no room for a deal.

Both governments could start with joint fishing and shared rules for visits.
`

// TestAnnotateUsage checks the command lines annotate refuses before
// serving anything.
func TestAnnotateUsage(t *testing.T) {
	text := writeFile(t, "talks.txt", annotateText)
	labels := writeFile(t, "labels.jsonl", `{"text":"The talks resume in May.","label":"neutral"}`+"\n")
	empty := writeFile(t, "empty.txt", "Menu | Home | About\n")
	tests := []struct {
		name   string
		args   []string
		status int
		says   string
	}{
		{"no texts", []string{"annotate"}, 2, "no texts to label"},
		{"bad label", []string{"annotate", "-labels", "a,b\x07", text}, 2, "-labels"},
		{"label twice", []string{"annotate", "-labels", "a,b,A", text}, 2, "given twice"},
		{"bad address", []string{"annotate", "-addr", "nowhere", text}, 2, "-addr"},
		{"output is a data file", []string{"annotate", "-data", labels, "-o", labels, text}, 2, "also a -data file"},
		{"unknown flag", []string{"annotate", "-bogus", text}, 2, "bogus"},
		{"missing text", []string{"annotate", filepath.Join(t.TempDir(), "none.txt")}, 1, "no such file"},
		{"no claims", []string{"annotate", empty}, 1, "no claims"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, "", tt.args...)
			assert.Equal(t, tt.status, r.status, r.stderr)
			assert.Contains(t, r.stderr, tt.says)
			assert.Empty(t, r.stdout, "no URL printed")
		})
	}
}

// TestAnnotateServes runs the command: it prints a URL with a token,
// serves the page there and refuses requests without the token, writes a
// decision to -o, warns when it serves beyond the loopback interface, and
// stops cleanly on SIGINT.
func TestAnnotateServes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := buildBinary(t)
	text := writeFile(t, "talks.txt", annotateText)
	tests := []struct {
		name   string
		args   []string
		texts  string            // what it says it read
		host   func(net.IP) bool // of the URL printed
		source string            // of the record
		warn   bool
	}{
		{"loopback, a text given twice", []string{text, text}, "3 claims from 2 texts;", net.IP.IsLoopback, text, false},
		{"all interfaces, standard input", []string{"-addr", "0.0.0.0:0", "-"}, "3 claims from 1 text;", net.IP.IsUnspecified, "-", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "mine.jsonl")
			args := append([]string{"annotate", "-labels", "blame_russia,blame_japan,compromise,neutral,other", "-o", out}, tt.args...)
			cmd := exec.Command(bin, args...)
			cmd.Stdin = strings.NewReader(annotateText)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			defer cmd.Process.Kill()
			line, err := bufio.NewReader(stdout).ReadString('\n')
			require.NoError(t, err) // stderr may be read only once the process is done
			u, err := url.Parse(strings.TrimSpace(line))
			require.NoError(t, err)
			assert.True(t, tt.host(net.ParseIP(u.Hostname())), u.Host)
			token := u.Query().Get("token")
			assert.GreaterOrEqual(t, len(token), 20, "a random session token")

			get := func(target string) (int, string) {
				res, err := http.Get(target)
				require.NoError(t, err)
				defer res.Body.Close()
				b, err := io.ReadAll(res.Body)
				require.NoError(t, err)
				return res.StatusCode, string(b)
			}
			code, body := get(u.String())
			require.Equal(t, http.StatusOK, code, body)
			assert.Contains(t, body, "0 of 3 labeled")
			assert.Contains(t, body, `data-key="5"`, "the labels of -labels")
			code, _ = get("http://" + u.Host + "/")
			assert.Equal(t, http.StatusForbidden, code, "no token")

			id := regexp.MustCompile(`data-id="([^"]+)"`).FindStringSubmatch(body)[1]
			res, err := http.PostForm("http://"+u.Host+"/decide?token="+token, url.Values{"id": {id}, "label": {"other"}})
			require.NoError(t, err)
			res.Body.Close()
			require.Equal(t, http.StatusOK, res.StatusCode)

			require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				require.NoError(t, err, stderr.String())
			case <-time.After(10 * time.Second):
				t.Fatal("annotate did not stop on SIGINT")
			}
			assert.Contains(t, stderr.String(), tt.texts)
			assert.Contains(t, stderr.String(), "stopped")
			assert.Equal(t, tt.warn, strings.Contains(stderr.String(), "warning: serving on"), stderr.String())
			recs := readRecords(t, out)
			require.Len(t, recs, 1)
			assert.Equal(t, "other", recs[0].Label)
			assert.Equal(t, tt.source, recs[0].Source)
		})
	}
}

func readRecords(t *testing.T, path string) []corpus.Claim {
	t.Helper()
	recs, err := readLabels(path)
	require.NoError(t, err)
	return recs
}

// TestAnnotateModelMerges checks that the model of an annotation session
// takes the -data files as training does: a record with a built-in
// claim's id relabels it, and with a saved -model such a record is an
// error rather than a claim without text.
func TestAnnotateModelMerges(t *testing.T) {
	data := writeFile(t, "mine.jsonl", `{"id":"ch-0281","label":"blame_china"}`+"\n"+
		`{"text":"Beijing profits from the quarrel.","label":"blame_china"}`+"\n")
	m, err := annotateModel("", []string{data})
	require.NoError(t, err)
	assert.Contains(t, m.Labels(), "blame_china")

	saved := filepath.Join(t.TempDir(), "m.json")
	r := runCmd(t, "", "train", "-o", saved)
	require.Equal(t, 0, r.status, r.stderr)
	_, err = annotateModel(saved, []string{data})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `record 1 (id "ch-0281")`)
}
