package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pastedPage is text copied from a web page: a menu, a title, a byline
// and a caption around two paragraphs of body text, and a share widget.
const pastedPage = `Home | World | Asia | Opinion

Tokyo weighs fishing talks as Moscow stalls

By Kenji Arakawa
March 3, 2019

Officials meet in Tokyo on Monday. (Photo: Reuters)

Moscow refuses to meet Tokyo halfway on the islands. The talks took place in May.

Both sides should develop joint projects on the islands.

Share this article on Facebook
`

// rec is a JSON Lines record of classify, a claim or a skipped part.
type rec struct {
	Index         int                `json:"index"`
	Text          string             `json:"text"`
	Label         string             `json:"label"`
	Kind          string             `json:"kind"`
	Probabilities map[string]float64 `json:"probabilities"`
	Summary       *struct {
		Claims  int            `json:"claims"`
		Skipped int            `json:"skipped"`
		Counts  map[string]int `json:"counts"`
	} `json:"summary"`
}

func records(t *testing.T, out string) []rec {
	t.Helper()
	var recs []rec
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r rec
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		recs = append(recs, r)
	}
	return recs
}

// TestClassifySkipsNonClaims checks that the menu, title, byline,
// dateline, caption and widget of a pasted page are neither classified
// nor counted, and that -keep-skipped writes them in reading order.
func TestClassifySkipsNonClaims(t *testing.T) {
	r := runCmd(t, pastedPage, "classify", "-summary")
	require.Equal(t, 0, r.status, r.stderr)
	recs := records(t, r.stdout)
	require.Len(t, recs, 4)
	assert.Equal(t, "Moscow refuses to meet Tokyo halfway on the islands.", recs[0].Text)
	assert.Equal(t, "The talks took place in May.", recs[1].Text)
	assert.Equal(t, "Both sides should develop joint projects on the islands.", recs[2].Text)
	for _, rec := range recs[:3] {
		assert.NotEqual(t, "skip", rec.Label)
	}
	require.NotNil(t, recs[3].Summary)
	assert.Equal(t, 3, recs[3].Summary.Claims)
	assert.Equal(t, 6, recs[3].Summary.Skipped)
	total := 0
	for _, n := range recs[3].Summary.Counts {
		total += n
	}
	assert.Equal(t, 3, total, "counts hold the claims only")

	r = runCmd(t, pastedPage, "classify", "-keep-skipped")
	require.Equal(t, 0, r.status, r.stderr)
	recs = records(t, r.stdout)
	var kinds []string
	for i, rec := range recs {
		assert.Equal(t, i, rec.Index, "reading order")
		if rec.Label == "skip" {
			kinds = append(kinds, rec.Kind)
			assert.Nil(t, rec.Probabilities, "a skipped part is not classified")
		} else {
			assert.Empty(t, rec.Kind)
			assert.NotEmpty(t, rec.Probabilities)
		}
	}
	assert.Equal(t, []string{"navigation", "title", "byline", "dateline", "caption", "widget"}, kinds)
	assert.Len(t, recs, 9)

	// The same indexes with and without -keep-skipped.
	r = runCmd(t, pastedPage, "classify", "-format", "tsv", "-keep-skipped")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "-\t1\tskip\t\t\t\t\ttitle\tTokyo weighs fishing talks as Moscow stalls\n")
	r = runCmd(t, pastedPage, "classify", "-format", "text")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "-:6\tneutral")
	assert.NotContains(t, r.stdout, "skip")
}

// TestClassifyLinesKeepsEverything checks that with -lines every line is
// a claim: nothing is skipped.
func TestClassifyLinesKeepsEverything(t *testing.T) {
	r := runCmd(t, pastedPage, "classify", "-lines", "-keep-skipped")
	require.Equal(t, 0, r.status, r.stderr)
	recs := records(t, r.stdout)
	assert.Len(t, recs, 8)
	for _, rec := range recs {
		assert.NotEqual(t, "skip", rec.Label)
	}
}

// TestClassifyHTML reads a saved page, from a file and from standard
// input: only its article's sentences are claims.
func TestClassifyHTML(t *testing.T) {
	path := filepath.Join("..", "..", "page", "testdata", "003_6583139472fcbe27.html")
	html, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, args := range [][]string{{"classify", path}, {"classify", "-"}} {
		r := runCmd(t, string(html), args...)
		require.Equal(t, 0, r.status, r.stderr)
		recs := records(t, r.stdout)
		assert.Len(t, recs, 92, "the article's sentences")
		for _, rec := range recs {
			assert.NotContains(t, rec.Text, "<")
			assert.NotContains(t, rec.Text, "Comment")
		}
	}
}

// TestClassifyNoClaims warns when every line of an input is skipped.
func TestClassifyNoClaims(t *testing.T) {
	r := runCmd(t, "Home\nNews\nContacts\n", "classify")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "no claims")
	assert.Contains(t, r.stderr, "-lines")
}

// TestReportNames checks that a report heads each text with its page
// title, or else its file name — never the path — and shows the page's
// author and date.
func TestReportNames(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("..", "..", "page", "testdata", "003_6583139472fcbe27.html"))
	require.NoError(t, err)
	dir := t.TempDir()
	saved := filepath.Join(dir, "saved page.html")
	require.NoError(t, os.WriteFile(saved, html, 0o644))
	notes := writeFile(t, "notes.txt", "Moscow refuses to meet Tokyo halfway. The talks took place in May.\n")
	out := filepath.Join(dir, "report.html")
	r := runCmd(t, pastedPage, "report", "-o", out, saved, notes, "-")
	require.Equal(t, 0, r.status, r.stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	page := string(b)
	assert.Contains(t, page, `<h2 id="doc-1"><bdi>Asymmetry of Russia–Japan Relations</bdi></h2>`)
	assert.Contains(t, page, `<p class="byline"><bdi>Anna Kireeva</bdi> · <bdi>2018-06-14</bdi></p>`)
	assert.Contains(t, page, `<h2 id="doc-2"><bdi>notes.txt</bdi></h2>`)
	assert.Contains(t, page, `<h2 id="doc-3"><bdi>Tokyo weighs fishing talks as Moscow stalls</bdi></h2>`)
	assert.Contains(t, page, `<p class="byline"><bdi>Kenji Arakawa</bdi> · <bdi>2019-03-03</bdi></p>`)
	assert.NotContains(t, page, dir, "no path")
	assert.Contains(t, page, "92 claims: ")
}
