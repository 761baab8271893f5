package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// Ranges of the cross-validation flags: each fold trains a model, so
// folds × repeats is the work.
const (
	maxFolds   = 100
	maxRepeats = 100
)

func runEval(e env, args []string) error {
	fs := newFlags(e, "eval", "[-data FILE]... [-no-builtin] [-model FILE] [-folds 10] [-repeats 5] [-seed 1] [-by-source] [-behavior FILE] [-test FILE] [-json]",
		"Cross-validates a model on the labeled claims (the embedded article sentences plus each\n"+
			"-data file; the embedded written claims only ever train) by stratified k-fold and by\n"+
			"leaving one source out, with all labels and without neutral, and prints macro-F1,\n"+
			"accuracy and calibration error (ECE), the behavioral suite per test, and the full report\n"+
			"of k-fold (or, with -by-source, of leave-one-source-out). With -test, it trains on the\n"+
			"claims (or takes -model) and scores the labeled test file instead.")
	var mf modelFlags
	mf.register(fs)
	modelPath := fs.String("model", "", "model `FILE` to score with -test instead of training one")
	folds := fs.Int("folds", 10, fmt.Sprintf("number of folds, 2 to %d", maxFolds))
	repeats := fs.Int("repeats", 5, fmt.Sprintf("number of repeats of k-fold, 1 to %d", maxRepeats))
	seed := fs.Uint64("seed", 1, "seed of the fold shuffles")
	bySource := fs.Bool("by-source", false, "leave one source out instead of k-fold")
	test := fs.String("test", "", "labeled test `FILE` to score")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	behavior := fs.String("behavior", "", "behavioral test `FILE` (JSON Lines cases) instead of the built-in suite")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if *modelPath != "" && *test == "" {
		return usageError("-model needs -test")
	}
	if *folds < 2 || *folds > maxFolds {
		return usageError("-folds must be between 2 and %d", maxFolds)
	}
	if *repeats < 1 || *repeats > maxRepeats {
		return usageError("-repeats must be between 1 and %d", maxRepeats)
	}
	opts, err := mf.options()
	if err != nil {
		return err
	}
	if err := e.checkStdout(); err != nil {
		return err
	}
	if *test != "" {
		report, err := evalTest(mf, opts, *modelPath, *test)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e, report)
		}
		_, err = fmt.Fprint(e.stdout, report)
		return err
	}
	var cases []corpus.Case
	if *behavior != "" {
		f, err := os.Open(*behavior)
		if err != nil {
			return err
		}
		cases, err = corpus.ReadCases(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *behavior, err)
		}
	} else if !mf.noBuiltin {
		cases = corpus.Behavior()
	}
	card, err := evalCV(mf, stance.CV{Folds: *folds, Repeats: *repeats, Seed: *seed, Options: opts}, cases)
	if err != nil {
		return err
	}
	detail := card.KFold
	if *bySource {
		if card.BySource == nil {
			return usageError("-by-source needs claims from two or more sources")
		}
		detail = card.BySource
	}
	if *asJSON {
		return writeJSON(e, struct {
			*stance.Report
			Scorecard *stance.Scorecard `json:"scorecard"`
		}{detail, card})
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n%s", card, detail)
	return err
}

// writeJSON prints v as one indented JSON object.
func writeJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// evalTest scores the test file with the -model or a model trained on
// the selected claims.
func evalTest(mf modelFlags, opts []stance.Option, modelPath, test string) (*stance.Report, error) {
	testClaims, err := readLabels(test)
	if err != nil {
		return nil, err
	}
	var m *stance.Model
	if modelPath != "" {
		m, err = loadModel(modelPath)
	} else {
		var claims []corpus.Claim
		if claims, _, err = mf.claims(); err == nil {
			m, err = stance.Train(claims, opts...)
		}
	}
	if err != nil {
		return nil, err
	}
	return stance.Evaluate(m, testClaims)
}

// evalCV cross-validates on the selected claims: the article sentences
// and the -data files are scored, the embedded written claims join every
// training set and are never scored, and the behavioral cases run on the
// model trained on everything.
func evalCV(mf modelFlags, cv stance.CV, cases []corpus.Case) (*stance.Scorecard, error) {
	claims, _, err := mf.claims()
	if err != nil {
		return nil, err
	}
	var scored []corpus.Claim
	for _, c := range claims {
		if c.Source == corpus.ExtraSource || c.Source == corpus.ChallengeSource {
			cv.Extra = append(cv.Extra, c)
		} else {
			scored = append(scored, c)
		}
	}
	return stance.NewScorecard(scored, cv, cases)
}
