package stance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/stancekit/stancekit/features"
)

// ModelVersion is the version of the format written by [Model.Save];
// [Load] accepts this version only.
const ModelVersion = 1

// MaxModelBytes is the largest model file [Load] reads.
const MaxModelBytes = 1 << 30

// modelFormat names the JSON document written by Save.
const modelFormat = "stancekit/model"

// ErrModel is returned (wrapped) by Load for input that is not a valid
// saved model.
var ErrModel = errors.New("stance: invalid model data")

// modelFile is the JSON form of a Model. Counts are keyed by feature, so
// encoding/json writes them in sorted order.
type modelFile struct {
	Format     string             `json:"format"`
	Version    int                `json:"version"`
	Options    config             `json:"options"`
	Vectorizer json.RawMessage    `json:"vectorizer"`
	Labels     []string           `json:"labels"`
	Claims     []int64            `json:"claims"`
	Counts     map[string][]int64 `json:"counts"`
}

// Save writes the model as one versioned JSON document: its options,
// feature settings, labels, and per-label feature counts. The same
// training data and options always give the same bytes, and [Load] of
// them gives a model with identical predictions.
func (m *Model) Save(w io.Writer) error {
	settings := m.vec.Clone()
	settings.Reset()
	var vbuf bytes.Buffer
	if err := settings.Save(&vbuf); err != nil {
		return fmt.Errorf("stance: save model: %w", err)
	}
	K := len(m.labels)
	f := modelFile{
		Format: modelFormat, Version: ModelVersion, Options: m.cfg,
		Vectorizer: bytes.TrimSpace(vbuf.Bytes()), Labels: m.labels, Claims: m.docs,
		Counts: make(map[string][]int64),
	}
	for i := range m.vec.Len() {
		if row := m.counts[i*K : (i+1)*K]; !isZero(row) {
			f.Counts[m.vec.Term(i)] = row
		}
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("stance: save model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("stance: save model: %w", err)
	}
	return nil
}

// Load reads a model written by [Model.Save]. Load should only be
// performed with trusted data. It checks the format, the version and the
// consistency of every table, and reports truncated, corrupt or
// inconsistent input as an error wrapping [ErrModel], reading at most
// [MaxModelBytes].
func Load(r io.Reader) (*Model, error) {
	lr := &io.LimitedReader{R: r, N: MaxModelBytes + 1}
	var f modelFile
	dec := json.NewDecoder(lr)
	if err := dec.Decode(&f); err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("%w: larger than %d bytes", ErrModel, MaxModelBytes)
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	if f.Format != modelFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrModel, f.Format, modelFormat)
	}
	if f.Version != ModelVersion {
		return nil, fmt.Errorf("%w: version %d, this package reads version %d", ErrModel, f.Version, ModelVersion)
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	var vec features.Vectorizer
	if err := vec.Load(bytes.NewReader(f.Vectorizer)); err != nil {
		return nil, fmt.Errorf("%w: vectorizer: %v", ErrModel, err)
	}
	cfg := f.Options
	cfg.vectorizer = &vec
	m := newModel(cfg, f.Labels)
	copy(m.docs, f.Claims)
	K := len(f.Labels)
	feats := make([]string, 0, len(f.Counts))
	for feat := range f.Counts {
		feats = append(feats, feat)
	}
	slices.Sort(feats)
	for _, feat := range feats {
		i := m.index(feat)
		copy(m.counts[i*K:(i+1)*K], f.Counts[feat])
	}
	m.prepare()
	for _, x := range slices.Concat(m.push, m.bias) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%w: counts too large: weights overflow", ErrModel)
		}
	}
	return m, nil
}

// check validates the tables of a decoded model file.
func (f *modelFile) check() error {
	o := f.Options
	switch {
	case !(o.Alpha > 0 && o.Alpha <= MaxAlpha):
		return fmt.Errorf("alpha %v out of range (0, %g]", o.Alpha, float64(MaxAlpha))
	case o.Prior != PriorEmpirical && o.Prior != PriorUniform:
		return fmt.Errorf("unknown prior %q", o.Prior)
	case !(o.LexWeight >= 0 && o.LexWeight <= MaxLexiconWeight):
		return fmt.Errorf("lexicon weight %v out of range [0, %g]", o.LexWeight, float64(MaxLexiconWeight))
	case len(f.Labels) < 2 || len(f.Labels) > MaxLabels:
		return fmt.Errorf("%d labels, want 2 to %d", len(f.Labels), MaxLabels)
	case len(f.Claims) != len(f.Labels):
		return fmt.Errorf("%d claim counts for %d labels", len(f.Claims), len(f.Labels))
	case len(f.Vectorizer) == 0:
		return fmt.Errorf("missing vectorizer")
	}
	for i, l := range f.Labels {
		if l == "" {
			return fmt.Errorf("label %d is empty", i+1)
		}
		if i > 0 && f.Labels[i-1] >= l {
			return fmt.Errorf("labels not sorted and distinct at %q", l)
		}
		if f.Claims[i] < 0 {
			return fmt.Errorf("negative claim count for %q", l)
		}
	}
	for feat, row := range f.Counts {
		if len(row) != len(f.Labels) {
			return fmt.Errorf("feature %q has %d counts for %d labels", feat, len(row), len(f.Labels))
		}
		for _, n := range row {
			if n < 0 {
				return fmt.Errorf("feature %q has a negative count", feat)
			}
		}
	}
	return nil
}
