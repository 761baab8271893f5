package page_test

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
)

// body is a paragraph of body text that the lines under test stand
// beside: a line is judged in its context.
const body = "Moscow refuses to meet Tokyo halfway on the islands. Japan keeps offering investment all the same."

// TestKinds checks what each kind of line is taken for, standing between
// two paragraphs of body text.
func TestKinds(t *testing.T) {
	for _, tt := range []struct{ line, kind string }{
		{"The Compromise Solution", "heading"},
		{"Economic cooperation and launching cross years", "heading"},
		{"Is a Deal Within Reach?", "heading"},
		{"What does Moscow want?", "heading"},
		{"Image caption, The two leaders in Vladivostok", "caption"},
		{"By Kenji Arakawa", "byline"},
		{"Posted by: Mariko Sato", "byline"},
		{"June 14, 2018", "dateline"},
		{"Updated 14:35 JST, March 3, 2019", "dateline"},
		{"12.04.2022", "dateline"},
		{"Photo: Kremlin press service", "credit"},
		{"(Source: EPA)", "credit"},
		{"© 2019 The Tokyo Herald", "credit"},
		{"The prime minister greets the governor of Sakhalin in Tokyo, 2019 (Photo: Reuters)", "caption"},
		{"Home | News | Politics | World", "navigation"},
		{"Home » Analysis » Asia", "navigation"},
		{"Share", "widget"},
		{"Print this page", "widget"},
		{"Subscribe to our newsletter and never miss an update!", "widget"},
		{"Tags: Japan, Russia, Kuril Islands", "tags"},
		{"Publication: Asia Monitor Volume: 3 Issue: 12", "metadata"},
		{"* * *", "separator"},
		{"This commentary was first published by the institute and is reproduced with permission.", "credit"},
	} {
		t.Run(tt.line, func(t *testing.T) {
			parts := page.Parts(body + "\n\n" + tt.line + "\n\n" + body)
			require.Len(t, parts, 5)
			assert.Equal(t, page.Part{Text: tt.line, Skip: true, Kind: tt.kind}, parts[2])
			for _, i := range []int{0, 1, 3, 4} {
				assert.False(t, parts[i].Skip, parts[i].Text)
			}
		})
	}
}

// TestClaimsKept checks sentences of body text that look like clutter in
// part: they stay claims.
func TestClaimsKept(t *testing.T) {
	for _, s := range []string{
		"By most measures, the summit was a success for Moscow.",
		"By Moscow's own account, the talks failed.",
		"Japan's share of Russian timber exports rose again.",
		"Tokyo declined to comment on the report.",
		"Not at all.",
		"Is Russia to blame for the stalemate, or is Japan?",
		"On March 7, 2014, the ministry issued a short statement.",
		"The Kremlin called the meeting “a photo opportunity, nothing more.”",
		"“I fully share your view,” Lavrov told his counterpart.",
		"Three options remain: a two-island deal, joint development, or delay.",
	} {
		t.Run(s, func(t *testing.T) {
			assert.Equal(t, []string{body[:52], body[53:], s, body[:52], body[53:]},
				page.Claims(body+"\n\n"+s+"\n\n"+body))
		})
	}
}

// TestFragment checks that a cut-off last piece is skipped, but a text of
// one unpunctuated line is a claim.
func TestFragment(t *testing.T) {
	parts := page.Parts(body + "\n\nThe two countries agreed that the next round of talks would")
	assert.Equal(t, page.Part{Text: "The two countries agreed that the next round of talks would", Skip: true, Kind: "fragment"}, parts[len(parts)-1])
	parts = page.Parts(body + " The two countries agreed that the next")
	assert.Equal(t, "fragment", parts[len(parts)-1].Kind)
	assert.Equal(t, []string{"Moscow refuses to meet Tokyo halfway on the islands"}, page.Claims("Moscow refuses to meet Tokyo halfway on the islands"))
}

// TestEndnotes checks that note numbers are split from endnotes and taken
// out of the text, and a bibliography entry is skipped.
func TestEndnotes(t *testing.T) {
	text := body + "[1]\n\n1 – Japan insists on a special legal regime.\n\n[2] Smith, John (2008). Relations Between Neighbours. London, P.8."
	assert.Equal(t, []page.Part{
		{Text: body[:52]}, {Text: body[53:]},
		{Text: "1 –", Skip: true, Kind: "marker"},
		{Text: "Japan insists on a special legal regime."},
		{Text: "[2]", Skip: true, Kind: "marker"},
		{Text: "Smith, John (2008). Relations Between Neighbours. London, P.8.", Skip: true, Kind: "reference"},
	}, page.Parts(text))
}

// TestScannerStreams checks that a Scanner reading a byte at a time gives
// the parts of Parts, with their paragraph numbers.
func TestScannerStreams(t *testing.T) {
	a := corpus.Articles()[3]
	text := "Asymmetry of Relations\n\nBy Anna Kireeva\n\n" + a.Text + "\n\nShare\nPrint"
	sc := page.NewScanner(iotest.OneByteReader(strings.NewReader(text)))
	var got []page.Part
	paras := map[int]bool{}
	for sc.Scan() {
		got = append(got, sc.Part())
		paras[sc.Para()] = true
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, page.Parts(text), got)
	assert.Len(t, paras, strings.Count(text, "\n\n")+1, "the parts of each paragraph share a number")

	sc = page.NewScanner(iotest.ErrReader(io.ErrUnexpectedEOF))
	assert.False(t, sc.Scan())
	assert.ErrorIs(t, sc.Err(), io.ErrUnexpectedEOF)
}

// TestLongParagraph checks that a paragraph longer than
// features.MaxBlockBytes is read in pieces.
func TestLongParagraph(t *testing.T) {
	long := strings.Repeat("Moscow refuses to meet Tokyo halfway. ", features.MaxBlockBytes/20)
	n := 0
	for _, p := range page.Parts(long) {
		assert.LessOrEqual(t, len(p.Text), features.MaxBlockBytes)
		if !p.Skip {
			n++
		}
	}
	assert.Greater(t, n, features.MaxBlockBytes/20-5)
}

// FuzzParts checks that Parts never panics, that every part is non-empty
// valid text of the input's words, and that Claims is its unskipped parts.
func FuzzParts(f *testing.F) {
	f.Add(body)
	f.Add("Title\n\nBy X\n\n" + body + "\n\nShare | Print")
	f.Add("1 – Note.\n\n[i]x (2008).\n\n\u00a0\n\n*")
	f.Add("\xff\xfe\x00<p>")
	f.Fuzz(func(t *testing.T, text string) {
		var claims []string
		for _, p := range page.Parts(text) {
			if strings.TrimSpace(p.Text) == "" {
				t.Fatalf("empty part %+v", p)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p.Text) {
				t.Fatalf("invalid UTF-8 in %q", p.Text)
			}
			if p.Skip == (p.Kind == "") {
				t.Fatalf("part %q: skip %v, kind %q", p.Text, p.Skip, p.Kind)
			}
			if !p.Skip {
				claims = append(claims, p.Text)
			}
		}
		assert.Equal(t, claims, page.Claims(text))
	})
}
