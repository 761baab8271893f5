// Command extractcmp compares the two content-extraction libraries
// considered for package page on the test pages of page/testdata: for
// each page and library, the article sentences that come out as claims
// (page.Claims on the extracted text), the claims that are article
// sentences, the extracted blocks that hold no article sentence, the
// title, author and date found, and the time taken.
//
// It is a module of its own, so that the library not chosen stays out of
// stancekit's go.mod. Run it from this directory:
//
//	go run .
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/page"
)

// extracted is what one library gives for one page.
type extracted struct {
	paragraphs          []string
	title, author, date string
}

func withReadability(raw []byte) (extracted, error) {
	a, err := readability.FromReader(bytes.NewReader(raw), nil)
	if err != nil {
		return extracted{}, err
	}
	var sb strings.Builder
	if err := a.RenderText(&sb); err != nil {
		return extracted{}, err
	}
	e := extracted{paragraphs: split(sb.String()), title: a.Title(), author: a.Byline()}
	if d, err := a.PublishedTime(); err == nil {
		e.date = d.Format(time.DateOnly)
	}
	return e, nil
}

func withTrafilatura(raw []byte) (extracted, error) {
	res, err := trafilatura.Extract(bytes.NewReader(raw), trafilatura.Options{EnableFallback: true})
	if err != nil {
		return extracted{}, err
	}
	var sb strings.Builder
	render(&sb, res.ContentNode)
	e := extracted{paragraphs: split(sb.String()), title: res.Metadata.Title, author: res.Metadata.Author}
	if !res.Metadata.Date.IsZero() {
		e.date = res.Metadata.Date.Format(time.DateOnly)
	}
	return e, nil
}

// render writes the text of n with a blank line after each block.
func render(sb *strings.Builder, n *html.Node) {
	if n == nil {
		return
	}
	if n.Type == html.TextNode {
		sb.WriteString(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		render(sb, c)
	}
	if n.Type == html.ElementNode {
		switch n.Data {
		case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "tr", "table", "section", "article", "ul", "ol", "pre", "br", "figure", "header", "footer":
			sb.WriteString("\n\n")
		}
	}
}

// split returns the blocks of text, white space collapsed.
func split(text string) []string {
	var out []string
	for _, b := range strings.Split(text, "\n\n") {
		if b = strings.Join(strings.Fields(b), " "); b != "" {
			out = append(out, b)
		}
	}
	return out
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

func main() {
	libs := []struct {
		name    string
		extract func([]byte) (extracted, error)
	}{{"go-readability", withReadability}, {"go-trafilatura", withTrafilatura}}
	type total struct{ hits, claims, sentences, clutter int }
	totals := make([]total, len(libs))
	fmt.Println("library\tpage\tsentences\tclaims\texact\tclutter blocks\ttime\ttitle\tauthor\tdate")
	for _, a := range corpus.Articles() {
		raw, err := os.ReadFile(filepath.Join("..", "..", "page", "testdata", a.ID+".html"))
		if err != nil {
			log.Fatal(err)
		}
		var sents []string
		for _, c := range corpus.ArticleClaims() {
			if c.Source == a.ID {
				sents = append(sents, c.Text)
			}
		}
		for k, lib := range libs {
			start := time.Now()
			e, err := lib.extract(raw)
			took := time.Since(start)
			if err != nil {
				log.Fatalf("%s: %s: %v", lib.name, a.ID, err)
			}
			clutter := 0
			for _, p := range e.paragraphs {
				found := false
				for _, s := range sents {
					if strings.Contains(p, s) {
						found = true
						break
					}
				}
				if !found {
					clutter++
				}
			}
			claims := page.Claims(strings.Join(e.paragraphs, "\n\n"))
			n := overlap(claims, sents)
			fmt.Printf("%s\t%s\t%d\t%d\t%d\t%d\t%v\t%q\t%q\t%q\n", lib.name, a.ID[:3], len(sents), len(claims), n, clutter,
				took.Round(time.Millisecond), e.title, e.author, e.date)
			t := &totals[k]
			t.hits, t.claims, t.sentences, t.clutter = t.hits+n, t.claims+len(claims), t.sentences+len(sents), t.clutter+clutter
		}
	}
	for k, lib := range libs {
		t := totals[k]
		fmt.Printf("%s: %d of %d article sentences out as claims, %d of %d claims article sentences, %d clutter blocks\n",
			lib.name, t.hits, t.sentences, t.hits, t.claims, t.clutter)
	}
}
