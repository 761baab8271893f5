// Package chromium finds the Chromium (or Chrome) binary that the
// project's browser tests drive, and gives the flags they start it with.
package chromium

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNotFound is returned by Find when no browser is installed.
var ErrNotFound = errors.New("no Chromium found (install Debian's chromium, or set STANCEKIT_CHROMIUM)")

// Find returns the path of the browser: $STANCEKIT_CHROMIUM, or the first
// of chromium, chromium-browser, google-chrome and chrome on the PATH.
func Find() (string, error) {
	if p := os.Getenv("STANCEKIT_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Options returns the allocator options that start the browser at path
// headless, offline but for the pages it is sent to, with its profile in
// dir and a window of the given size.
func Options(path, dir string, width, height int) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(width, height),
	}
}

// Start starts the browser (see [Find]) with its profile in dir and a
// window of the given size, and returns a context that drives one tab of
// it for at most timeout. Calling cancel closes the browser.
func Start(dir string, width, height int, timeout time.Duration) (ctx context.Context, cancel context.CancelFunc, err error) {
	path, err := Find()
	if err != nil {
		return nil, nil, err
	}
	actx, stopAlloc := chromedp.NewExecAllocator(context.Background(), Options(path, dir, width, height)...)
	tab, stopTab := chromedp.NewContext(actx)
	ctx, stopTimer := context.WithTimeout(tab, timeout)
	return ctx, func() { stopTimer(); stopTab(); stopAlloc() }, nil
}
