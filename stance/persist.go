package stance

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

// ModelVersion is the version of the format written by [Model.Save];
// [Load] also reads version 1, whose models were not calibrated.
const ModelVersion = 2

// Limits of a model. [Load] refuses a model file beyond any of them
// before it allocates the tables they size, and [Model.Save] refuses to
// write such a model, so that every saved model loads. [MaxLabels] and
// [corpus.MaxLabelBytes] bound the labels.
const (
	// MaxModelBytes is the largest model file Load reads. The model
	// trained on the embedded corpus takes about 0.5 MB.
	MaxModelBytes = 16 << 20
	// MaxFeatures is the largest vocabulary: the features of the
	// training claims and of the lexicon together.
	MaxFeatures = 1 << 18
	// MaxWeights is the largest weight table: features × labels.
	MaxWeights = 1 << 20
	// MaxLexiconEntries is the largest number of lexicon cues.
	MaxLexiconEntries = 1 << 14
	// MaxLexiconCueBytes is the longest lexicon cue, in bytes.
	MaxLexiconCueBytes = 1 << 10
	// MaxVectorizerBytes is the largest feature settings (actors and
	// stop words) a model file may hold.
	MaxVectorizerBytes = 1 << 20
)

// weightBudget is the largest weight table a model file of n bytes may
// ask for: proportional to the file's size above a floor that any model
// with the built-in lexicon stays under, and at most MaxWeights.
func weightBudget(n int) int { return min(MaxWeights, max(1<<19, 4*n)) }

// maxCalibration bounds the calibration's scale and biases in a model
// file; fitted values are far smaller.
const maxCalibration = 1e3

// modelFormat names the JSON document written by Save.
const modelFormat = "stancekit/model"

// ErrModel is returned (wrapped) by Load for input that is not a valid
// saved model.
var ErrModel = errors.New("stance: invalid model data")

// modelFile is the JSON form of a Model. Counts are keyed by feature, so
// encoding/json writes them in sorted order.
type modelFile struct {
	Format      string             `json:"format"`
	Version     int                `json:"version"`
	Options     config             `json:"options"`
	Vectorizer  json.RawMessage    `json:"vectorizer"`
	Labels      []string           `json:"labels"`
	Claims      []int64            `json:"claims"`
	Calibration *calibration       `json:"calibration,omitempty"`
	Counts      map[string][]int64 `json:"counts"`
}

