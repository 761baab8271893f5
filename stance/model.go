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
	cfg    config
	vec    *features.Vectorizer // settings and vocabulary
	labels []string             // sorted
	docs   []int64              // training claims per label
	counts []int64              // counts[f*K+c]: occurrences of feature f in claims of label c (K labels)

	// Derived by prepare.
	// push[f*K+c] is the log-weight of feature f for label c minus the
	// mean of f's weights over all labels. Subtracting the mean adds the
	// same amount to every label's score, so the decision and the
	// probabilities are those of the plain weights, and push is at once
	// the weight table and the evidence.
	push []float64
	bias []float64 // log prior of each label
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
	DefaultAlpha         = 1.0
	DefaultComplement    = true
	DefaultPrior         = PriorUniform
	DefaultLexiconWeight = 20.0
)

func defaultConfig() config {
	return config{
		Alpha: DefaultAlpha, Complement: DefaultComplement, Prior: DefaultPrior,
		LexWeight: DefaultLexiconWeight, Lexicon: toEntries(DefaultLexicon()),
	}
}

// MaxAlpha and MaxLexiconWeight bound the smoothing constant and the
// lexicon weight; larger values overflow the weights of large
// vocabularies and make no sense anyway.
const (
	MaxAlpha         = 1e6
	MaxLexiconWeight = 1e6
)

// WithAlpha sets the Lidstone smoothing constant added to every feature
// count; it must be positive and at most [MaxAlpha]. The default is
// [DefaultAlpha].
func WithAlpha(alpha float64) Option {
	return func(c *config) error {
		if !(alpha > 0 && alpha <= MaxAlpha) {
			return fmt.Errorf("stance: alpha %v out of range (0, %g]", alpha, float64(MaxAlpha))
		}
		c.Alpha = alpha
		return nil
	}
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
// point to, each weighted as weight pseudo-occurrences of its features in
// that label (an informative Dirichlet prior on the likelihoods). A nil
// lexicon or a zero weight turns it off. The default is [DefaultLexicon]
// with [DefaultLexiconWeight]. Cues whose label is not in the training
// data are ignored.
func WithLexicon(cues []corpus.Claim, weight float64) Option {
	return func(c *config) error {
		if !(weight >= 0 && weight <= MaxLexiconWeight) {
			return fmt.Errorf("stance: lexicon weight %v out of range [0, %g]", weight, float64(MaxLexiconWeight))
		}
		c.Lexicon, c.LexWeight = toEntries(cues), weight
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
