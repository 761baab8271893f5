package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrainRelabels(t *testing.T) {
	data := writeFile(t, "mine.jsonl", `{"id": "ch-0281", "label": "blame_china"}
{"id": "extra-495", "label": null}
{"text": "Beijing keeps Moscow and Tokyo apart to its own profit.", "label": "blame_china"}
`)
	model := filepath.Join(t.TempDir(), "m.json")
	r := runCmd(t, "", "train", "-data", data, "-o", model)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "1 built-in claims relabeled, 1 removed")

	bad := writeFile(t, "bad.jsonl", `{"id": "no-such-id", "label": "x"}`)
	r = runCmd(t, "", "train", "-data", bad, "-o", model)
	assert.Equal(t, 1, r.status)
	assert.Contains(t, r.stderr, `id "no-such-id"`)
}

func TestFriction(t *testing.T) {
	// A label file that is a JSON array.
	arr := writeFile(t, "arr.json", `[{"text": "a", "label": "x"}, {"text": "b", "label": "y"}]`)
	r := runCmd(t, "", "train", "-data", arr, "-o", filepath.Join(t.TempDir(), "m.json"))
	assert.Equal(t, 1, r.status)
	assert.Contains(t, r.stderr, "line 1: corpus: invalid JSON: a JSON array; label files are JSON Lines, one object a line")

	// -o into a missing directory names the directory.
	missing := filepath.Join(t.TempDir(), "no", "such", "dir")
	r = runCmd(t, "", "train", "-o", filepath.Join(missing, "m.json"))
	assert.Equal(t, 1, r.status)
	assert.Contains(t, r.stderr, "directory "+missing+"/ does not exist")
	assert.NotContains(t, r.stderr, ".tmp")

	// classify at a terminal says it reads standard input.
	tty, err := os.Open("/dev/null") // a character device, as a terminal is
	require.NoError(t, err)
	defer tty.Close()
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"classify"}, env{tty, &out, &errb}))
	assert.Contains(t, errb.String(), "stance classify: reading standard input")
}

func TestSuggestCommand(t *testing.T) {
	text := writeFile(t, "a.txt", "Moscow refuses every concession.\n\nAbe visited Moscow in May. Officials talked about fishing.\n\nBoth sides could develop the islands jointly.\n")
	r := runCmd(t, "", "suggest", "-n", "2", text)
	require.Equal(t, 0, r.status, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2)
	for _, l := range lines {
		var rec struct {
			ID, Source, Text, Label string
			Probabilities           map[string]float64
		}
		require.NoError(t, json.Unmarshal([]byte(l), &rec))
		assert.True(t, strings.HasPrefix(rec.ID, text+":"), rec.ID)
		assert.Equal(t, text, rec.Source)
		assert.NotEmpty(t, rec.Text)
		assert.Len(t, rec.Probabilities, 4)
		assert.Contains(t, rec.Probabilities, rec.Label)
	}

	// The built-in claims most likely to belong to a new label.
	data := writeFile(t, "mine.jsonl", strings.Repeat(`{"text": "Beijing bullies its neighbours and sets Moscow against Tokyo.", "label": "blame_china"}`+"\n", 1)+
		`{"text": "Chinese pressure wrecks every Russo-Japanese thaw.", "label": "blame_china"}`+"\n")
	r = runCmd(t, "", "suggest", "-data", data, "-label", "blame_china", "-n", "3")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, 3, strings.Count(r.stdout, "\n"))
	assert.Contains(t, r.stdout, `"label":"blame_china"`)
	assert.NotContains(t, r.stdout, "Beijing bullies", "the user's own claims are not listed")

	r = runCmd(t, "", "suggest", "-label", "nope", text)
	assert.Equal(t, 2, r.status)
}

// TestTrainUnknownIDNamesFile checks that a record referring to an id
// no built-in claim has is reported with its file, among several.
func TestTrainUnknownIDNamesFile(t *testing.T) {
	good := writeFile(t, "good.jsonl", `{"text":"Beijing profits from the quarrel.","label":"blame_china"}`+"\n")
	bad := writeFile(t, "bad.jsonl", `{"text":"Moscow refuses.","label":"blame_russia"}`+"\n"+`{"id":"nope-1","label":"blame_china"}`+"\n")
	out := filepath.Join(t.TempDir(), "m.json")
	r := runCmd(t, "", "train", "-data", good, "-data", bad, "-o", out)
	assert.Equal(t, 1, r.status)
	assert.Contains(t, r.stderr, bad+`: override 2 (id "nope-1"): corpus: no claim with this id`)
	assert.NoFileExists(t, out)
}
