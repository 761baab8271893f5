package annotate

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
)

// TestRefused checks that requests without the token, with a wrong one,
// or sent by a page of another origin are refused, and that refused
// actions write nothing.
func TestRefused(t *testing.T) {
	s, out := newServer(t, "", Config{})
	first := articleClaims()[0].ID
	tests := []struct {
		name   string
		method string
		target string
		header map[string]string
		want   int
	}{
		{"page without token", "GET", "/", nil, http.StatusForbidden},
		{"page with wrong token", "GET", "/?token=nope", nil, http.StatusForbidden},
		{"page with token", "GET", "/?token=" + testToken, nil, http.StatusOK},
		{"page with a longer token", "GET", "/?token=" + testToken + "x", nil, http.StatusForbidden},
		{"token in header", "GET", "/claim", map[string]string{"X-Stance-Token": testToken}, http.StatusOK},
		{"wrong token in header", "GET", "/claim", map[string]string{"X-Stance-Token": "x"}, http.StatusForbidden},
		{"decide without token", "POST", "/decide?id=" + first + "&label=neutral", nil, http.StatusForbidden},
		{"hostile origin", "POST", "/decide?token=" + testToken + "&id=" + first + "&label=neutral",
			map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"hostile origin, same host other port", "POST", "/decide?token=" + testToken + "&id=" + first + "&label=neutral",
			map[string]string{"Origin": "http://example.com:8080"}, http.StatusForbidden},
		{"null origin", "GET", "/?token=" + testToken, map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"hostile origin on the page", "GET", "/?token=" + testToken, map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"cross-site fetch", "GET", "/claim?token=" + testToken, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"same-site fetch (another port)", "GET", "/claim?token=" + testToken, map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
		{"own origin", "GET", "/claim?token=" + testToken,
			map[string]string{"Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"}, http.StatusOK},
		{"typed URL", "GET", "/?token=" + testToken, map[string]string{"Sec-Fetch-Site": "none"}, http.StatusOK},
		{"unknown path without token", "GET", "/secret", nil, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, nil) // Host: example.com
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			assert.Equal(t, tt.want, w.Code, w.Body.String())
			if tt.want == http.StatusForbidden {
				assert.NotContains(t, w.Body.String(), "<section", "a refusal shows nothing of the claims")
			}
		})
	}
	assert.Empty(t, records(t, out), "no refused decision is written")
}

// TestPageHeaders checks that the page forbids external and injected
// scripts and framing.
func TestPageHeaders(t *testing.T) {
	s, _ := newServer(t, "", Config{})
	w := call(t, s, "GET", "/", nil)
	require.Equal(t, http.StatusOK, w.Code)
	csp := w.Header().Get("Content-Security-Policy")
	assert.Contains(t, csp, "default-src 'none'")
	assert.Contains(t, csp, "script-src 'nonce-")
	assert.Contains(t, csp, "frame-ancestors 'none'")
	assert.Equal(t, "no-referrer", w.Header().Get("Referrer-Policy"))
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	body := w.Body.String()
	assert.NotContains(t, body, "src=\"http", "no external script or image")
	assert.NotContains(t, body, "href=\"http", "no external style")
	assert.Equal(t, 1, strings.Count(body, "<script"), "one script, inline")
}

// step is one request of an action test and what it must give.
type step struct {
	method string
	path   string
	form   url.Values
	code   int
	says   string // a message the response holds
	shows  int    // index of the claim shown, or -1 for any; -2 for none
}