// Save writes the model as one versioned JSON document: its options,
// feature settings, labels, and per-label feature counts. The same
// training data and options always give the same bytes, and [Load] of
// them gives a model with identical predictions. A model beyond the
// limits of Load is an error wrapping [ErrTooLarge], reported before
// anything is written where the model's size tells, after the write
// where only the file's size does.
func (m *Model) Save(w io.Writer) error {
	V, K := m.vec.Len(), len(m.labels)
	if V > MaxFeatures || V*K > MaxWeights {
		return fmt.Errorf("stance: save model: %w: %d features × %d labels, at most %d features and %d weights",
			ErrTooLarge, V, K, MaxFeatures, MaxWeights)
	}
	settings := m.vec.Clone()
	settings.Reset()
	var vbuf bytes.Buffer
	if err := settings.Save(&vbuf); err != nil {
		return fmt.Errorf("stance: save model: %w", err)
	}
	if vbuf.Len() > MaxVectorizerBytes {
		return fmt.Errorf("stance: save model: %w: feature settings of %d bytes, at most %d", ErrTooLarge, vbuf.Len(), MaxVectorizerBytes)
	}
	f := modelFile{
		Format: modelFormat, Version: ModelVersion, Options: m.cfg,
		Vectorizer: bytes.TrimSpace(vbuf.Bytes()), Labels: m.labels, Claims: m.docs,
		Calibration: &m.cal, Counts: make(map[string][]int64),
	}
	for i := range m.vec.Len() {
		if row := m.counts[i*K : (i+1)*K]; !isZero(row) {
			f.Counts[m.vec.Term(i)] = row
		}
	}
	cw := &countingWriter{w: w}
	bw := bufio.NewWriter(cw)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("stance: save model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("stance: save model: %w", err)
	}
	if cw.n > MaxModelBytes || V*K > weightBudget(int(cw.n)) {
		return fmt.Errorf("stance: save model: %w: %d bytes with %d weights, more than Load accepts", ErrTooLarge, cw.n, V*K)
	}
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Load reads a model written by [Model.Save]. Load should only be
// performed with trusted data. It checks the format, the version and the
// consistency of every table, and reports truncated, corrupt or
// inconsistent input as an error wrapping [ErrModel].
//
// Load is strict: the input must be exactly one JSON document, without
// trailing data, duplicate keys or keys that differ from the format's in
// case, and within the limits above: it reads at most [MaxModelBytes],
// and the memory it uses is bounded by the bytes it read.
func Load(r io.Reader) (*Model, error) {
	data, err := readModel(r)
	if err != nil {
		return nil, err
	}
	var f loadFile
	err = checkNames(data)
	if err == nil {
		// Duplicate keys are found by checkNames, which needs less memory
		// than the decoder's own check.
		err = jsonv2.Unmarshal(data, &f, jsonv2.RejectUnknownMembers(true), jsontext.AllowDuplicateNames(true))
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || len(bytes.TrimSpace(data)) == 0 {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	n := len(data)
	data = nil // the tables below no longer need it
	if f.Format != modelFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrModel, f.Format, modelFormat)
	}
	if f.Version != ModelVersion && f.Version != 1 {
		return nil, fmt.Errorf("%w: version %d, this package reads versions 1 and %d", ErrModel, f.Version, ModelVersion)
	}
	f.modelFile.Vectorizer = json.RawMessage(f.Vectorizer)
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	if err := f.Counts.check(len(f.Labels)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	var vec features.Vectorizer
	if err := vec.Load(bytes.NewReader(f.Vectorizer)); err != nil {
		return nil, fmt.Errorf("%w: vectorizer: %v", ErrModel, err)
	}
	if vec.Len() > 0 {
		return nil, fmt.Errorf("%w: vectorizer: a model's vectorizer holds settings only, not a vocabulary", ErrModel)
	}
	K := len(f.Labels)
	limit := min(MaxFeatures, weightBudget(n)/K) // features the tables may hold
	if len(f.Counts.feats) > limit {
		return nil, fmt.Errorf("%w: %d features × %d labels, more than the %d weights allowed for a file of %d bytes (at most %d)",
			ErrModel, len(f.Counts.feats), K, weightBudget(n), n, MaxWeights)
	}
	cfg := f.Options
	cfg.vectorizer = &vec
	m := newModel(cfg, f.Labels)
	if f.Calibration != nil {
		m.cal = *f.Calibration
	}
	copy(m.docs, f.Claims)
	// The features of the counts, in sorted order, then those of the
	// lexicon, as Train would index them; the tables are sized once the
	// vocabulary is known to be within bounds.
	m.counts = make([]int64, 0, len(f.Counts.feats)*K)
	for _, row := range f.Counts.sorted() {
		i := m.index(f.Counts.feats[row])
		copy(m.counts[i*K:(i+1)*K], f.Counts.cells[row*K:(row+1)*K])
	}
	f.Counts = countTable{}
	if !m.indexLexicon(limit) {
		return nil, fmt.Errorf("%w: the lexicon brings the features to more than %d; × %d labels, more than the %d weights allowed for a file of %d bytes (at most %d)",
			ErrModel, limit, K, weightBudget(n), n, MaxWeights)
	}
	m.counts = slices.Grow(m.counts, m.vec.Len()*K-len(m.counts))
	m.prepare()
	for _, x := range slices.Concat(m.push, m.bias) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%w: counts too large: weights overflow", ErrModel)
		}
	}
	return m, nil
}

