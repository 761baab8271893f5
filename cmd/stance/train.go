package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/stance"
)

// modelFlags are the training options shared by train and eval.
type modelFlags struct {
	data      repeated
	noBuiltin bool
	alpha     float64
	prior     string
	multi     bool
	negation  bool
	ngram     int
	lexicon   repeated
	noLexicon bool
	lexWeight float64
	balance   float64
	minCount  int
	unlabeled repeated
	noCal     bool
}

func (f *modelFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.data, "data", "JSON Lines label `FILE` to train on (repeatable); any label names")
	fs.BoolVar(&f.noBuiltin, "no-builtin", false, "train on the -data files only, without the embedded corpus")
	fs.Float64Var(&f.alpha, "alpha", stance.DefaultAlpha, fmt.Sprintf("Lidstone smoothing constant, %g to %g", float64(stance.MinAlpha), float64(stance.MaxAlpha)))
	fs.StringVar(&f.prior, "prior", string(stance.DefaultPrior), "class prior: uniform or empirical")
	fs.BoolVar(&f.multi, "multinomial", false, "standard multinomial naive Bayes instead of complement")
	fs.BoolVar(&f.negation, "negation", false, "mark words in the scope of a negation (not_fault)")
	fs.IntVar(&f.ngram, "ngram", 2, "longest n-gram of stems (1 to 3)")
	fs.Var(&f.lexicon, "lexicon", "extra lexicon `FILE` of cue phrases, JSON Lines (repeatable)")
	fs.BoolVar(&f.noLexicon, "no-lexicon", false, "train without the built-in lexicon")
	fs.Float64Var(&f.lexWeight, "lexicon-weight", stance.DefaultLexiconWeight, fmt.Sprintf("pseudo-counts each lexicon cue adds to its features, 0 to %g", float64(stance.MaxLexiconWeight)))
	fs.Float64Var(&f.balance, "balance", stance.DefaultBalance, fmt.Sprintf("how far a label with few claims is weighted up toward the others, 0 to %d", stance.MaxBalance))
	fs.IntVar(&f.minCount, "min-count", stance.DefaultMinCount, fmt.Sprintf("occurrences a feature needs to carry weight, 0 to %d", stance.MaxMinCount))
	fs.BoolVar(&f.noCal, "no-calibration", false, "do not calibrate the probabilities and label rates")
	fs.Var(&f.unlabeled, "unlabeled", "`FILE` of unlabeled texts for semi-supervised training (repeatable): plain text, one claim a line")
}

// options returns the training options the flags select, checking
// their ranges before any work.
func (f *modelFlags) options() ([]stance.Option, error) {
	if f.ngram < 1 || f.ngram > 3 {
		return nil, usageError("-ngram must be 1, 2 or 3")
	}
	if !(f.alpha >= stance.MinAlpha && f.alpha <= stance.MaxAlpha) {
		return nil, usageError("-alpha must be between %g and %g, not %v", float64(stance.MinAlpha), float64(stance.MaxAlpha), f.alpha)
	}
	if !(f.lexWeight >= 0 && f.lexWeight <= stance.MaxLexiconWeight) {
		return nil, usageError("-lexicon-weight must be between 0 and %g, not %v", float64(stance.MaxLexiconWeight), f.lexWeight)
	}
	if f.prior != string(stance.PriorUniform) && f.prior != string(stance.PriorEmpirical) {
		return nil, usageError("-prior must be uniform or empirical, not %q", f.prior)
	}
	if !(f.balance >= 0 && f.balance <= stance.MaxBalance) {
		return nil, usageError("-balance must be between 0 and %d, not %v", stance.MaxBalance, f.balance)
	}
	if f.minCount < 0 || f.minCount > stance.MaxMinCount {
		return nil, usageError("-min-count must be between 0 and %d, not %d", stance.MaxMinCount, f.minCount)
	}
	v := stance.DefaultVectorizer()
	v.NGram, v.Negation = f.ngram, f.negation
	lex := stance.DefaultLexicon()
	if f.noLexicon {
		lex = nil
	}
	more, err := readAllLabels(f.lexicon)
	if err != nil {
		return nil, err
	}
	lex = append(lex, more...)
	opts := []stance.Option{
		stance.WithAlpha(f.alpha), stance.WithPrior(stance.Prior(f.prior)),
		stance.WithComplement(!f.multi), stance.WithVectorizer(v),
		stance.WithLexicon(lex, f.lexWeight), stance.WithBalance(f.balance),
		stance.WithMinCount(f.minCount), stance.WithCalibration(!f.noCal),
	}
	if len(f.unlabeled) > 0 {
		texts, err := readLines(f.unlabeled)
		if err != nil {
			return nil, err
		}
		opts = append(opts, stance.WithUnlabeled(texts))
	}
	return opts, nil
}

