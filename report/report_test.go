package report_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

func model(t testing.TB) *stance.Model {
	t.Helper()
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	return m
}

func render(t *testing.T, m *stance.Model, docs []report.Document, opt report.Options) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.Write(&b, m, docs, opt))
	return b.String()
}

// TestHostileText feeds markup and script through every place input text
// reaches: titles, document names and claims.
func TestHostileText(t *testing.T) {
	attacks := []string{
		`<script>alert(1)</script>`,
		`"><img src=x onerror=alert(2)>`,
		`'><svg onload=alert(3)>`,
		`</span></p></section><script>alert(4)</script>`,
		`javascript:alert(5)`,
		`{{.Title}}`,
	}
	m := model(t)
	for i, a := range attacks {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			html := render(t, m, []report.Document{{Name: a, Text: "Moscow refuses. " + a + " Tokyo waits."}}, report.Options{Title: a})
			for _, bad := range []string{"<script", "<img", "<svg onload", "</section><script"} {
				assert.NotContains(t, html, bad)
			}
			// The text is there, escaped: as the browser will show it.
			escaped := strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(a)
			assert.Contains(t, html, escaped)
		})
	}
}

func TestSelfContained(t *testing.T) {
	html := render(t, model(t), []report.Document{{Name: "a", Text: "Moscow refuses."}}, report.Options{})
	assert.NotRegexp(t, regexp.MustCompile(`(?i)<link|<script|src=|@import|url\(|https?://`), html)
	assert.Contains(t, html, "<style>")
	assert.Contains(t, html, "<title>Stance report</title>")
}

func TestContent(t *testing.T) {
	m := model(t)
	docs := []report.Document{
		{Name: "one", Text: "Moscow refuses to meet Tokyo halfway. The talks took place in May.\n\nBoth sides should develop joint projects on the islands."},
		{Name: "two", Text: "Tokyo keeps reviving the territorial issue for domestic gain."},
	}
	eval, err := stance.CrossValidate(corpus.ArticleClaims(), stance.CV{Folds: 5, Seed: 1})
	require.NoError(t, err)
	html := render(t, m, docs, report.Options{Title: "Test", Eval: eval})
	assert.Equal(t, 4, strings.Count(html, `class="claim `), "one span per claim")
	assert.Equal(t, 3, strings.Count(html, `<p class="text">`), "two paragraphs, then one")
	assert.Contains(t, html, `data-label="blame_russia"`)
	assert.Contains(t, html, `data-label="compromise"`)
	assert.Contains(t, html, `data-label="blame_japan"`)
	assert.Contains(t, html, "3 claims: blame_japan 0 (0%); blame_russia 1 (33%); compromise 1 (33%); neutral 1 (33%);")
	assert.Contains(t, html, `<svg class="heat"`)
	assert.Equal(t, 16, strings.Count(html, `width="58" height="58" fill="#0072B2"`), "4×4 heat map")
	// The reliability diagram: a bar and a dot for each bin that holds
	// predictions, and the expected calibration error.
	assert.Contains(t, html, `<svg class="reliability"`)
	assert.Equal(t, strings.Count(html, `fill-opacity="0.6"><title>probability `), strings.Count(html, `<circle `))
	assert.Positive(t, strings.Count(html, `<circle `))
	assert.Contains(t, html, "Expected calibration error 0.")
	assert.Contains(t, html, "macro-F1 0.")

	// Deterministic.
	assert.Equal(t, html, render(t, m, docs, report.Options{Title: "Test", Eval: eval}))

	// With Lines, every line is a claim.
	lines := render(t, m, []report.Document{{Name: "l", Text: "a. b. c.\nd"}}, report.Options{Lines: true})
	assert.Equal(t, 2, strings.Count(lines, `class="claim `))
}

func TestUserLabelsGetColours(t *testing.T) {
	claims := corpus.Claims()
	for i := range 20 {
		claims = append(claims, corpus.Claim{Text: fmt.Sprintf("Washington divides Tokyo and Moscow %d.", i), Label: "blame_us"})
	}
	m, err := stance.Train(claims)
	require.NoError(t, err)
	html := render(t, m, []report.Document{{Name: "x", Text: "Washington divides Tokyo and Moscow."}}, report.Options{})
	assert.Contains(t, html, `data-label="blame_us"`)
	assert.Contains(t, html, "blame_us (1)")
	assert.Contains(t, html, "#E69F00", "the fifth label takes the next colour")
}

// TestBidiIsolated checks that a claim's unterminated right-to-left
// override cannot reorder what follows it: every claim's text and every
// heading is isolated for bidirectional text.
func TestBidiIsolated(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	var buf bytes.Buffer
	docs := []report.Document{{Name: "\u202eevil name", Text: "Moscow \u202erefuses the talks. Tokyo waits. \u2067Both sides should compromise."}}
	require.NoError(t, report.Write(&buf, m, docs, report.Options{}))
	html := buf.String()
	assert.Contains(t, html, `<bdi>Moscow `+"\u202e"+`refuses the talks.</bdi>`)
	assert.Contains(t, html, `<bdi>Tokyo waits.</bdi>`)
	assert.Contains(t, html, `<h2 id="doc-1"><bdi>`+"\u202e"+`evil name</bdi></h2>`)
	assert.Regexp(t, `\.claim \{[^}]*unicode-bidi: isolate`, html)
	assert.Equal(t, strings.Count(html, `class="claim `), strings.Count(html, `"><bdi>`)-1, "a claim without <bdi>")
}

// TestPages checks what the report shows of a page: the parts that are
// not claims in grey and uncounted, the author and date under the name,
// and from four texts on a table of contents.
func TestPages(t *testing.T) {
	m := model(t)
	doc := report.Document{
		Name: "Tokyo weighs fishing talks", Author: "Jane Roe", Date: "2019-03-03",
		Text: "Home | World | Asia\n\nTokyo weighs fishing talks\n\nMoscow refuses to meet Tokyo halfway. The talks took place in May.\n\nShare this article",
	}
	html := render(t, m, []report.Document{doc}, report.Options{})
	assert.Equal(t, 2, strings.Count(html, `class="claim `), "the claims")
	assert.Equal(t, 3, strings.Count(html, `<span class="skip"`), "the menu, the title and the widget, shown")
	assert.Contains(t, html, `<span class="skip" title="not a claim: navigation"><bdi>Home | World | Asia</bdi></span>`)
	assert.Contains(t, html, "2 claims: ")
	assert.Contains(t, html, "3 lines that are not claims shown in grey.")
	assert.Contains(t, html, `<p class="byline"><bdi>Jane Roe</bdi> · <bdi>2019-03-03</bdi></p>`)
	assert.NotContains(t, html, `class="toc"`, "no table of contents for one text")

	docs := []report.Document{doc, doc, doc}
	assert.NotContains(t, render(t, m, docs, report.Options{}), `class="toc"`, "nor for three")
	docs = append(docs, doc)
	html = render(t, m, docs, report.Options{})
	require.Contains(t, html, `<nav class="toc"`)
	toc := html[strings.Index(html, `<nav class="toc"`):strings.Index(html, `</nav>`)]
	for i := 1; i <= 4; i++ {
		assert.Contains(t, toc, fmt.Sprintf(`<li><a href="#doc-%d">`, i))
		assert.Contains(t, html, fmt.Sprintf(`<h2 id="doc-%d">`, i), "the target of each link")
	}
	assert.Equal(t, 4, strings.Count(toc, `<svg class="bar"`), "a profile bar per text")
}