// readModel reads a whole model file, failing without reading it when
// it is a file larger than MaxModelBytes, and without holding more than
// MaxModelBytes when it is a stream.
func readModel(r io.Reader) ([]byte, error) {
	tooLarge := fmt.Errorf("%w: larger than %d bytes", ErrModel, MaxModelBytes)
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if st.Size() > MaxModelBytes {
				return nil, tooLarge
			}
			// Read the file into one buffer of its size; a file that
			// grows meanwhile is read as a stream.
			b := make([]byte, st.Size()+1)
			n, err := io.ReadFull(r, b)
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return b[:n], nil
			}
			if err != nil {
				return nil, fmt.Errorf("%w: %w", ErrModel, err)
			}
			r = io.MultiReader(bytes.NewReader(b), r)
		}
	}
	// A stream of unknown size: read it in chunks, and join them once
	// its size is known to be within bounds.
	var chunks [][]byte
	n := 0
	for {
		b := make([]byte, min(1<<20, 32<<10<<len(chunks)))
		k, err := io.ReadFull(r, b)
		chunks, n = append(chunks, b[:k]), n+k
		if n > MaxModelBytes {
			return nil, tooLarge
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrModel, err)
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// checkNames checks that no object of the JSON document data has two
// members of the same name. It keeps a 64-bit hash of each name of the
// objects open at a time: 8 bytes a name, where the decoder's own check
// keeps a copy of every name and a map entry for it.
func checkNames(data []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	seed := maphash.MakeSeed()
	var names []uint64 // the name hashes of the open objects, one after the other
	var starts []int   // where each open object's names start
	var buf []byte
	for {
		kind, n := dec.StackIndex(dec.StackDepth())
		if kind == '{' && n%2 == 0 && dec.PeekKind() == '"' { // a member name
			raw, err := dec.ReadValue()
			if err != nil {
				return err
			}
			if buf, err = jsontext.AppendUnquote(buf[:0], raw); err != nil {
				return err
			}
			if len(names) == cap(names) {
				names = slices.Grow(names, len(names)+64) // doubling: less copying than append
			}
			names = append(names, maphash.Bytes(seed, buf))
			continue
		}
		tok, err := dec.ReadToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch tok.Kind() {
		case '{':
			starts = append(starts, len(names))
		case '}':
			obj := names[starts[len(starts)-1]:]
			slices.Sort(obj)
			for i := 1; i < len(obj); i++ {
				if obj[i] == obj[i-1] {
					return fmt.Errorf("duplicate key in the object at %q", cmp.Or(dec.StackPointer(), "/"))
				}
			}
			names, starts = names[:starts[len(starts)-1]], starts[:len(starts)-1]
		}
	}
}

// loadFile is the form in which Load decodes a model file: modelFile,
// with its count table read into flat storage and its vectorizer kept as
// raw JSON for [features.Vectorizer.Load].
type loadFile struct {
	modelFile
	Vectorizer jsontext.Value `json:"vectorizer"`
	Counts     countTable     `json:"counts"`
}

// indexLexicon adds to the vocabulary the features of the lexicon cues
// that prepare will use, in the order prepare adds them. It stops and
// reports false as soon as the vocabulary holds more than limit features.
func (m *Model) indexLexicon(limit int) bool {
	if m.cfg.LexWeight <= 0 {
		return true
	}
	var feats []string
	for _, e := range m.cfg.Lexicon {
		if m.label(e.Label) < 0 {
			continue
		}
		feats = m.vec.AppendFeatures(feats[:0], e.Text)
		for _, f := range feats {
			m.vec.Index(f)
		}
		if m.vec.Len() > limit {
			return false
		}
	}
	return true
}

// A countTable is the "counts" object of a model file, decoded in one
// pass: each feature's row of counts, one per label, in flat storage.
type countTable struct {
	feats []string
	cells []int64 // the rows, one after the other
	width int     // the length of every row
}

// UnmarshalJSONFrom reads the counts object, checking that it has at
// most MaxFeatures rows of equal length, of non-negative integers.
func (t *countTable) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	obj, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if obj.Kind() != '{' {
		return fmt.Errorf("counts: %v, want an object", obj.Kind())
	}
	// Size the table by a first pass over the object, then fill it.
	rows, cells, err := countShape(obj)
	if err != nil {
		return err
	}
	if rows > MaxFeatures {
		return fmt.Errorf("counts: more than %d features", MaxFeatures)
	}
	if cells > rows*MaxLabels {
		return fmt.Errorf("counts: more than %d per feature", MaxLabels)
	}
	t.feats, t.cells = make([]string, 0, rows), make([]int64, 0, cells)
	dec = jsontext.NewDecoder(bytes.NewReader(obj), jsontext.AllowDuplicateNames(true))
	if _, err := dec.ReadToken(); err != nil { // {
		return err
	}
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		feat := tok.String()
		if tok, err = dec.ReadToken(); err != nil {
			return err
		}
		if tok.Kind() != '[' {
			return fmt.Errorf("counts of %q: %v, want an array", feat, tok.Kind())
		}
		n := 0
		for dec.PeekKind() != ']' {
			v, err := dec.ReadValue()
			if err != nil {
				return err
			}
			x, ok := parseCount(v)
			if !ok {
				return fmt.Errorf("counts of %q: %s is not a count", feat, clipValue(v))
			}
			t.cells = append(t.cells, x)
			n++
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		if len(t.feats) == 0 {
			t.width = n
		} else if n != t.width {
			return fmt.Errorf("feature %q has %d counts, %q has %d", feat, n, t.feats[0], t.width)
		}
		t.feats = append(t.feats, feat)
	}
	return nil
}

// countShape returns the number of members of the JSON object obj and
// the number of scalar values nested in them.
func countShape(obj jsontext.Value) (members, values int, err error) {
	dec := jsontext.NewDecoder(bytes.NewReader(obj), jsontext.AllowDuplicateNames(true))
	for {
		tok, err := dec.ReadToken()
		if err == io.EOF {
			return members, values, nil
		}
		if err != nil {
			return 0, 0, err
		}
		switch depth, kind := dec.StackDepth(), tok.Kind(); {
		case depth == 1 && kind == '"':
			members++
		case depth >= 2 && kind != '[' && kind != ']' && kind != '{' && kind != '}':
			values++
		}
	}
}

