// Extend adds a user's own labeled claims — including a new label,
// blame_us — to the embedded corpus, retrains, and shows the new label
// being predicted. The claims come from a JSON Lines label file, the
// format users annotate in: the one named on the command line, or the
// sample my-labels.jsonl built into the example.
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
	"github.com/stancekit/stancekit/stance"
)

// sample is a user's label file: one labeled claim a line.
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
	fmt.Printf("Read %d claims of my own from %s.\n", len(mine), name)

	base, err := stance.Train(corpus.Claims())
	if err != nil {
		log.Fatal(err)
	}
	extended, err := base.Update(mine) // the same as stance.Train(append(corpus.Claims(), mine...))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Labels before: %s\nLabels after:  %s\n\n", strings.Join(base.Labels(), ", "), strings.Join(extended.Labels(), ", "))

	for _, claim := range []string{
		"Washington pressures Tokyo to keep its distance from Russian gas projects.",
		"The Kremlin refuses to discuss the islands at all.",
		"Both countries could launch joint fisheries projects around the islands.",
	} {
		before, after := base.Classify(claim), extended.Classify(claim)
		fmt.Printf("%q\n  before: %-12s after: %-12s (p=%.2f)\n", claim, before.Label, after.Label, after.Probabilities[after.Label])
	}
}
