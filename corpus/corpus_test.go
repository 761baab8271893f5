package corpus_test

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

var labels = []string{corpus.BlameRussia, corpus.BlameJapan, corpus.Compromise, corpus.Neutral}

func TestFixture(t *testing.T) {
	claims := corpus.ArticleClaims()
	require.Len(t, claims, 258)
	ids := map[string]bool{}
	for _, c := range claims {
		assert.Contains(t, labels, c.Label, "claim %s", c.ID)
		assert.True(t, corpus.IsArticle(c.Source), "claim %s: source %q", c.ID, c.Source)
		assert.True(t, strings.HasPrefix(c.ID, c.Source[:3]+"-"), "claim %s: id does not match source %s", c.ID, c.Source)
		assert.False(t, ids[c.ID], "duplicate id %s", c.ID)
		ids[c.ID] = true
	}
}

func TestExtraClaims(t *testing.T) {
	extra := corpus.ExtraClaims()
	require.NotEmpty(t, extra)
	counts := map[string]int{}
	texts := map[string]bool{}
	for _, c := range corpus.ArticleClaims() {
		texts[c.Text] = true
	}
	n := 0
	ids := map[string]bool{}
	for _, c := range extra {
		assert.Contains(t, []string{corpus.ExtraSource, corpus.ChallengeSource}, c.Source)
		assert.False(t, corpus.IsArticle(c.Source))
		assert.False(t, texts[c.Text], "written claim %s copies an article sentence", c.ID)
		assert.Contains(t, labels, c.Label, "claim %s", c.ID)
		assert.False(t, ids[c.ID], "duplicate id %s", c.ID)
		ids[c.ID] = true
		texts[c.Text] = true
		if c.Source == corpus.ExtraSource {
			counts[c.Label]++
			n++
		}
	}
	for _, l := range labels {
		assert.Equal(t, n/4, counts[l], "extra claims of label %s", l)
	}
	all := corpus.Claims()
	assert.Len(t, all, len(corpus.ArticleClaims())+len(extra))
}

// TestSentencesOfArticles checks that every sentence of every article is
// in the fixture once, in reading order: the fixture is what
// features.Sentences gives on the cleaned articles.
func TestSentencesOfArticles(t *testing.T) {
	bySource := map[string][]string{}
	for _, c := range corpus.ArticleClaims() {
		bySource[c.Source] = append(bySource[c.Source], c.Text)
	}
	articles := corpus.Articles()
	require.Len(t, articles, 5)
	for _, a := range articles {
		t.Run(a.ID, func(t *testing.T) {
			assert.NotEmpty(t, a.Title)
			assert.NotEmpty(t, a.Publication)
			assert.Regexp(t, `^\d{4}(-\d\d){0,2}$`, a.Date)
			got := features.Sentences(a.Text)
			want := bySource[a.ID]
			require.Len(t, got, len(want))
			assert.Equal(t, want, got)
		})
	}
}

func TestArticlesClean(t *testing.T) {
	clutter := regexp.MustCompile(`(?i)editor review|comments|leave a reply|photo|source:|« |\[i\]|publication:|originally published`)
	for _, a := range corpus.Articles() {
		assert.NotRegexp(t, clutter, a.Text, "article %s", a.ID)
	}
}

func TestCopies(t *testing.T) {
	a := corpus.Claims()
	a[0].Label = "changed"
	assert.NotEqual(t, "changed", corpus.Claims()[0].Label)
	b := corpus.Articles()
	b[0].Text = ""
	assert.NotEmpty(t, corpus.Articles()[0].Text)
}

// TestREADMETable checks the corpus table of the README against the
// fixture: one row per article with its sentence and label counts.
func TestREADMETable(t *testing.T) {
	f, err := os.Open("../README.md")
	require.NoError(t, err)
	defer f.Close()
	row := regexp.MustCompile("^\\| `(\\d{3}_[0-9a-f]{16})` \\|.*\\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$")
	want := map[string][5]int{}
	for _, c := range corpus.ArticleClaims() {
		n := want[c.Source]
		for i, l := range labels {
			if c.Label == l {
				n[i]++
			}
		}
		n[4]++
		want[c.Source] = n
	}
	got := map[string][5]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := row.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var n [5]int
		for i := range n {
			n[i], _ = strconv.Atoi(m[i+2])
		}
		got[m[1]] = n
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, want, got, "README corpus table (blame_russia, blame_japan, compromise, neutral, sentences)")
}

// TestExtraClaimsAreNew checks that no extra claim shares a run of six
// words with an article sentence.
func TestExtraClaimsAreNew(t *testing.T) {
	shingles := map[string]string{}
	words := func(s string) []string { return strings.Fields(strings.ToLower(s)) }
	for _, c := range corpus.ArticleClaims() {
		w := words(c.Text)
		for i := 0; i+6 <= len(w); i++ {
			shingles[strings.Join(w[i:i+6], " ")] = c.ID
		}
	}
	for _, c := range corpus.ExtraClaims() {
		w := words(c.Text)
		for i := 0; i+6 <= len(w); i++ {
			if id, ok := shingles[strings.Join(w[i:i+6], " ")]; ok {
				t.Errorf("extra claim %s shares %q with article sentence %s", c.ID, strings.Join(w[i:i+6], " "), id)
			}
		}
	}
}
