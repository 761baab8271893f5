// Article classifies one article of the embedded corpus claim by claim,
// prints a readable table and its stance profile, then compares the
// profiles of all five articles side by side.
//
//	go run ./examples/article
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func main() {
	model, err := stance.Train(corpus.Claims())
	if err != nil {
		log.Fatal(err)
	}
	labels := model.Labels()
	articles := corpus.Articles()

	a := articles[1]
	fmt.Printf("%s (%s, %s)\n\n", a.Title, a.Publication, a.Date)
	s := model.ClassifyText(a.Text)
	fmt.Printf("%3s  %-12s  %4s  %s\n", "#", "label", "p", "claim")
	for i, p := range s.Claims {
		fmt.Printf("%3d  %-12s  %.2f  %s\n", i+1, p.Label, p.Probabilities[p.Label], shorten(p.Text, 90))
	}
	fmt.Println("\nStance profile:")
	for _, l := range labels {
		fmt.Printf("  %-12s %3d  %5.1f%%  %s\n", l, s.Counts[l], 100*s.Shares[l], bar(s.Shares[l], 40))
	}

	fmt.Println("\nAll five articles (share of claims per label):")
	fmt.Printf("%-22s %6s", "article", "claims")
	for _, l := range labels {
		fmt.Printf(" %13s", l)
	}
	fmt.Println()
	for _, a := range articles {
		s := model.ClassifyText(a.Text)
		fmt.Printf("%-22s %6d", a.ID, len(s.Claims))
		for _, l := range labels {
			fmt.Printf(" %12.0f%%", 100*s.Shares[l])
		}
		fmt.Println()
	}
}

// shorten cuts s to at most n runes.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// bar draws share as a bar of at most width blocks.
func bar(share float64, width int) string {
	return strings.Repeat("█", int(share*float64(width)+0.5))
}
