package stance

import (
	"fmt"
	"slices"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

// A Model is a trained naive-Bayes stance classifier.
//
// A Model is immutable once [Train], [Load], [Model.Update] or [Merge]
// has returned it: Classify, ClassifyText, Top and Save are safe for
// concurrent use by multiple goroutines. Update and Merge build a new
// Model and leave their inputs unchanged.
type Model struct {
	cfg     config
	vec     *features.Vectorizer // settings and vocabulary
	labels  []string             // sorted
	neutral int                  // index of Neutral in labels, or -1
	docs    []int64              // training claims per label
	counts  []int64              // counts[f*K+c]: occurrences of feature f in claims of label c (K labels)

	// Derived by prepare.
	// push[f*K+c] is the log-weight of feature f for label c minus the
	// mean of f's weights over all labels. Subtracting the mean adds the
	// same amount to every label's score, so the decision and the
	// probabilities are those of the plain weights, and push is at once
	// the weight table and the evidence.
	push     []float64
	bias     []float64 // log prior of each label
	weak     []bool    // weak[f]: feature f is weak (features.Vectorizer.Weak): no weight
	nameRank []uint32  // nameRank[f]: position of feature f's name in name order, for ties in the evidence

	// cal maps scores to calibrated logits; push and bias above are
	// already calibrated with it.
	cal calibration
}

// Prior chooses the class prior of a model.
type Prior string

const (
	// PriorEmpirical uses the share of each label in the training claims.
	PriorEmpirical Prior = "empirical"
	// PriorUniform gives every label the same prior, so that a large
	// label does not win by size alone.
	PriorUniform Prior = "uniform"
)

// config holds the training options.
type config struct {
	Alpha      float64    `json:"alpha"`
	Complement bool       `json:"complement"`
	Prior      Prior      `json:"prior"`
	LexWeight  float64    `json:"lexicon_weight"`
	Lexicon    []lexEntry `json:"lexicon,omitempty"`
	Swap       bool       `json:"swap,omitempty"`
	SwapAll    bool       `json:"swap_all,omitempty"`
	Calibrate  bool       `json:"calibrate,omitempty"`
	MinCount   int        `json:"min_count,omitempty"`
	Balance    float64    `json:"balance,omitempty"`
	unlabeled  []string   // texts for semi-supervised training; not saved
	vectorizer *features.Vectorizer
}

// lexEntry is one cue of a lexicon.
type lexEntry struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// An Option changes how [Train] builds a model.
type Option func(*config) error

// Default training options: the configuration that measured best on the
// embedded corpus (see the README's evaluation table).
const (
	DefaultAlpha         = 2.0
	DefaultComplement    = true
	DefaultPrior         = PriorUniform
	DefaultLexiconWeight = 20.0
	DefaultSwap          = true
	DefaultCalibrate     = true
	DefaultMinCount      = 3
	DefaultBalance       = 1.0
)

func defaultConfig() config {
	return config{
		Alpha: DefaultAlpha, Complement: DefaultComplement, Prior: DefaultPrior,
		LexWeight: DefaultLexiconWeight, Lexicon: toEntries(DefaultLexicon()),
		Swap: DefaultSwap, Calibrate: DefaultCalibrate, MinCount: DefaultMinCount,
		Balance: DefaultBalance,
	}
}

// MinAlpha and MaxAlpha bound the smoothing constant, MaxLexiconWeight
// the lexicon weight. Below MinAlpha the smoothed likelihood of an unseen
// feature, α / (total count + αV), can underflow to zero for a model
// within the limits of [Load] (counts of up to 2⁶³ in each of
// [MaxWeights] cells), and its weight becomes infinite; larger values
// than the maxima overflow the weights of large vocabularies and make no
// sense anyway.
const (
	MinAlpha         = 1e-9
	MaxAlpha         = 1e6
	MaxLexiconWeight = 1e6
)

// WithAlpha sets the Lidstone smoothing constant added to every feature
// count; it must be within [MinAlpha, MaxAlpha]. The default is
// [DefaultAlpha].
func WithAlpha(alpha float64) Option {
	return func(c *config) error {
		if !(alpha >= MinAlpha && alpha <= MaxAlpha) {
			return fmt.Errorf("stance: alpha %v out of range [%g, %g]", alpha, float64(MinAlpha), float64(MaxAlpha))
		}
		c.Alpha = alpha
		return nil
	}
}

// WithSwap turns counterfactual actor swapping on or off: with it on,
// every training claim labeled [BlameRussia] or [BlameJapan] also counts,
// with Russia and Japan swapped in its features, for the other label,
// so that stock phrases stop carrying a side (counterfactually augmented
// data, Kaushik et al., 2020). With all set, claims of the other labels
// count twice too, once swapped. The default is [DefaultSwap].
func WithSwap(on, all bool) Option {
	return func(c *config) error { c.Swap, c.SwapAll = on, on && all; return nil }
}

// MaxBalance bounds the exponent of [WithBalance].
const MaxBalance = 2

// WithBalance sets how far a label known from few claims is weighted up
// toward the others: before the weights are computed, the counts of a
// label holding less than a quarter of the feature mass of the median
// label are multiplied by (median/mass)^exponent (at most 64), so that
// 20 claims of a new label are not drowned by the hundreds of the
// built-in ones. 0 turns it
// off; it must be between 0 and [MaxBalance]. The default is
// [DefaultBalance].
func WithBalance(exponent float64) Option {
	return func(c *config) error {
		if !(exponent >= 0 && exponent <= MaxBalance) {
			return fmt.Errorf("stance: balance %v out of range [0, %d]", exponent, MaxBalance)
		}
		c.Balance = exponent
		return nil
	}
}

// MaxMinCount bounds the minimum count of [WithMinCount].
const MaxMinCount = 1000

// WithMinCount sets how often a feature must occur in the training
// claims (lexicon cues count with their weight) to carry weight: rarer
// features, most of them one article's idiosyncrasies, are ignored. It
// must be between 0 and [MaxMinCount]; 0 and 1 keep every feature. The
// default is [DefaultMinCount].
func WithMinCount(n int) Option {
	return func(c *config) error {
		if n < 0 || n > MaxMinCount {
			return fmt.Errorf("stance: min count %d out of range [0, %d]", n, MaxMinCount)
		}
		c.MinCount = n
		return nil
	}
}

// WithCalibration turns calibration on or off. With it on, Train fits a
// temperature and a bias per label on out-of-fold scores of its training
// claims, so that a probability of 0.8 is right about 80% of the time
// and the label rates match those of real text (see [Model]). The
// default is [DefaultCalibrate].
func WithCalibration(on bool) Option {
	return func(c *config) error { c.Calibrate = on; return nil }
}

// WithComplement chooses complement naive Bayes (true), which estimates
// each label's weights from the claims of all other labels and so is
// robust to skewed label counts, or standard multinomial naive Bayes
// (false). The default is [DefaultComplement].
func WithComplement(on bool) Option {
	return func(c *config) error { c.Complement = on; return nil }
}

// WithPrior sets the class prior. The default is [DefaultPrior].
func WithPrior(p Prior) Option {
	return func(c *config) error {
		if p != PriorEmpirical && p != PriorUniform {
			return fmt.Errorf("stance: unknown prior %q", p)
		}
		c.Prior = p
		return nil
	}
}

// WithLexicon sets the domain lexicon: cue phrases with the label they
// point to (at most [MaxLexiconEntries] cues of at most
// [MaxLexiconCueBytes] bytes each), each weighted as weight pseudo-occurrences of its features in
// that label (an informative Dirichlet prior on the likelihoods). A nil
// lexicon or a zero weight turns it off. The default is [DefaultLexicon]
// with [DefaultLexiconWeight]. Cues whose label is not in the training
// data are ignored.
func WithLexicon(cues []corpus.Claim, weight float64) Option {
	return func(c *config) error {
		if !(weight >= 0 && weight <= MaxLexiconWeight) {
			return fmt.Errorf("stance: lexicon weight %v out of range [0, %g]", weight, float64(MaxLexiconWeight))
		}
		if len(cues) > MaxLexiconEntries {
			return fmt.Errorf("%w: %d lexicon cues, at most %d", ErrTooLarge, len(cues), MaxLexiconEntries)
		}
		entries := toEntries(cues)
		for i, e := range cues {
			if len(e.Text) > MaxLexiconCueBytes {
				return fmt.Errorf("%w: lexicon cue %d (id %q) longer than %d bytes", ErrTooLarge, i+1, e.ID, MaxLexiconCueBytes)
			}
			l, err := corpus.NormalizeLabel(e.Label)
			if err != nil {
				return fmt.Errorf("stance: lexicon cue %d (id %q): %w", i+1, e.ID, err)
			}
			entries[i].Label = l
		}
		c.Lexicon, c.LexWeight = entries, weight
		return nil
	}
}

// WithVectorizer sets the feature settings (n-grams, negation, actors,
// numbers, stop words) from v; its vocabulary is not used. The default is
// [DefaultVectorizer].
func WithVectorizer(v *features.Vectorizer) Option {
	return func(c *config) error {
		if v == nil {
			return fmt.Errorf("stance: nil vectorizer")
		}
		c.vectorizer = v
		return nil
	}
}

// DefaultVectorizer returns the feature settings of the default model:
// those of [features.NewVectorizer] — Snowball stems and their bigrams,
// actor and number normalisation — but without negation marking, which
// lowered cross-validated macro-F1 on the embedded corpus (it splits the
// few examples of each stem in two).
func DefaultVectorizer() *features.Vectorizer {
	v := features.NewVectorizer()
	v.Negation = false
	return v
}

func toEntries(cues []corpus.Claim) []lexEntry {
	out := make([]lexEntry, 0, len(cues))
	for _, c := range cues {
		out = append(out, lexEntry{Label: c.Label, Text: c.Text})
	}
	return out
}

// Labels returns the model's labels in sorted order.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

// label returns the index of label l, or -1.
func (m *Model) label(l string) int { return slices.Index(m.labels, l) }

// Vectorizer returns a new Vectorizer with the model's feature settings
// and an empty vocabulary: the features it gives a text are those the
// model reads.
func (m *Model) Vectorizer() *features.Vectorizer { return m.vec.Settings() }