// readLines reads the non-empty lines of files, trimmed, at most
// stance.MaxUnlabeled in all.
func readLines(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := features.NewClaimScanner(f)
		sc.Lines = true
		for sc.Scan() {
			if len(out) == stance.MaxUnlabeled {
				f.Close()
				return nil, fmt.Errorf("%s: more than %d unlabeled texts", p, stance.MaxUnlabeled)
			}
			out = append(out, sc.Text())
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return out, nil
}

// claims returns the training claims the flags select: the embedded
// corpus unless -no-builtin, merged with the -data files (corpus.Merge:
// a record with the id of a built-in claim relabels or removes it), and
// what the merge did.
func (f *modelFlags) claims() ([]corpus.Claim, corpus.MergeStats, error) {
	if f.noBuiltin && len(f.data) == 0 {
		return nil, corpus.MergeStats{}, usageError("-no-builtin needs at least one -data file")
	}
	var base, user []corpus.Claim
	if !f.noBuiltin {
		base = corpus.Claims()
	}
	for _, p := range f.data {
		recs, err := readLabels(p)
		if err != nil {
			return nil, corpus.MergeStats{}, err
		}
		// Each file against the built-in claims first, so that an
		// error names its file and its record there.
		if _, _, err := corpus.Merge(base, recs); err != nil {
			return nil, corpus.MergeStats{}, fmt.Errorf("%s: %w", p, err)
		}
		user = append(user, recs...)
	}
	claims, st, err := corpus.Merge(base, user)
	if err != nil {
		return nil, st, fmt.Errorf("-data: %w", err)
	}
	return claims, st, nil
}

func runTrain(e env, args []string) error {
	fs := newFlags(e, "train", "[-data FILE]... [-no-builtin] [options] -o FILE",
		"Trains a model on the embedded corpus plus each -data label file (or on the -data files\n"+
			"only, with -no-builtin) and writes it to -o. The file is replaced only by an atomic\n"+
			"rename after a complete write: a failed run leaves an existing file untouched.")
	var mf modelFlags
	mf.register(fs)
	out := fs.String("o", "", "output model `FILE` (required)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError("missing -o FILE")
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	opts, err := mf.options()
	if err != nil {
		return err
	}
	o, err := createOutput(e, *out)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	m, claims, st, err := trainModel(mf, opts)
	if err == nil {
		if err = m.Save(o); err != nil {
			err = fmt.Errorf("write model: %w", err)
		}
	}
	if err != nil {
		o.Abort()
		return err
	}
	if err := o.Commit(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(e.stderr, "stance train: %d claims, labels %v → %s\n", len(claims), m.Labels(), *out)
	if st.Relabeled > 0 || st.Removed > 0 {
		fmt.Fprintf(e.stderr, "stance train: %d built-in claims relabeled, %d removed by the -data files\n", st.Relabeled, st.Removed)
	}
	return nil
}

// trainModel trains a model on the claims the flags select.
func trainModel(mf modelFlags, opts []stance.Option) (*stance.Model, []corpus.Claim, corpus.MergeStats, error) {
	claims, st, err := mf.claims()
	if err != nil {
		return nil, nil, st, err
	}
	m, err := stance.Train(claims, opts...)
	return m, claims, st, err
}
