package annotate

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnnotateConcurrentClients sends decisions from two clients at once,
// as two tabs would: first both label every claim (in opposite orders),
// then each changes the labels of half the claims while the other half
// is changed by the other. No record may be lost or written twice.
func TestAnnotateConcurrentClients(t *testing.T) {
	cs := articleClaims()
	s, out := newServer(t, "", Config{RetrainEvery: 3})
	ts := httptest.NewServer(s)
	defer ts.Close()

	post := func(c *http.Client, path string, form url.Values) error {
		req, err := http.NewRequest("POST", ts.URL+path, strings.NewReader(form.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Stance-Token", testToken)
		req.Header.Set("Origin", ts.URL)
		res, err := c.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %d %s", path, res.StatusCode, b)
		}
		return nil
	}
	// run has two clients send their decisions at the same time.
	run := func(decisions [2][][2]string) {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for k := range 2 {
			c := &http.Client{Transport: &http.Transport{}}
			wg.Go(func() {
				for _, d := range decisions[k] {
					if err := post(c, "/decide", url.Values{"id": {d[0]}, "label": {d[1]}}); err != nil {
						errs[k] = err
						return
					}
				}
			})
		}
		wg.Wait()
		require.NoError(t, errs[0])
		require.NoError(t, errs[1])
	}

	var both [2][][2]string
	for i := range cs {
		both[0] = append(both[0], [2]string{cs[i].ID, "neutral"})
		both[1] = append(both[1], [2]string{cs[len(cs)-1-i].ID, "neutral"})
	}
	run(both)
	want := make(map[string]string)
	for _, c := range cs {
		want[c.ID] = "neutral"
	}
	check := func() {
		t.Helper()
		recs := records(t, out) // fails on a duplicate id or a torn line
		got := make(map[string]string)
		for _, r := range recs {
			got[r.ID] = r.Label
		}
		assert.Len(t, recs, len(cs), "one record per claim")
		assert.Equal(t, want, got)
	}
	check()

	var halves [2][][2]string
	for i, c := range cs {
		l := []string{"compromise", "blame_russia"}[i%2]
		halves[i%2] = append(halves[i%2], [2]string{c.ID, l})
		want[c.ID] = l
	}
	run(halves)
	check()

	settle(s)
	again, _ := newServer(t, out, Config{})
	assert.Equal(t, len(cs), labeledCount(t, call(t, again, "GET", "/", nil).Body.String()))
}
