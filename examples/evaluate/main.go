// Evaluate cross-validates the default stance model on the article
// sentences of the embedded corpus, prints its scorecard (10-fold and
// leave-one-article-out macro-F1 with 4 and 3 labels, calibration error,
// the behavioral suite per test) and its full leave-one-article-out
// report, and compares it with its variants and with goml's
// text.NaiveBayes on the same folds.
//
//	go run ./examples/evaluate
//
// With -variants=false it prints the default model's figures only.
//
// Scores are computed on the article sentences only; the written claims
// (extra and challenge sets) join every training set and are never
// scored. The behavioral suite is never trained on.
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/stance"
)

// variant is one row of the comparison table.
type variant struct {
	name    string
	written bool // train with the written claims
	train   stance.TrainFunc
	options []stance.Option
}

func main() {
	withVariants := flag.Bool("variants", true, "also compare the variants of the default model")
	flag.Parse()
	art, written := corpus.ArticleClaims(), corpus.ExtraClaims()
	cases := corpus.Behavior()
	cv := stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: written}

	card, err := stance.NewScorecard(art, cv, cases)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Default model\n\n%s\n", card)
	fmt.Printf("Leave-one-article-out, 4 labels\n%s\n", card.BySource)
	if !*withVariants {
		return
	}

	vec := func(change func(v *features.Vectorizer)) stance.Option {
		v := stance.DefaultVectorizer()
		change(v)
		return stance.WithVectorizer(v)
	}
	variants := []variant{
		{"stancekit default", true, nil, nil},
		{"  without direction features", true, nil, []stance.Option{vec(func(v *features.Vectorizer) { v.Direction = false })}},
		{"  without actor swapping", true, nil, []stance.Option{stance.WithSwap(false, false)}},
		{"  actor swapping for every label", true, nil, []stance.Option{stance.WithSwap(true, true)}},
		{"  without calibration", true, nil, []stance.Option{stance.WithCalibration(false)}},
		{"  without the minimum count (1)", true, nil, []stance.Option{stance.WithMinCount(1)}},
		{"  minimum count 5", true, nil, []stance.Option{stance.WithMinCount(5)}},
		{"  without function-word n-gram filter", true, nil, []stance.Option{vec(func(v *features.Vectorizer) { v.FunctionWords = nil })}},
		{"  without weak words (titles, dates)", true, nil, []stance.Option{vec(func(v *features.Vectorizer) { v.WeakWords = nil })}},
		{"  without spelling folding", true, nil, []stance.Option{vec(func(v *features.Vectorizer) { v.Spelling = false })}},
		{"  with negation marking", true, nil, []stance.Option{vec(func(v *features.Vectorizer) { v.Negation = true })}},
		{"  unigrams only", true, nil, []stance.Option{vec(func(v *features.Vectorizer) { v.NGram = 1 })}},
		{"  alpha 1", true, nil, []stance.Option{stance.WithAlpha(1)}},
		{"  alpha 4", true, nil, []stance.Option{stance.WithAlpha(4)}},
		{"  lexicon weight 10", true, nil, []stance.Option{stance.WithLexicon(stance.DefaultLexicon(), 10)}},
		{"  without the lexicon", true, nil, []stance.Option{stance.WithLexicon(nil, 0)}},
		{"  multinomial NB instead of complement", true, nil, []stance.Option{stance.WithComplement(false)}},
		{"  without the written claims", false, nil, nil},
		{"goml text.NaiveBayes (same stems)", false, stance.GomlBaseline, nil},
		{"goml text.NaiveBayes + written claims", true, stance.GomlBaseline, nil},
	}
	fmt.Println("Macro-F1 on the 258 article sentences (written claims train only); ECE of leave-one-article-out; behavioral suite pass rate")
	fmt.Println()
	fmt.Println("| model | 4 labels, 10-fold × 5 | 4 labels, leave-one-article-out | 3 labels, 10-fold × 5 | 3 labels, leave-one-article-out | ECE | behavioral suite | actor swaps |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, v := range variants {
		c := cv
		c.Train, c.Options = v.train, v.options
		if !v.written {
			c.Extra = nil
		}
		card, err := stance.NewScorecard(art, c, cases)
		if err != nil {
			log.Fatal(err)
		}
		beh, dir := "-", "-"
		if card.Behavior != nil {
			beh = fmt.Sprintf("%.3f", card.Behavior.PassRate())
			dir = fmt.Sprintf("%.3f", card.Behavior.TypeRate("DIR"))
		}
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s |\n", v.name,
			card.KFold.MacroF1, card.BySource.MacroF1, card.KFold3.MacroF1, card.BySource3.MacroF1,
			card.BySource.ECE, beh, dir)
	}
}
