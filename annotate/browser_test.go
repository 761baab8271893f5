package annotate

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/internal/chromium"
)

// pageState is what the browser test reads of the page after each key.
type pageState struct {
	ID         string   `json:"id"`         // the claim shown
	Text       string   `json:"text"`       // its text
	Suggestion string   `json:"suggestion"` // the label Enter accepts
	Keys       []string `json:"keys"`       // the label of each key, 1 first
	Progress   string   `json:"progress"`
	Announce   string   `json:"announce"` // the live region
	Focus      string   `json:"focus"`    // the id of the focused element
	Marks      int      `json:"marks"`    // highlighted words
	Error      string   `json:"error"`
}

const stateJS = `(() => {
	const c = document.getElementById('claim');
	return {
		id: c ? c.dataset.id : '',
		text: c && c.querySelector('#claim-text bdi') ? c.querySelector('#claim-text bdi').textContent : '',
		suggestion: c ? c.dataset.suggestion : '',
		keys: [...document.querySelectorAll('button[data-key]')].map(b => b.dataset.label),
		progress: document.querySelector('.progress label').textContent,
		announce: document.getElementById('announce').textContent,
		focus: document.activeElement ? document.activeElement.id : '',
		marks: document.querySelectorAll('#claim-text mark').length,
		error: document.getElementById('error').textContent,
	};
})()`

// TestAnnotateInBrowser labels claims with the keyboard alone in headless
// Chromium: ten decisions (one with a new label, one undone) and a skip.
// It checks that the output file holds exactly the nine records expected,
// that the page moves the focus to each new claim and reads it out in its
// live region, and that a server started again on the same file first
// shows a claim not labeled yet. With STANCEKIT_SCREENSHOT set to a file
// name, it saves a screenshot of the page there (this is how
// docs/annotate.png is made).
func TestAnnotateInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	cs := articleClaims()
	byID := make(map[string]Claim)
	for _, c := range cs {
		byID[c.ID] = c
	}
	s, out := newServer(t, "", Config{})
	ts := httptest.NewServer(s)
	defer ts.Close()

	ctx, cancel, err := chromium.Start(t.TempDir(), 1280, 900, 60*time.Second)
	if errors.Is(err, chromium.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skip(err) // in CI, .ci/run installs Debian's chromium
	}
	require.NoError(t, err)
	defer cancel()

	open := func(url string) pageState {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)))
		_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		require.NoError(t, err)
		st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](stateJS))
		require.NoError(t, err)
		return st
	}
	// press types keys and waits until the page has done what they ask.
	press := func(keys string) pageState {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(keys)))
		for range 500 {
			idle, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.pending === '0'`))
			require.NoError(t, err)
			if idle {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](stateJS))
		require.NoError(t, err)
		require.Empty(t, st.Error)
		return st
	}

	st := open(ts.URL + "/?token=" + s.Token())
	assert.Equal(t, "claim", st.Focus, "the claim has the focus from the start")
	assert.Equal(t, []string{"blame_japan", "blame_russia", "compromise", "neutral"}, st.Keys)
	// Every control has a name a screen reader can read, and the live
	// region is polite.
	unnamed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('button, select, input, progress')]
		.filter(e => !(e.textContent.trim() || (e.labels && e.labels.length) || e.getAttribute('aria-label'))).length`))
	require.NoError(t, err)
	assert.Zero(t, unnamed, "controls without a name")
	live, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(e => e.getAttribute('role') + ' ' + e.getAttribute('aria-live'))(document.getElementById('announce'))`))
	require.NoError(t, err)
	assert.Equal(t, "status polite", live)

	var want []corpus.Claim
	decided := func(id, label string) {
		c := byID[id]
		want = append(want, corpus.Claim{ID: id, Source: c.Source, Text: c.Text, Label: label})
	}
	marks := st.Marks
	// Ten decisions by key: 1…9 choose a label, Enter accepts the
	// suggestion, n adds a label; one is undone with u, one claim skipped
	// with s.
	steps := []string{"1", "Enter", "2", "s", "n", "3", "4", "u", "1", "Enter", "5", "2"}
	for k, key := range steps {
		before := st
		switch key {
		case "Enter":
			st = press(kb.Enter)
			decided(before.ID, before.Suggestion)
		case "n":
			st = press("n")
			focus, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
			require.NoError(t, err)
			require.Equal(t, "new-name", focus, "n opens the form for a new label")
			st = press("blame_china" + kb.Enter)
			decided(before.ID, "blame_china")
			assert.Contains(t, st.Keys, "blame_china", "the new label gets a key")
		case "s":
			st = press("s")
			assert.NotEqual(t, before.ID, st.ID, "s skips")
		case "u":
			st = press("u")
			assert.Equal(t, want[len(want)-1].ID, st.ID, "undo shows the claim again")
			want = want[:len(want)-1]
		default:
			st = press(key)
			decided(before.ID, before.Keys[key[0]-'1'])
		}
		if key != "u" && key != "s" {
			assert.NotEqual(t, before.ID, st.ID, "step %d (%s) moves on", k+1, key)
		}
		assert.Equal(t, fmtProgress(len(want), len(cs)), st.Progress, "step %d (%s)", k+1, key)
		assert.Equal(t, "claim", st.Focus, "step %d (%s): the focus is on the claim", k+1, key)
		assert.Contains(t, st.Announce, st.Text, "step %d (%s): the live region reads the claim", k+1, key)
		marks += st.Marks
	}
	assert.Len(t, want, 9)
	assert.Equal(t, want, records(t, out), "the output file holds the nine decisions")
	assert.Positive(t, marks, "evidence words are highlighted")

	// The switch to reading order shows the first claim not labeled.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[int](`(s => (s.value = 'reading', s.dispatchEvent(new Event('change')), 0))(document.getElementById('order'))`))
	require.NoError(t, err)
	st = press("")
	labeled := make(map[string]bool)
	for _, r := range want {
		labeled[r.ID] = true
	}
	firstLeft := cs[slices.IndexFunc(cs, func(c Claim) bool { return !labeled[c.ID] })]
	assert.Equal(t, firstLeft.ID, st.ID, "reading order")

	// Started again on the same file, the server carries on.
	ts.Close()
	require.NoError(t, s.Close())
	s2, _ := newServer(t, out, Config{})
	settle(s2)
	ts2 := httptest.NewServer(s2)
	defer ts2.Close()
	st = open(ts2.URL + "/?token=" + s2.Token())
	assert.NotEmpty(t, st.ID)
	assert.False(t, labeled[st.ID], "the first claim shown is one not labeled yet")
	assert.Equal(t, fmtProgress(9, len(cs)), st.Progress)
	assert.Equal(t, want, records(t, out), "starting again changes nothing")

	if p := os.Getenv("STANCEKIT_SCREENSHOT"); p != "" {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 960)))
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollTo(0, 0), true`))
		require.NoError(t, err)
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, shot, 0o644))
	}
}

func fmtProgress(n, of int) string { return fmt.Sprintf("%d of %d labeled", n, of) }
