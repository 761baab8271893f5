package page_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
)

// seedDir returns the directory of the five raw seed files — the articles
// as copied from their web pages, clutter and all — which live outside the
// repository, in shared/seeds beside it: the nearest such directory in an
// ancestor of the working directory, or "".
func seedDir() string {
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		d := filepath.Join(dir, "shared", "seeds")
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// overlap counts the items of got that match an item of want, each item
// of want matched at most once.
func overlap(got, want []string) int {
	left := make(map[string]int)
	for _, w := range want {
		left[w]++
	}
	n := 0
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			n++
		}
	}
	return n
}

// sentencesOf returns the corpus sentences of one article.
func sentencesOf(id string) []string {
	var out []string
	for _, c := range corpus.ArticleClaims() {
		if c.Source == id {
			out = append(out, c.Text)
		}
	}
	return out
}

// TestSeedFiles reads the five raw seed files — the articles with their
// pages' menus, bylines, captions and comment widgets — and checks the
// claims against the hand-cleaned corpus sentences: at least 97% of the
// sentences come out exactly as claims (recall), and at least 97% of the
// claims are corpus sentences (precision). Run it with -v for the figures
// of each file.
func TestSeedFiles(t *testing.T) {
	dir := seedDir()
	if dir == "" {
		t.Skip("no seed files: they live in shared/seeds beside the repository, and there is none in any parent directory")
	}
	var hits, claims, sentences int
	for _, a := range corpus.Articles() {
		raw, err := os.ReadFile(filepath.Join(dir, a.ID+".txt"))
		require.NoError(t, err)
		got := page.Claims(string(raw))
		want := sentencesOf(a.ID)
		n := overlap(got, want)
		t.Logf("%s: %d sentences, %d claims, %d exact: precision %.3f, recall %.3f",
			a.ID, len(want), len(got), n, float64(n)/float64(len(got)), float64(n)/float64(len(want)))
		if testing.Verbose() {
			for _, p := range page.Parts(string(raw)) {
				if p.Skip {
					t.Logf("  skip %-10s %.90q", p.Kind, p.Text)
				} else if overlap([]string{p.Text}, want) == 0 {
					t.Logf("  EXTRA claim     %.90q", p.Text)
				}
			}
			for _, w := range want {
				if overlap([]string{w}, got) == 0 {
					t.Logf("  MISSED sentence %.90q", w)
				}
			}
		}
		hits, claims, sentences = hits+n, claims+len(got), sentences+len(want)
	}
	precision, recall := float64(hits)/float64(claims), float64(hits)/float64(sentences)
	t.Logf("all: %d sentences, %d claims, %d exact: precision %.3f, recall %.3f", sentences, claims, hits, precision, recall)
	assert.GreaterOrEqual(t, precision, 0.97, "share of the claims that are corpus sentences")
	assert.GreaterOrEqual(t, recall, 0.97, "share of the corpus sentences that come out as claims")
}

// TestCleanArticles checks that nothing of a clean article is skipped:
// its claims are exactly the sentences of features.Sentences.
func TestCleanArticles(t *testing.T) {
	for _, a := range corpus.Articles() {
		assert.Equal(t, features.Sentences(a.Text), page.Claims(a.Text), a.ID)
	}
}

// TestSeedFilesReformatted reads the seed files as other ways of copying
// would give them: with CRLF line endings, and with the paragraphs on
// lines of their own without blank lines between them. Every corpus
// sentence still comes out, and nothing else.
func TestSeedFilesReformatted(t *testing.T) {
	dir := seedDir()
	if dir == "" {
		t.Skip("no seed files: they live in shared/seeds beside the repository, and there is none in any parent directory")
	}
	blank := regexp.MustCompile(`\n[ \t]*\n\s*`)
	for _, a := range corpus.Articles() {
		raw, err := os.ReadFile(filepath.Join(dir, a.ID+".txt"))
		require.NoError(t, err)
		want := sentencesOf(a.ID)
		for name, text := range map[string]string{
			"crlf":         strings.ReplaceAll(string(raw), "\n", "\r\n"),
			"single lines": blank.ReplaceAllString(string(raw), "\n"),
		} {
			got := page.Claims(text)
			assert.Equal(t, len(want), overlap(got, want), "%s, %s: sentences out as claims", a.ID, name)
			assert.Len(t, got, len(want), "%s, %s: claims", a.ID, name)
		}
	}
}
