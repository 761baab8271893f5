package main

import (
	"encoding/json"
	"fmt"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func runEval(e env, args []string) error {
	fs := newFlags(e, "eval", "[-data FILE]... [-no-builtin] [-model FILE] [-folds 10] [-repeats 5] [-seed 1] [-by-source] [-test FILE] [-json]",
		"Cross-validates a model on the labeled claims (the embedded article sentences plus each\n"+
			"-data file; the embedded extra claims only ever train), or, with -test, trains on them\n"+
			"(or takes -model) and scores the labeled test file.")
	var mf modelFlags
	mf.register(fs)
	modelPath := fs.String("model", "", "model `FILE` to score with -test instead of training one")
	folds := fs.Int("folds", 10, "number of folds")
	repeats := fs.Int("repeats", 5, "number of repeats of k-fold")
	seed := fs.Uint64("seed", 1, "seed of the fold shuffles")
	bySource := fs.Bool("by-source", false, "leave one source out instead of k-fold")
	test := fs.String("test", "", "labeled test `FILE` to score")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if *modelPath != "" && *test == "" {
		return usageError("-model needs -test")
	}
	if *folds < 2 || *repeats < 1 {
		return usageError("-folds must be at least 2 and -repeats at least 1")
	}
	opts, err := mf.options()
	if err != nil {
		return err
	}
	var report *stance.Report
	if *test != "" {
		report, err = evalTest(mf, opts, *modelPath, *test)
	} else {
		report, err = evalCV(mf, opts, stance.CV{Folds: *folds, Repeats: *repeats, Seed: *seed, BySource: *bySource, Options: opts})
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	_, err = fmt.Fprint(e.stdout, report)
	return err
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
		if claims, err = mf.claims(); err == nil {
			m, err = stance.Train(claims, opts...)
		}
	}
	if err != nil {
		return nil, err
	}
	return stance.Evaluate(m, testClaims)
}

// evalCV cross-validates on the selected claims. The embedded extra
// claims join every training set and are never scored.
func evalCV(mf modelFlags, opts []stance.Option, cv stance.CV) (*stance.Report, error) {
	user, err := readAllLabels(mf.data)
	if err != nil {
		return nil, err
	}
	var scored []corpus.Claim
	switch {
	case mf.noBuiltin && len(user) == 0:
		return nil, usageError("-no-builtin needs at least one -data file")
	case mf.noBuiltin:
		scored = user
	default:
		scored = append(corpus.ArticleClaims(), user...)
		cv.Extra = corpus.ExtraClaims()
	}
	return stance.CrossValidate(scored, cv)
}
