package stance_test

import (
	"fmt"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func Example() {
	model, err := stance.Train(corpus.Claims())
	if err != nil {
		fmt.Println(err)
		return
	}
	p := model.Classify("Moscow refuses to meet Tokyo even part way.")
	fmt.Printf("%s %.2f\n", p.Label, p.Probabilities[p.Label])
	for _, e := range p.Evidence[:3] {
		fmt.Printf("  %-14s %+.2f\n", e.Feature, e.Contribution)
	}
	// Output:
	// blame_russia 0.84
	//   @russia refus  +1.26
	//   blame→@russia  +0.81
	//   @russia        +0.24
}

func ExampleModel_ClassifyText() {
	model, err := stance.Train(corpus.Claims())
	if err != nil {
		fmt.Println(err)
		return
	}
	s := model.ClassifyText("Abe visited Moscow on May 26. Moscow refuses any concession on the islands. " +
		"Both sides should develop joint economic activities on the islands.")
	for _, p := range s.Claims {
		fmt.Printf("%-12s %s\n", p.Label, p.Text)
	}
	fmt.Printf("blame_russia share: %.2f\n", s.Shares[stance.BlameRussia])
	// Output:
	// neutral      Abe visited Moscow on May 26.
	// blame_russia Moscow refuses any concession on the islands.
	// compromise   Both sides should develop joint economic activities on the islands.
	// blame_russia share: 0.33
}

func ExampleCrossValidate() {
	report, err := stance.CrossValidate(corpus.ArticleClaims(), stance.CV{
		Folds: 10, Repeats: 5, Seed: 1,
		Extra: corpus.ExtraClaims(), // training only, never scored
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("macro-F1 %.3f, accuracy %.3f\n", report.MacroF1, report.Accuracy)
	// Output:
	// macro-F1 0.585, accuracy 0.781
}
