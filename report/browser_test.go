package report_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/internal/chromium"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

// TestReportInBrowser renders the report of the five articles in headless
// Chromium and checks, through the DOM, that every claim is highlighted,
// that tooltips open on keyboard focus, that the charts are drawn, and
// that the table of contents shows a profile bar for each text and takes
// the reader to it. With
// STANCEKIT_SCREENSHOT set to a file name, it saves a screenshot there
// (this is how docs/report.png is made).
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	eval, err := stance.CrossValidate(corpus.ArticleClaims(), stance.CV{Folds: 10, Seed: 1, Extra: corpus.ExtraClaims()})
	require.NoError(t, err)
	var docs []report.Document
	for _, a := range corpus.Articles() {
		docs = append(docs, report.Document{Name: a.Title, Text: a.Text})
	}
	want := len(corpus.ArticleClaims())
	page := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(page)
	require.NoError(t, err)
	require.NoError(t, report.Write(f, m, docs, report.Options{Title: "Five articles on Russia–Japan relations", Eval: eval}))
	require.NoError(t, f.Close())

	ctx, cancel, err := chromium.Start(t.TempDir(), 1280, 900, 60*time.Second)
	if errors.Is(err, chromium.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skip(err) // in CI, .ci/run installs Debian's chromium
	}
	require.NoError(t, err)
	defer cancel()

	// Navigate waits for the page to load; everything after runs as
	// script in the page, as a reader's browser would.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page)))
	// A headless page never has the window's focus; emulate it, so that
	// keyboard focus behaves as in a reader's browser.
	_, err = chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	require.NoError(t, err)
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		require.NoError(t, err, js)
		return n
	}
	truth := func(js string) bool {
		t.Helper()
		b, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		require.NoError(t, err, js)
		return b
	}
	claims := count(`document.querySelectorAll('.claim').length`)
	// A claim is highlighted when its computed background is not
	// transparent and it has a coloured underline.
	highlighted := count(`[...document.querySelectorAll('.claim')].filter(e => {
		const s = getComputedStyle(e);
		return s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.borderBottomStyle !== 'none' && e.getClientRects().length > 0;
	}).length`)
	bars := count(`[...document.querySelectorAll('svg.bar rect')].filter(r => r.getBoundingClientRect().width > 0).length`)
	chartBars := count(`[...document.querySelectorAll('svg.chart rect')].filter(r => r.getBoundingClientRect().width > 0).length`)
	cells := count(`[...document.querySelectorAll('svg.heat rect')].filter(r => r.getBoundingClientRect().width > 0).length`)
	tipHidden := truth(`getComputedStyle(document.querySelector('.claim .tip')).display === 'none'`)
	tipShown := truth(`document.querySelector('.claim').focus(),
		getComputedStyle(document.activeElement.querySelector('.tip')).display !== 'none'`)
	tocLinks := count(`document.querySelectorAll('nav.toc a[href^="#doc-"]').length`)
	tocBars := count(`[...document.querySelectorAll('nav.toc svg.bar')].filter(s => s.getBoundingClientRect().width > 0 && s.querySelector('rect')).length`)
	targets := count(`[...document.querySelectorAll('nav.toc a')].filter(a => document.querySelector(a.getAttribute('href'))).length`)
	// Following the fourth entry brings its text to the top of the window.
	top := count(`document.querySelectorAll('nav.toc a')[3].click(),
		Math.round(document.getElementById('doc-4').getBoundingClientRect().top)`)
	hash := truth(`location.hash === '#doc-4'`)
	chartLinks := count(`document.querySelectorAll('svg.chart a').length`)
	truth(`window.scrollTo(0, 0), true`)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	require.NoError(t, err)
	assert.Equal(t, want, claims, "every sentence of the articles is a claim")
	assert.Equal(t, claims, highlighted, "every claim is highlighted")
	assert.GreaterOrEqual(t, bars, len(docs), "a stacked bar per text")
	assert.GreaterOrEqual(t, chartBars, len(docs), "the comparison chart")
	assert.Equal(t, 16, cells, "a 4×4 confusion heat map")
	assert.True(t, tipHidden, "tooltips are hidden until needed")
	assert.True(t, tipShown, "keyboard focus opens the tooltip")
	assert.Greater(t, len(shot), 10_000, "screenshot")
	assert.Equal(t, len(docs), tocLinks, "a table of contents entry per text")
	assert.Equal(t, len(docs), tocBars, "each entry with its profile bar drawn")
	assert.Equal(t, len(docs), targets, "each entry links to its text")
	assert.InDelta(t, 0, top, 2, "the link brings the text to the top")
	assert.True(t, hash, "the link is the text's address")
	assert.Equal(t, len(docs), chartLinks, "the comparison chart's bars link to their texts")
	if p := os.Getenv("STANCEKIT_SCREENSHOT"); p != "" {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 1000)))
		// Show one tooltip, as a reader moving to a claim would.
		truth(`document.querySelector('[aria-describedby="doc-1-c6"]').focus({preventScroll: true}), window.scrollTo(0, 0), true`)
		top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, top, 0o644))
	}
}
