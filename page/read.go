package page

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// MaxPageBytes is the largest input [Read] accepts: 16 MiB, room for a
// long article saved with its scripts, styles and inline pictures. An
// HTML page is held in memory as a tree several times its size while its
// main text is extracted; stream longer plain text through a [Scanner].
const MaxPageBytes = 16 << 20

// ErrTooLarge is returned (wrapped) by [Read] for input longer than
// [MaxPageBytes].
var ErrTooLarge = errors.New("page: input larger than MaxPageBytes")

// ErrRead is returned (wrapped, together with the cause) by [Read] when
// the input cannot be read or parsed.
var ErrRead = errors.New("page: cannot read input")

// A Page is a text as read by [Read]: its paragraphs and what the page
// says about itself. Every field but Paragraphs may be empty.
type Page struct {
	// Title is the headline: for HTML the page's own title without the
	// site's name where the page tells them apart (its og:title, or the
	// heading that its <title> repeats); for plain text the first line
	// when [Parts] finds it is a title.
	Title string
	// Author is the author's name, without "By": for HTML from the
	// page's metadata or byline, for plain text from a byline.
	Author string
	// Date is the date of publication in ISO 8601, as precise as the
	// page gives it ("2018-06-14", "2014-04"), or as the page writes it
	// when it cannot be read.
	Date string
	// SiteName is the name of the site that published the page (HTML only).
	SiteName string
	// URL is the page's address, if it names it (HTML only: its
	// canonical link or og:url).
	URL string
	// HTML reports that the input was an HTML page.
	HTML bool
	// Paragraphs are the paragraphs of the main text, in reading order,
	// without surrounding white space. For HTML they are the blocks of
	// the main text that a content-extraction library finds (paragraphs,
	// headings, list items, captions), with the menus, banners, scripts,
	// styles, sidebars, comments and footers of the page left out; some
	// non-claims may remain among them, and [Parts] marks those. For
	// plain text they are the blocks separated by blank lines.
	Paragraphs []string
}

// Text returns the paragraphs of p separated by blank lines: the plain
// text that [Parts] and [Claims] read.
func (p *Page) Text() string { return strings.Join(p.Paragraphs, "\n\n") }

// Read reads plain text or a saved HTML page, told apart by content (see
// [IsHTML]), at most [MaxPageBytes]. From HTML it extracts the main text
// with codeberg.org/readeck/go-readability, a port of the reader view of
// Firefox, and the page's title, author, date and site; HTML in another
// character set than UTF-8 is decoded as its <meta charset> says. Errors
// wrap [ErrTooLarge] or [ErrRead].
func Read(r io.Reader) (*Page, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	if len(b) > MaxPageBytes {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, MaxPageBytes)
	}
	if IsHTML(b) {
		return readHTML(b)
	}
	return readText(string(b)), nil
}

// sniffLen is how much of the input IsHTML looks at.
const sniffLen = 4096

// IsHTML reports whether b, the start of an input (a few kilobytes are
// enough), is an HTML page rather than plain text: it starts with a
// doctype, a comment or an HTML tag (as [http.DetectContentType] sees
// it), or an <html>, <head> or <body> tag opens within its first 4 KiB,
// or tags make up much of it.
func IsHTML(b []byte) bool {
	b = b[:min(len(b), sniffLen)]
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if strings.HasPrefix(http.DetectContentType(b), "text/html") {
		return true
	}
	if pageTag.Match(b) {
		return true
	}
	tags := anyTag.FindAllIndex(b, -1)
	inTags := 0
	for _, t := range tags {
		inTags += t[1] - t[0]
	}
	return len(tags) >= 10 && inTags*4 >= len(b)
}

