package page_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
)

// inlineClutter marks clutter inside a line of body text: "{~MOSCOW,
// January 16. /TASS/.~} Russian Foreign Minister…".
var inlineClutter = regexp.MustCompile(`\{~(.*?)~\}`)

// annotated is a text copied from a page, with its clutter marked.
type annotated struct {
	text    string   // the text as pasted
	clutter []string // the lines (or sentences) that are not claims
	body    []string // the sentences of the body, each of which is a claim
}

// readAnnotated reads a file of testdata/pasted: a text as copied from a
// web page, with each line that is not body text marked by a leading "~"
// and clutter inside a body line by {~ … ~}.
func readAnnotated(t *testing.T, path string) annotated {
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var a annotated
	var text, para []string
	flush := func() {
		if len(para) > 0 {
			a.body = append(a.body, features.Sentences(strings.Join(para, "\n"))...)
			para = para[:0]
		}
	}
	for line := range strings.Lines(string(raw)) {
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "~"):
			line = strings.TrimPrefix(line, "~")
			a.clutter = append(a.clutter, line)
		case strings.TrimSpace(line) == "":
			flush()
		default:
			for _, m := range inlineClutter.FindAllStringSubmatch(line, -1) {
				a.clutter = append(a.clutter, m[1])
			}
			para = append(para, strings.TrimSpace(inlineClutter.ReplaceAllString(line, "")))
			line = inlineClutter.ReplaceAllString(line, "$1")
		}
		text = append(text, line)
	}
	flush()
	a.text = strings.Join(text, "\n")
	return a
}

// TestPastedPages reads texts copied from pages of other styles than the
// seed files — a Japanese daily's and a Korean agency's English editions,
// a Russian agency and a Russian journal, a think tank, a business weekly,
// a broadcaster, an interview, an opinion page with a cookie banner and
// reader comments, a hard-wrapped newsletter, body text full of traps —
// written for this test, with their clutter marked. No more than one clutter line in ten may come out
// as a claim, and at least 97% of the body sentences must come out exactly
// as claims.
func TestPastedPages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "pasted", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var clutter, leaked, body, exact int
	for _, f := range files {
		a := readAnnotated(t, f)
		claims := page.Claims(a.text)
		for _, c := range a.clutter {
			c = strings.TrimSpace(c)
			for _, cl := range claims {
				// A claim cut from the clutter line, or one that swallowed it.
				if strings.Contains(c, cl) || (strings.Contains(cl, c) && overlap([]string{cl}, a.body) == 0) {
					t.Logf("%s: clutter line came out as a claim: %q", filepath.Base(f), c)
					leaked++
					break
				}
			}
		}
		n := overlap(claims, a.body)
		for _, b := range a.body {
			if overlap([]string{b}, claims) == 0 {
				t.Logf("%s: body sentence missed: %q", filepath.Base(f), b)
			}
		}
		t.Logf("%s: %d clutter lines, %d body sentences, %d claims, %d exact", filepath.Base(f), len(a.clutter), len(a.body), len(claims), n)
		clutter, body, exact = clutter+len(a.clutter), body+len(a.body), exact+n
	}
	t.Logf("all: %d of %d clutter lines came out as claims; %d of %d body sentences exactly", leaked, clutter, exact, body)
	assert.LessOrEqual(t, float64(leaked), 0.1*float64(clutter), "clutter lines that came out as claims")
	assert.GreaterOrEqual(t, float64(exact), 0.97*float64(body), "body sentences that came out exactly as claims")
}
