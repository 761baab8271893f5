package main

import (
	"flag"
	"fmt"

	"github.com/stancekit/stancekit/corpus"
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
}

func (f *modelFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.data, "data", "JSON Lines label `FILE` to train on (repeatable); any label names")
	fs.BoolVar(&f.noBuiltin, "no-builtin", false, "train on the -data files only, without the embedded corpus")
	fs.Float64Var(&f.alpha, "alpha", stance.DefaultAlpha, "Lidstone smoothing constant")
	fs.StringVar(&f.prior, "prior", string(stance.DefaultPrior), "class prior: uniform or empirical")
	fs.BoolVar(&f.multi, "multinomial", false, "standard multinomial naive Bayes instead of complement")
	fs.BoolVar(&f.negation, "negation", false, "mark words in the scope of a negation (not_fault)")
	fs.IntVar(&f.ngram, "ngram", 2, "longest n-gram of stems (1 to 3)")
	fs.Var(&f.lexicon, "lexicon", "extra lexicon `FILE` of cue phrases, JSON Lines (repeatable)")
	fs.BoolVar(&f.noLexicon, "no-lexicon", false, "train without the built-in lexicon")
	fs.Float64Var(&f.lexWeight, "lexicon-weight", stance.DefaultLexiconWeight, "pseudo-counts each lexicon cue adds to its features")
}

// options returns the training options the flags select.
func (f *modelFlags) options() ([]stance.Option, error) {
	if f.ngram < 1 || f.ngram > 3 {
		return nil, usageError("-ngram must be 1, 2 or 3")
	}
	if f.lexWeight < 0 {
		return nil, usageError("-lexicon-weight must not be negative")
	}
	if f.prior != string(stance.PriorUniform) && f.prior != string(stance.PriorEmpirical) {
		return nil, usageError("-prior must be uniform or empirical, not %q", f.prior)
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
	return []stance.Option{
		stance.WithAlpha(f.alpha), stance.WithPrior(stance.Prior(f.prior)),
		stance.WithComplement(!f.multi), stance.WithVectorizer(v),
		stance.WithLexicon(lex, f.lexWeight),
	}, nil
}

// claims returns the training claims the flags select: the embedded
// corpus unless -no-builtin, plus the -data files.
func (f *modelFlags) claims() ([]corpus.Claim, error) {
	if f.noBuiltin && len(f.data) == 0 {
		return nil, usageError("-no-builtin needs at least one -data file")
	}
	user, err := readAllLabels(f.data)
	if err != nil {
		return nil, err
	}
	if f.noBuiltin {
		return user, nil
	}
	return append(corpus.Claims(), user...), nil
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
	claims, err := mf.claims()
	if err != nil {
		return err
	}
	m, err := stance.Train(claims, opts...)
	if err != nil {
		return err
	}
	if err := writeAtomic(*out, m.Save); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(e.stderr, "stance train: %d claims, labels %v → %s\n", len(claims), m.Labels(), *out)
	return nil
}