var (
	pageTag = regexp.MustCompile(`(?i)<(?:html|head|body)[\s>]`)
	anyTag  = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>`)
)

// readText reads a plain text: its blocks are its paragraphs, and its
// title, byline and dateline, as Parts finds them, its metadata.
func readText(text string) *Page {
	p := &Page{}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	for _, b := range blankLine.Split(strings.TrimPrefix(text, "\uFEFF"), -1) {
		if b = strings.TrimSpace(b); b != "" {
			p.Paragraphs = append(p.Paragraphs, b)
		}
	}
	// The metadata of a text stands at its head: look no further than
	// its first claim.
	sc := NewScanner(strings.NewReader(text))
	for sc.Scan() {
		part := sc.Part()
		if !part.Skip {
			break
		}
		switch part.Kind {
		case "title":
			if p.Title == "" || strings.Contains(p.Title, part.Text) {
				p.Title = part.Text // the shortest form of the title
			}
		case "byline":
			if a := authorName(part.Text); a != "" {
				p.Author = cmpOr(p.Author, a)
			}
		case "dateline":
			if p.Date == "" {
				p.Date = textDate(part.Text)
			}
		}
	}
	return p
}

// cmpOr returns a if it is not empty, else b.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// authorName returns the name in a byline: "By Anna Kireeva" → "Anna
// Kireeva"; "" if the line holds no name.
func authorName(s string) string {
	s = byPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	if i := strings.IndexAny(s, "|/"); i > 0 {
		s = strings.TrimSpace(s[:i]) // "Kenji Arakawa / Staff Writer"
	}
	if isName(s) {
		return s
	}
	return ""
}

var isoDate = regexp.MustCompile(`^\d{4}(?:-\d{2}){0,2}$`)

var byPrefix = regexp.MustCompile(`^(?i:by|written by|posted by|text by|story by|authors?|reporting by)\b\s*:?\s*`)

// textDate reads the first date in s as ISO 8601, or returns it as
// written when it cannot; clock times and "2 hours ago" are not dates.
func textDate(s string) string {
	raw := ""
	for _, d := range date.FindAllString(s, -1) {
		if iso := isoOf(d); iso != "" {
			return iso
		}
		if raw == "" && !strings.Contains(d, ":") && !strings.HasSuffix(d, "ago") {
			raw = d
		}
	}
	return raw
}

// isoOf reads a date as ISO 8601, or returns "".
func isoOf(d string) string {
	clean := strings.Join(strings.Fields(strings.NewReplacer(".", " ", ",", " ", "Sept", "Sep").Replace(d)), " ")
	for _, f := range []struct{ layout, out string }{
		{"January 2 2006", "2006-01-02"}, {"Jan 2 2006", "2006-01-02"},
		{"2 January 2006", "2006-01-02"}, {"2 Jan 2006", "2006-01-02"},
		{"January 2006", "2006-01"}, {"Jan 2006", "2006-01"},
	} {
		if t, err := time.Parse(f.layout, clean); err == nil {
			return t.Format(f.out)
		}
	}
	for _, layout := range []string{"2006-01-02", "2006/01/02", "2006.01.02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, d); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// readHTML extracts the main text and the metadata of a page. A panic
// in the extraction library on a malformed page becomes an error.
func readHTML(b []byte) (p *Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%w: extracting the main text: %v", ErrRead, r)
		}
	}()
	r, err := charset.NewReader(bytes.NewReader(b), "text/html")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	meta := scanMeta(doc)
	p = &Page{HTML: true, URL: cmpOr(meta["canonical"], meta["og:url"])}
	// ParseAndMutate spares a copy of the tree: what follows reads only
	// the metadata taken above.
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, nil)
	if err == nil && art.Node != nil {
		var sb strings.Builder
		if err := art.RenderText(&sb); err == nil {
			for _, para := range blankLine.Split(sb.String(), -1) {
				if para = strings.TrimSpace(strings.Map(plainSpace, para)); para != "" {
					p.Paragraphs = append(p.Paragraphs, para)
				}
			}
		}
		p.SiteName = strings.TrimSpace(art.SiteName())
		if a := authorName(art.Byline()); a != "" && a != p.SiteName {
			p.Author = a
		}
		if t, err := art.PublishedTime(); err == nil {
			p.Date = t.Format(time.DateOnly)
		}
		p.Title = strings.TrimSpace(art.Title())
	}
	p.Title = pageTitle(p.Title, meta)
	if p.Author == "" {
		if a := authorName(meta["author"]); a != "" && a != p.SiteName {
			p.Author = a
		}
	}
	if p.Date == "" {
		p.Date = cmpOr(metaDate(meta), meta["date in text"])
	}
	return p, nil
}

// pageTitle picks the headline among the titles a page gives: its
// og:title, else the longest heading that its <title> holds (the
// <title> often adds the site's name), else the extractor's title.
func pageTitle(extracted string, meta map[string]string) string {
	if t := meta["og:title"]; t != "" {
		return t
	}
	if h := meta["heading in title"]; h != "" {
		return h
	}
	return cmpOr(extracted, meta["title"])
}

// metaDate reads the publication date from the metadata of a page.
func metaDate(meta map[string]string) string {
	for _, k := range []string{"article:published_time", "citation_publication_date", "dc.date", "date", "pubdate", "time"} {
		if v := strings.TrimSpace(meta[k]); v != "" {
			for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "2006/01/02"} {
				if t, err := time.Parse(layout, v); err == nil {
					return t.Format(time.DateOnly)
				}
			}
			if d := textDate(v); d != "" {
				return d
			}
		}
	}
	return ""
}

// scanMeta collects what a page says about itself: <title>, <meta> tags
// (by name or property, lower case), the canonical link, the first
// <time datetime>, the longest h1–h3 heading that the <title> holds, and
// the first date written in the page's text ("date in text").
func scanMeta(doc *html.Node) map[string]string {
	meta := make(map[string]string)
	var headings []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Title:
				if meta["title"] == "" {
					meta["title"] = squash(textOf(n))
				}
			case atom.Meta:
				k := strings.ToLower(cmpOr(attr(n, "property"), attr(n, "name")))
				if v := strings.TrimSpace(attr(n, "content")); k != "" && v != "" && meta[k] == "" {
					meta[k] = v
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && meta["canonical"] == "" {
					meta["canonical"] = attr(n, "href")
				}
			case atom.Time:
				if v := attr(n, "datetime"); v != "" && meta["time"] == "" {
					meta["time"] = v
				}
			case atom.H1, atom.H2, atom.H3:
				headings = append(headings, squash(textOf(n)))
			}
		}
		if n.Type == html.TextNode && meta["date in text"] == "" {
			if s := strings.TrimSpace(n.Data); len(s) <= 40 && date.MatchString(s) {
				if d := textDate(s); isoDate.MatchString(d) {
					meta["date in text"] = d
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, h := range headings {
		if len(words(h)) >= 2 && strings.Contains(meta["title"], h) && len(h) > len(meta["heading in title"]) {
			meta["heading in title"] = h
		}
	}
	return meta
}

// textOf returns the text of n and its descendants.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// squash collapses the white space of s.
func squash(s string) string { return strings.Join(strings.Fields(strings.Map(plainSpace, s)), " ") }
