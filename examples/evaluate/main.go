// Evaluate cross-validates the default stance model on the article
// sentences of the embedded corpus, prints its report, and compares it
// with its variants and with goml's text.NaiveBayes on the same folds.
//
//	go run ./examples/evaluate
//
// Scores are macro-F1 on the article sentences only; the extra written
// claims join every training set and are never scored.
package main

import (
	"fmt"
	"log"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// variant is one row of the comparison table.
type variant struct {
	name    string
	extra   bool // train with the extra claims
	train   stance.TrainFunc
	options []stance.Option
}

func main() {
	art, extra := corpus.ArticleClaims(), corpus.ExtraClaims()
	withNegation := stance.DefaultVectorizer()
	withNegation.Negation = true
	unigrams := stance.DefaultVectorizer()
	unigrams.NGram = 1
	noActors := stance.DefaultVectorizer()
	noActors.Actors = nil

	report, err := stance.CrossValidate(art, stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: extra})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Default model, 4 labels\n%s\n", report)

	variants := []variant{
		{"stancekit default (complement NB, uniform prior, lexicon, extra claims)", true, nil, nil},
		{"  without the extra claims", false, nil, nil},
		{"  without the lexicon", true, nil, []stance.Option{stance.WithLexicon(nil, 0)}},
		{"  multinomial NB instead of complement", true, nil, []stance.Option{stance.WithComplement(false)}},
		{"  multinomial NB, empirical prior, no lexicon", true, nil, []stance.Option{stance.WithComplement(false), stance.WithPrior(stance.PriorEmpirical), stance.WithLexicon(nil, 0)}},
		{"  with negation marking", true, nil, []stance.Option{stance.WithVectorizer(withNegation)}},
		{"  without actor normalisation", true, nil, []stance.Option{stance.WithVectorizer(noActors)}},
		{"  unigrams only", true, nil, []stance.Option{stance.WithVectorizer(unigrams)}},
		{"goml text.NaiveBayes (same stems)", false, stance.GomlBaseline, nil},
		{"goml text.NaiveBayes + extra claims", true, stance.GomlBaseline, nil},
	}
	fmt.Println("Macro-F1 on the 258 article sentences (extra claims train only)")
	fmt.Println()
	fmt.Println("| model | 4 labels, 10-fold × 5 | 4 labels, leave-one-article-out | 3 labels, 10-fold × 5 | 3 labels, leave-one-article-out |")
	fmt.Println("| --- | --- | --- | --- | --- |")
	claims3 := drop(art, stance.Neutral)
	for _, v := range variants {
		ex := []corpus.Claim(nil)
		if v.extra {
			ex = extra
		}
		kfold := stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: ex, Train: v.train, Options: v.options}
		loso := kfold
		loso.BySource = true
		kfold3, loso3 := kfold, loso
		kfold3.Extra, loso3.Extra = drop(ex, stance.Neutral), drop(ex, stance.Neutral)
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.3f |\n", v.name,
			score(art, kfold), score(art, loso), score(claims3, kfold3), score(claims3, loso3))
	}
}

// score returns the cross-validated macro-F1.
func score(claims []corpus.Claim, cv stance.CV) float64 {
	r, err := stance.CrossValidate(claims, cv)
	if err != nil {
		log.Fatal(err)
	}
	return r.MacroF1
}

// drop returns the claims whose label is not label.
func drop(claims []corpus.Claim, label string) []corpus.Claim {
	var out []corpus.Claim
	for _, c := range claims {
		if c.Label != label {
			out = append(out, c)
		}
	}
	return out
}
