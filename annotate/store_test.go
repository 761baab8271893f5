package annotate

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRestart checks that a server started again on the same file shows
// no claim labeled there, in either order, and carries on.
func TestRestart(t *testing.T) {
	cs := articleClaims()
	s, out := newServer(t, "", Config{})
	labeled := map[string]bool{}
	for range 6 {
		id := shown(t, call(t, s, "GET", "/claim", nil).Body.String())
		w := call(t, s, "POST", "/decide", url.Values{"id": {id}, "label": {"neutral"}})
		require.Equal(t, http.StatusOK, w.Code)
		labeled[id] = true
	}
	require.NoError(t, s.Close())
	w := call(t, s, "GET", "/claim", nil)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code, "a closed server refuses requests")

	again, _ := newServer(t, out, Config{})
	for _, order := range []string{"informative", "reading"} {
		body := call(t, again, "GET", "/", url.Values{"order": {order}}).Body.String()
		assert.Equal(t, 6, labeledCount(t, body))
		assert.False(t, labeled[shown(t, body)], "%s order shows a claim not labeled yet", order)
	}
	// Carry on to the end: every claim is shown once.
	for range len(cs) - 6 {
		id := shown(t, call(t, again, "GET", "/claim", url.Values{"order": {"reading"}}).Body.String())
		require.False(t, labeled[id], "claim %s shown twice", id)
		labeled[id] = true
		require.Equal(t, http.StatusOK, call(t, again, "POST", "/decide", url.Values{"id": {id}, "label": {"compromise"}}).Code)
	}
	body := call(t, again, "GET", "/claim", nil).Body.String()
	assert.Equal(t, "", shown(t, body))
	assert.Contains(t, body, "All 29 claims are labeled")
	assert.Len(t, records(t, out), len(cs))
}

// TestFileKept checks that the records of an existing file that the
// server does not change stay byte for byte, unknown fields included,
// through appends and rewrites; that a last line without a newline is
// ended before the next record; and that rewrites leave no temporary
// file.
func TestFileKept(t *testing.T) {
	cs := articleClaims()
	own := `{"id":"x1","text":"Washington keeps Tokyo and Moscow apart.","label":"blame_us","note":"mine"}`
	first := "\xef\xbb\xbf" + own + "\r\n\n" + `{"text": "The talks resume in May.",  "label": "neutral"}`
	dir := t.TempDir()
	out := filepath.Join(dir, "mine.jsonl")
	require.NoError(t, os.WriteFile(out, []byte(first), 0o600))
	s, _ := newServer(t, out, Config{RetrainEvery: 1000})
	body := call(t, s, "GET", "/", nil).Body.String()
	assert.Contains(t, body, `data-label="blame_us"`, "the file's labels are offered")
	assert.Contains(t, body, `<td><bdi>blame_us</bdi></td><td>1</td>`)
	assert.Equal(t, 0, labeledCount(t, body), "records of other claims are not among these claims")

	call(t, s, "POST", "/decide", url.Values{"id": {cs[0].ID}, "label": {"neutral"}})
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), first+"\n{"), "appended after a newline: %q", b)

	call(t, s, "POST", "/decide", url.Values{"id": {cs[0].ID}, "label": {"blame_us"}}) // a rewrite
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	require.Len(t, lines, 3)
	assert.Equal(t, own, lines[0], "kept byte for byte")
	assert.Equal(t, `{"text": "The talks resume in May.",  "label": "neutral"}`, lines[1])
	assert.Contains(t, lines[2], `"label":"blame_us"`)
	st, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "a rewrite keeps the file's mode")

	call(t, s, "POST", "/undo", nil)
	call(t, s, "POST", "/undo", nil)
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, own+"\n"+`{"text": "The talks resume in May.",  "label": "neutral"}`+"\n", string(b))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
	assert.Len(t, records(t, out), 2)
}

// TestBackgroundUpdate checks that the model is updated after every few
// decisions, learns a new label, and that the labels are cross-validated.
func TestBackgroundUpdate(t *testing.T) {
	cs := articleClaims()
	s, _ := newServer(t, "", Config{RetrainEvery: 4})
	labels := []string{"blame_china", "neutral", "blame_china", "neutral"}
	for i, l := range labels {
		w := call(t, s, "POST", "/label", url.Values{"id": {cs[i].ID}, "name": {l}})
		require.Equal(t, http.StatusOK, w.Code)
	}
	settle(s)
	body := call(t, s, "GET", "/claim", url.Values{"id": {cs[10].ID}}).Body.String()
	assert.Contains(t, body, "Updated with 4 of your labels.")
	assert.Contains(t, s.model.Labels(), "blame_china", "the update learned the new label")
	assert.NotContains(t, body, `class="p new"`, "the new label has a probability")
	assert.Contains(t, body, "Cross-validated macro-F1:\n    <strong>—</strong>", "4 labels are too few to cross-validate")

	w := call(t, s, "POST", "/decide", url.Values{"id": {cs[4].ID}, "label": {"blame_china"}})
	require.Equal(t, http.StatusOK, w.Code)
	for i := 5; i < 8; i++ {
		call(t, s, "POST", "/decide", url.Values{"id": {cs[i].ID}, "label": {"neutral"}})
	}
	settle(s)
	body = call(t, s, "GET", "/claim", nil).Body.String()
	assert.Contains(t, body, "Updated with 8 of your labels.")
	assert.Regexp(t, `Cross-validated macro-F1:\s*<strong>[01]\.\d\d</strong> <span class="hint">\(5-fold, 8 labels\)`, body)
	sc := s.crossValidate(s.st.recs)
	require.NotNil(t, sc)
	assert.Equal(t, s.score, sc, "the page shows the cross-validation of the records")
}

// TestOrder checks the two orders: reading order, and the model's
// ranking of the claims left, which changes as the model is updated.
func TestOrder(t *testing.T) {
	cs := articleClaims()
	s, _ := newServer(t, "", Config{RetrainEvery: 3})
	first := func(order string) string {
		return shown(t, call(t, s, "GET", "/claim", url.Values{"order": {order}}).Body.String())
	}
	// suggested returns the claim Suggest ranks first among those left.
	suggested := func(labeled map[string]bool) string {
		var left []Claim
		var texts []string
		for _, c := range cs {
			if !labeled[c.ID] {
				left = append(left, c)
				texts = append(texts, c.Text)
			}
		}
		return left[s.model.Suggest(texts, 1)[0].Index].ID
	}
	assert.Equal(t, cs[0].ID, first("reading"))
	assert.Equal(t, suggested(nil), first("informative"))
	assert.NotEqual(t, cs[0].ID, first("informative"), "the ranking is not reading order")

	labeled := make(map[string]bool)
	for _, l := range []string{"blame_japan", "blame_japan", "blame_japan"} {
		id := first("informative")
		require.Equal(t, http.StatusOK, call(t, s, "POST", "/decide", url.Values{"id": {id}, "label": {l}}).Code)
		labeled[id] = true
	}
	settle(s)
	require.Equal(t, 3, s.trained, "updated with the three labels")
	assert.Equal(t, suggested(labeled), first("informative"), "ranked again by the updated model")
}