// check checks that the rows have one count per label.
func (t *countTable) check(labels int) error {
	if len(t.feats) > 0 && t.width != labels {
		return fmt.Errorf("feature %q has %d counts for %d labels", t.feats[0], t.width, labels)
	}
	return nil
}

// sorted returns the rows in the order of their features.
func (t *countTable) sorted() []int {
	rows := make([]int, len(t.feats))
	for i := range rows {
		rows[i] = i
	}
	if !slices.IsSorted(t.feats) { // Save writes them sorted
		slices.SortFunc(rows, func(a, b int) int { return strings.Compare(t.feats[a], t.feats[b]) })
	}
	return rows
}

// parseCount parses a JSON number that is a non-negative int64.
func parseCount(v []byte) (int64, bool) {
	if len(v) == 0 || len(v) > 19 {
		return 0, false
	}
	var x int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false // a sign, a fraction or an exponent
		}
		x = x*10 + int64(c-'0')
	}
	return x, x >= 0
}

// clipValue returns v, shortened for an error message.
func clipValue(v []byte) string {
	if len(v) > 32 {
		return string(v[:32]) + "…"
	}
	return string(v)
}

// check validates the tables of a decoded model file, but for the
// counts.
func (f *modelFile) check() error {
	o := f.Options
	switch {
	case !(o.Alpha >= MinAlpha && o.Alpha <= MaxAlpha):
		return fmt.Errorf("alpha %v out of range [%g, %g]", o.Alpha, float64(MinAlpha), float64(MaxAlpha))
	case o.Prior != PriorEmpirical && o.Prior != PriorUniform:
		return fmt.Errorf("unknown prior %q", o.Prior)
	case !(o.LexWeight >= 0 && o.LexWeight <= MaxLexiconWeight):
		return fmt.Errorf("lexicon weight %v out of range [0, %g]", o.LexWeight, float64(MaxLexiconWeight))
	case o.MinCount < 0 || o.MinCount > MaxMinCount:
		return fmt.Errorf("min count %d out of range [0, %d]", o.MinCount, MaxMinCount)
	case !(o.Balance >= 0 && o.Balance <= MaxBalance):
		return fmt.Errorf("balance %v out of range [0, %d]", o.Balance, MaxBalance)
	case len(o.Lexicon) > MaxLexiconEntries:
		return fmt.Errorf("%d lexicon cues, at most %d", len(o.Lexicon), MaxLexiconEntries)
	case len(f.Labels) < 2 || len(f.Labels) > MaxLabels:
		return fmt.Errorf("%d labels, want 2 to %d", len(f.Labels), MaxLabels)
	case len(f.Claims) != len(f.Labels):
		return fmt.Errorf("%d claim counts for %d labels", len(f.Claims), len(f.Labels))
	case len(f.Vectorizer) == 0:
		return fmt.Errorf("missing vectorizer")
	case len(f.Vectorizer) > MaxVectorizerBytes:
		return fmt.Errorf("vectorizer settings of %d bytes, at most %d", len(f.Vectorizer), MaxVectorizerBytes)
	}
	for i, e := range o.Lexicon {
		if len(e.Text) > MaxLexiconCueBytes || len(e.Label) > corpus.MaxLabelBytes {
			return fmt.Errorf("lexicon cue %d longer than %d bytes", i+1, MaxLexiconCueBytes)
		}
	}
	if c := f.Calibration; c != nil {
		if !(c.Scale > 0 && c.Scale <= maxCalibration) {
			return fmt.Errorf("calibration scale %v out of range (0, %g]", c.Scale, float64(maxCalibration))
		}
		if len(c.Bias) != len(f.Labels) {
			return fmt.Errorf("%d calibration biases for %d labels", len(c.Bias), len(f.Labels))
		}
		for _, b := range c.Bias {
			if !(math.Abs(b) <= maxCalibration) {
				return fmt.Errorf("calibration bias %v out of range", b)
			}
		}
	}
	for i, l := range f.Labels {
		if n, err := corpus.NormalizeLabel(l); err != nil || n != l {
			return fmt.Errorf("label %d: %q is not a valid label", i+1, clipValue([]byte(l)))
		}
		if i > 0 && f.Labels[i-1] >= l {
			return fmt.Errorf("labels not sorted and distinct at %q", l)
		}
		if f.Claims[i] < 0 {
			return fmt.Errorf("negative claim count for %q", l)
		}
	}
	return checkLabels(f.Labels)
}
