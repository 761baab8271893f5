// Quickstart trains the default stance model on the embedded corpus and
// labels a few claims, showing each label's probability and the evidence
// behind the decision.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func main() {
	claims := corpus.Claims()
	model, err := stance.Train(claims)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Trained on %d claims (%d article sentences, %d written); labels: %s\n",
		len(claims), len(corpus.ArticleClaims()), len(corpus.ExtraClaims()), strings.Join(model.Labels(), ", "))

	for _, claim := range []string{
		"Moscow refuses to meet Tokyo even part way on the islands.",
		"Tokyo keeps reviving the territorial issue for domestic political gain.",
		"Both sides could demilitarise the islands and launch joint economic projects there.",
		"Abe visited Moscow on May 26 and held talks with Putin.",
		"Russia is not at fault; the tension comes from Japanese emotional outbursts.",
	} {
		p := model.Classify(claim)
		fmt.Printf("\n%q\n  label        %s\n  probability ", claim, p.Label)
		for _, l := range model.Labels() {
			fmt.Printf(" %s %.2f", l, p.Probabilities[l])
		}
		fmt.Print("\n  evidence    ")
		for i, e := range p.Evidence[:min(5, len(p.Evidence))] {
			if i > 0 {
				fmt.Print(",")
			}
			fmt.Printf(" %s (%+.2f)", e.Feature, e.Contribution)
		}
		fmt.Println()
	}
}
