package report_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
	if p := os.Getenv("STANCEKIT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportInBrowser renders the report of the five articles in headless
// Chromium and checks, through the DOM, that every claim is highlighted,
// that tooltips open on keyboard focus, and that the charts are drawn. With
// STANCEKIT_SCREENSHOT set to a file name, it saves a screenshot there
// (this is how docs/report.png is made).
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin := chromium()
	switch {
	case bin == "" && os.Getenv("CI") != "":
		t.Fatal("no Chromium found; .ci/run installs Debian's chromium")
	case bin == "":
		t.Skip("no Chromium found (install Debian's chromium, or set STANCEKIT_CHROMIUM)")
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

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
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
	if p := os.Getenv("STANCEKIT_SCREENSHOT"); p != "" {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 1000)))
		// Show one tooltip, as a reader moving to a claim would.
		truth(`document.querySelector('[aria-describedby="doc-1-c6"]').focus({preventScroll: true}), window.scrollTo(0, 0), true`)
		top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, top, 0o644))
	}
}
