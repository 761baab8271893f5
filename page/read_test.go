package page_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/page"
)

// TestReadHTML reads the five test pages of testdata — each article of the
// corpus in a page of its own style, with navigation, a cookie banner,
// share buttons, related headlines, reader comments, scripts, styles and
// a footer — and checks that at least 95% of the article's sentences come
// out as claims, that at least 95% of the claims are article sentences,
// and that the title, author and date are read.
func TestReadHTML(t *testing.T) {
	want := map[string]struct{ author, date string }{
		"000_b31ac3494a5f4ce4": {"", "2012-02-21"},                 // meta tags, <time>
		"001_2883855e03a582d6": {"", "2017-05-02"},                 // JSON-LD, the author an organisation
		"002_ca090bdd6876c9a2": {"Dmitry Streltsov", "2015-04-01"}, // a table layout; the date only in the text
		"003_6583139472fcbe27": {"Anna Kireeva", "2018-06-14"},     // WordPress-like, with a byline
		"004_c1dd5dcbae0e802c": {"", "2014-04-15"},                 // citation meta tags
	}
	var hits, claims, sentences int
	for _, a := range corpus.Articles() {
		t.Run(a.ID, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", a.ID+".html"))
			require.NoError(t, err)
			defer f.Close()
			p, err := page.Read(f)
			require.NoError(t, err)
			assert.True(t, p.HTML)
			assert.Equal(t, a.Title, p.Title)
			assert.Equal(t, want[a.ID].author, p.Author)
			assert.Equal(t, want[a.ID].date, p.Date)
			got := page.Claims(p.Text())
			sents := sentencesOf(a.ID)
			n := overlap(got, sents)
			t.Logf("%d sentences, %d claims, %d exact: precision %.3f, recall %.3f",
				len(sents), len(got), n, float64(n)/float64(len(got)), float64(n)/float64(len(sents)))
			assert.GreaterOrEqual(t, float64(n), 0.95*float64(len(sents)), "article sentences that come out as claims")
			assert.GreaterOrEqual(t, float64(n), 0.95*float64(len(got)), "claims that are article sentences")
			for _, junk := range []string{"cookie", "Reply", "function", "{", "Most Read", "Related", "©", "Subscribe"} {
				assert.NotContains(t, strings.Join(got, "\n"), junk, "clutter among the claims")
			}
			hits, claims, sentences = hits+n, claims+len(got), sentences+len(sents)
		})
	}
	t.Logf("all: %d sentences, %d claims, %d exact: precision %.3f, recall %.3f",
		sentences, claims, hits, float64(hits)/float64(claims), float64(hits)/float64(sentences))
}

// TestReadText reads plain text: its paragraphs and, from its head, the
// title, byline and dateline.
func TestReadText(t *testing.T) {
	text := "Tokyo weighs fishing talks\n\nBy Kenji Arakawa / Staff Writer\n6:00 JST, March 3, 2019\n\n" +
		"The government is preparing a new proposal. It keeps a channel open.\n\nMoscow has answered with a request."
	p, err := page.Read(strings.NewReader(text))
	require.NoError(t, err)
	assert.Equal(t, &page.Page{
		Title: "Tokyo weighs fishing talks", Author: "Kenji Arakawa", Date: "2019-03-03",
		Paragraphs: []string{
			"Tokyo weighs fishing talks", "By Kenji Arakawa / Staff Writer\n6:00 JST, March 3, 2019",
			"The government is preparing a new proposal. It keeps a channel open.", "Moscow has answered with a request.",
		},
	}, p)
}

func TestReadErrors(t *testing.T) {
	_, err := page.Read(bytes.NewReader(make([]byte, page.MaxPageBytes+1)))
	assert.ErrorIs(t, err, page.ErrTooLarge)
	_, err = page.Read(iotestErr{})
	assert.ErrorIs(t, err, page.ErrRead)
	assert.ErrorIs(t, err, errBroken)
}

var errBroken = errors.New("broken pipe")

// iotestErr is a reader that fails.
type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errBroken }