// TestActions runs sequences of actions and checks the responses and the
// output file after them.
func TestActions(t *testing.T) {
	cs := articleClaims()
	id := func(i int) string { return cs[i].ID }
	form := func(kv ...string) url.Values {
		v := url.Values{"order": {"reading"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	rec := func(i int, label string) corpus.Claim {
		return corpus.Claim{ID: cs[i].ID, Source: cs[i].Source, Text: cs[i].Text, Label: label}
	}
	tests := []struct {
		name  string
		steps []step
		want  []corpus.Claim
	}{
		{"first claim in reading order", []step{
			{"GET", "/claim", form(), 200, "", 0},
		}, nil},
		{"decide", []step{
			{"POST", "/decide", form("id", id(0), "label", "neutral"), 200, "Labeled neutral.", 1},
			{"POST", "/decide", form("id", id(1), "label", "blame_russia"), 200, "Labeled blame_russia.", 2},
		}, []corpus.Claim{rec(0, "neutral"), rec(1, "blame_russia")}},
		{"the same decision twice is written once", []step{
			{"POST", "/decide", form("id", id(0), "label", "neutral"), 200, "", 1},
			{"POST", "/decide", form("id", id(0), "label", "neutral"), 200, "Already labeled neutral.", 1},
		}, []corpus.Claim{rec(0, "neutral")}},
		{"a new decision changes the record", []step{
			{"POST", "/decide", form("id", id(0), "label", "neutral"), 200, "", 1},
			{"POST", "/decide", form("id", id(1), "label", "neutral"), 200, "", 2},
			{"POST", "/decide", form("id", id(0), "label", "compromise"), 200, "Changed neutral to compromise.", 2},
		}, []corpus.Claim{rec(0, "compromise"), rec(1, "neutral")}},
		{"undo a decision", []step{
			{"POST", "/decide", form("id", id(0), "label", "neutral"), 200, "", 1},
			{"POST", "/decide", form("id", id(1), "label", "neutral"), 200, "", 2},
			{"POST", "/undo", form(), 200, "Undid neutral.", 1},
		}, []corpus.Claim{rec(0, "neutral")}},
		{"undo a change", []step{
			{"POST", "/decide", form("id", id(0), "label", "neutral"), 200, "", 1},
			{"POST", "/decide", form("id", id(0), "label", "compromise"), 200, "", 1},
			{"POST", "/undo", form(), 200, "Undid compromise: back to neutral.", 0},
			{"POST", "/undo", form(), 200, "Undid neutral.", 0},
			{"POST", "/undo", form(), 200, "Nothing to undo.", 0},
		}, nil},
		{"skip puts a claim last", []step{
			{"POST", "/skip", form("id", id(0)), 200, "Skipped.", 1},
			{"POST", "/decide", form("id", id(1), "label", "neutral"), 200, "", 2},
			{"POST", "/undo", form(), 200, "Undid neutral.", 1},
			{"POST", "/undo", form(), 200, "Undid the skip.", 0},
			{"GET", "/claim", form(), 200, "", 0},
		}, nil},
		{"new label", []step{
			{"POST", "/label", form("id", id(2), "name", "  blame_china "), 200, "Added the label blame_china. Labeled blame_china.", 0},
			{"POST", "/label", form("id", id(3), "name", "BLAME_CHINA"), 200, "Labeled blame_china.", 0},
			{"POST", "/label", form("id", id(4), "name", "Neutral"), 200, "Labeled neutral.", 0},
			{"POST", "/decide", form("id", id(5), "label", "blame_china"), 200, "Labeled blame_china.", 0},
			{"POST", "/label", form("name", "blame_us"), 200, "Added the label blame_us.", 0},
		}, []corpus.Claim{rec(2, "blame_china"), rec(3, "blame_china"), rec(4, "neutral"), rec(5, "blame_china")}},
		{"show a claim by id", []step{
			{"GET", "/claim", form("id", id(7)), 200, "", 7},
		}, nil},
		{"bad requests", []step{
			{"POST", "/decide", form("id", id(0), "label", "no_such_label"), 400, "unknown label", -1},
			{"POST", "/decide", form("id", "nope", "label", "neutral"), 404, "no claim", -1},
			{"POST", "/decide", form("label", "neutral"), 400, "missing claim id", -1},
			{"POST", "/skip", form("id", "nope"), 404, "no claim", -1},
			{"POST", "/label", form("id", id(0), "name", "bad\u202elabel"), 400, "unprintable", -1},
			{"POST", "/label", form("id", id(0), "name", strings.Repeat("x", 65)), 400, "at most 64", -1},
			{"GET", "/claim", form("id", "nope"), 404, "no claim", -1},
			{"GET", "/decide", form("id", id(0), "label", "neutral"), 405, "", -1},
			{"GET", "/nothing", form(), 404, "", -1},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newServer(t, "", Config{RetrainEvery: 1000})
			for k, st := range tt.steps {
				w := call(t, s, st.method, st.path, st.form)
				body := w.Body.String()
				require.Equal(t, st.code, w.Code, "step %d: %s", k+1, body)
				assert.Contains(t, body, st.says, "step %d", k+1)
				if st.shows >= 0 {
					assert.Equal(t, id(st.shows), shown(t, body), "step %d shows claim %d", k+1, st.shows)
				}
			}
			assert.Equal(t, tt.want, records(t, out))
		})
	}
}

// TestProgress checks the progress, the counts per label and the label
// buttons of the page.
func TestProgress(t *testing.T) {
	s, _ := newServer(t, "", Config{RetrainEvery: 1000, Labels: []string{"neutral", "blame_russia"}})
	cs := articleClaims()
	for i, l := range []string{"neutral", "neutral", "blame_russia"} {
		w := call(t, s, "POST", "/decide", url.Values{"id": {cs[i].ID}, "label": {l}})
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	}
	body := call(t, s, "GET", "/", url.Values{"order": {"reading"}}).Body.String()
	assert.Contains(t, body, fmt.Sprintf("3 of %d labeled", len(cs)))
	assert.Contains(t, body, `<td><bdi>neutral</bdi></td><td>2</td>`)
	assert.Contains(t, body, `<td><bdi>blame_russia</bdi></td><td>1</td>`)
	assert.Contains(t, body, `data-label="neutral" data-key="1"`)
	assert.Contains(t, body, `data-label="blame_russia" data-key="2"`)
	assert.NotContains(t, body, `data-label="compromise"`, "only the labels asked for are buttons")
	assert.Contains(t, body, "Other labels of the model:")
	assert.Equal(t, cs[3].ID, shown(t, body))
}

// TestHostileText checks that the text of a claim is never markup.
func TestHostileText(t *testing.T) {
	claims := Claims("<b>src</b>.txt", "Moscow refuses <script>alert(1)</script> to meet Tokyo. The talks resumed \"><img src=x onerror=alert(2)> in May.")
	require.Len(t, claims, 2)
	s, _ := newServer(t, "", Config{Claims: claims})
	for _, c := range claims {
		body := call(t, s, "GET", "/claim", url.Values{"id": {c.ID}}).Body.String()
		assert.NotContains(t, body, "<script>alert")
		assert.NotContains(t, body, "<img")
		assert.NotContains(t, body, "<b>src")
		assert.Contains(t, body, "&lt;b&gt;src&lt;/b&gt;.txt")
	}
}

// TestNewErrors checks the configurations and output files New refuses.
func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	cs := articleClaims()
	tests := []struct {
		name string
		cfg  Config
		is   error
		says string
	}{
		{"no model", Config{Claims: cs, Output: filepath.Join(dir, "a")}, ErrConfig, "no model"},
		{"no claims", Config{Model: model(t), Output: filepath.Join(dir, "a")}, ErrConfig, "no claims"},
		{"no output", Config{Model: model(t), Claims: cs}, ErrConfig, "no output"},
		{"negative retrain", Config{Model: model(t), Claims: cs, Output: filepath.Join(dir, "a"), RetrainEvery: -1}, ErrConfig, "negative"},
		{"duplicate ids", Config{Model: model(t), Claims: []Claim{{Text: "One."}, {Text: "One."}}, Output: filepath.Join(dir, "a")}, ErrConfig, "same ID"},
		{"bad label", Config{Model: model(t), Claims: cs, Output: filepath.Join(dir, "a"), Labels: []string{"a\x00b"}}, corpus.ErrLabel, ""},
		{"labels twice", Config{Model: model(t), Claims: cs, Output: filepath.Join(dir, "a"), Labels: []string{"x", "x"}}, ErrConfig, "offered already"},
		{"label differing in case from the model's", Config{Model: model(t), Claims: cs, Output: filepath.Join(dir, "a"), Labels: []string{"Neutral"}}, corpus.ErrLabelCollision, ""},
		{"bad output file", Config{Model: model(t), Claims: cs, Output: file("bad.jsonl", "{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\"}\n")}, corpus.ErrMissingLabel, "line 2"},
		{"output file label differing in case", Config{Model: model(t), Claims: cs, Output: file("case.jsonl", "{\"text\":\"a\",\"label\":\"NEUTRAL\"}\n")}, corpus.ErrLabelCollision, "case.jsonl"},
		{"output is a directory", Config{Model: model(t), Claims: cs, Output: dir}, nil, "output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.cfg)
			require.Error(t, err)
			assert.Nil(t, s)
			if tt.is != nil {
				assert.True(t, errors.Is(err, tt.is), "%v is not %v", err, tt.is)
			}
			assert.Contains(t, err.Error(), tt.says)
		})
	}
}
