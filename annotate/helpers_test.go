package annotate

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// testToken is the session token of the test servers.
const testToken = "test-token-0123456789"

// testModel is the default model, trained once.
var testModel = sync.OnceValues(func() (*stance.Model, error) { return stance.Train(corpus.Claims()) })

func model(t testing.TB) *stance.Model {
	t.Helper()
	m, err := testModel()
	require.NoError(t, err)
	return m
}

// articleClaims returns the claims of the first article of the corpus.
func articleClaims() []Claim {
	a := corpus.Articles()[0]
	return Claims(a.ID+".txt", a.Text)
}

// newServer returns a server on the claims of the first article writing
// to out (a new file if out is ""), with cfg's other fields set.
func newServer(t testing.TB, out string, cfg Config) (*Server, string) {
	t.Helper()
	if out == "" {
		out = filepath.Join(t.TempDir(), "mine.jsonl")
	}
	if cfg.Model == nil {
		cfg.Model = model(t)
	}
	if cfg.Claims == nil {
		cfg.Claims = articleClaims()
	}
	cfg.Output, cfg.Token = out, testToken
	s, err := New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, out
}

// call sends one request with the token to h and returns the response.
func call(t testing.TB, h http.Handler, method, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var body *strings.Reader
	if method == http.MethodPost {
		body = strings.NewReader(form.Encode())
	} else {
		if len(form) > 0 {
			path += "?" + form.Encode()
		}
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, path, body)
	if method == http.MethodPost {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	r.Header.Set("X-Stance-Token", testToken)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

var (
	shownID  = regexp.MustCompile(`<section id="claim"[^>]* data-id="([^"]*)"`)
	progress = regexp.MustCompile(`(\d+) of (\d+) labeled`)
)

// shown returns the ID of the claim a response shows ("" for none).
func shown(t testing.TB, body string) string {
	t.Helper()
	m := shownID.FindStringSubmatch(body)
	require.NotNil(t, m, "no claim section in %s", body)
	return m[1]
}

// labeledCount returns the progress a response shows.
func labeledCount(t testing.TB, body string) int {
	t.Helper()
	m := progress.FindStringSubmatch(body)
	require.NotNil(t, m, "no progress in %s", body)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

// records reads the output file.
func records(t testing.TB, path string) []corpus.Claim {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	recs, err := corpus.ReadJSONL(bytes.NewReader(b))
	require.NoError(t, err)
	return recs
}

// settle waits until the background update of s is done.
func settle(s *Server) {
	s.wg.Wait()
}