func TestIsHTML(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want bool
	}{
		{"doctype", "<!DOCTYPE html><html><body><p>Hi.</p></body></html>", true},
		{"doctype after BOM and space", "\ufeff\n  <!doctype html>\n<title>x</title>", true},
		{"xml declaration, then html", `<?xml version="1.0" encoding="utf-8"?>` + "\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head></head>", true},
		{"comment first", "<!-- saved from url=(0042)https://example.org/ -->\n<html><head>", true},
		{"fragment of tags", "<div class=\"a\"><p>One.</p><p>Two.</p></div>", true},
		{"body after text", "Saved page\n<body><p>One.</p></body>", true},
		{"plain text", "Moscow refuses to meet Tokyo halfway on the islands.", false},
		{"text about a tag", "The <p> tag of HTML starts a paragraph; it is not a claim about Russia.", false},
		{"a less-than sign", "Trade fell to < 5% of the total, and Japan's share > 2% in 2018.", false},
		{"empty", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, page.IsHTML([]byte(tt.in)))
		})
	}
}

// FuzzRead checks that Read never panics and returns a page or an error
// wrapping ErrRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte("<!DOCTYPE html><html><head><title>T</title></head><body><p>Moscow refuses.</p></body></html>"))
	f.Add([]byte("<html><body><article><h1>x</h1><p>a. b.</p><p>c</p></article><time datetime=\"2019\">x</time></body>"))
	f.Add([]byte("<meta charset=\"windows-1251\"><p>\xcc\xee\xf1\xea\xe2\xe0.</p>"))
	f.Add([]byte("Plain text.\n\nBy X Y\nMay 5, 2019"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := page.Read(bytes.NewReader(b))
		if err != nil {
			assert.ErrorIs(t, err, page.ErrRead)
			return
		}
		for _, para := range p.Paragraphs {
			assert.NotEmpty(t, strings.TrimSpace(para))
		}
	})
}

// TestOpen checks that Open gives the parts of Parts for plain text, read
// a byte at a time, and those of a page's text for HTML, and that its
// errors wrap ErrRead and ErrTooLarge.
func TestOpen(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("testdata", "003_6583139472fcbe27.html"))
	require.NoError(t, err)
	p, err := page.Read(bytes.NewReader(html))
	require.NoError(t, err)
	text := "Home | World | Asia\n\n" + corpus.Articles()[1].Text + "\n\nShare this article"
	tests := []struct {
		name string
		in   io.Reader
		want []page.Part
	}{
		{"plain text", iotest.OneByteReader(strings.NewReader(text)), page.Parts(text)},
		{"saved page", bytes.NewReader(html), page.Parts(p.Text())},
		{"saved page, a byte at a time", iotest.OneByteReader(bytes.NewReader(html)), page.Parts(p.Text())},
		{"empty", strings.NewReader(""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := page.Open(tt.in)
			require.NoError(t, err)
			var got []page.Part
			for sc.Scan() {
				got = append(got, sc.Part())
			}
			require.NoError(t, sc.Err())
			assert.Equal(t, tt.want, got)
		})
	}
	skipped := 0
	for _, part := range page.Parts(p.Text()) {
		if part.Skip {
			skipped++
		}
	}
	assert.Equal(t, 4, skipped, "skipped parts of the page")

	_, err = page.Open(iotest.ErrReader(io.ErrUnexpectedEOF))
	assert.ErrorIs(t, err, page.ErrRead)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	big := io.MultiReader(strings.NewReader("<!DOCTYPE html><html><body><p>"), strings.NewReader(strings.Repeat("x", page.MaxPageBytes)))
	_, err = page.Open(big)
	assert.ErrorIs(t, err, page.ErrTooLarge)
	// Plain text is streamed: no limit.
	long := io.MultiReader(strings.NewReader("Moscow refuses.\n\n"), strings.NewReader(strings.Repeat("\n", page.MaxPageBytes)), strings.NewReader("Tokyo waits."))
	sc, err := page.Open(long)
	require.NoError(t, err)
	var got []page.Part
	for sc.Scan() {
		got = append(got, sc.Part())
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, []page.Part{{Text: "Moscow refuses."}, {Text: "Tokyo waits."}}, got)
}
