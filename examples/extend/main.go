// Extend adds a user's own labeled claims — a new label, blame_china — to
// the embedded corpus, moves two built-in claims to it by their ids,
// retrains, shows the new label on sentences unlike its training lines,
// and asks which claims to label next. The claims come from a JSON Lines
// label file, the format users annotate in: the one named on the command
// line, or the sample my-labels.jsonl built into the example.
//
//	go run ./examples/extend [examples/extend/my-labels.jsonl]
package main

import (
	_ "embed"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/stance"
)

// sample is a user's label file: one labeled claim a line; a record
// with only the id of a built-in claim relabels it.
//
//go:embed my-labels.jsonl
var sample string

func main() {
	name, r := "my-labels.jsonl (built in)", io.Reader(strings.NewReader(sample))
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		name, r = os.Args[1], f
	}
	mine, err := corpus.ReadJSONL(r)
	if err != nil {
		log.Fatalf("%s: %v", name, err) // e.g. "my-labels.jsonl: line 3: corpus: missing or empty \"label\""
	}
	fmt.Printf("Read %d records of my own from %s.\n", len(mine), name)

	// Records with the id of a built-in claim relabel it; the others are
	// claims of their own.
	claims, st, err := corpus.Merge(corpus.Claims(), mine)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Relabeled %d built-in claims, added %d.\n", st.Relabeled, st.Added)

	base, err := stance.Train(corpus.Claims())
	if err != nil {
		log.Fatal(err)
	}
	extended, err := stance.Train(claims)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Labels before: %s\nLabels after:  %s\n\n", strings.Join(base.Labels(), ", "), strings.Join(extended.Labels(), ", "))

	// Sentences written unlike the training lines.
	for _, claim := range []string{
		"Ask who gains from a frozen Kuril dispute: plainly the Chinese Communist Party, which works to keep it frozen.",
		"Chinese state firms shut Japanese partners out of every Far East deal Moscow signs.",
		"The Kremlin refuses to discuss the islands at all.",
		"Both countries could launch joint fisheries projects around the islands.",
	} {
		before, after := base.Classify(claim), extended.Classify(claim)
		fmt.Printf("%q\n  before: %-12s after: %-12s (p=%.2f)\n", claim, before.Label, after.Label, after.Probabilities[after.Label])
	}

	// What to label next: the built-in claims most likely to belong to
	// the new label (to review), and the claims of a text the model is
	// least sure of.
	var texts []string
	for _, c := range claims {
		if c.Label != "blame_china" {
			texts = append(texts, c.Text)
		}
	}
	fmt.Println("\nBuilt-in claims to review for blame_china:")
	for _, s := range extended.Likely(texts, "blame_china", 3) {
		fmt.Printf("  %.2f  %s\n", s.Score, s.Text)
	}
	article := corpus.Articles()[2]
	fmt.Printf("\nClaims of %q worth labeling next:\n", article.Title)
	for _, s := range extended.Suggest(page.Claims(article.Text), 3) {
		fmt.Printf("  %-12s %s\n", s.Label, s.Text)
	}
}
