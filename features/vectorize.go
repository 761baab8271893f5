package features

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
)

// A Vectorizer turns claims into features and sparse count vectors. Its
// exported fields choose the features; set them before the first call to
// [Vectorizer.Fit], [Vectorizer.Transform] or [Vectorizer.Features] and do
// not change them afterwards.
//
// The pipeline for one claim is: [Tokenize], optional stop-word removal,
// optional spelling folding ([American]), [Stem], optional actor and
// number normalisation, optional negation marking, then n-grams, then
// optional direction features (see [BlameFeature]).
//
// Features, AppendFeatures, AppendIndices, Transform and Lookup are safe
// for concurrent use; Fit, FitIndices, Index, Load and changing the
// fields are not.
type Vectorizer struct {
	// NGram is the longest n-gram: 1 gives single stems, 2 adds pairs of
	// adjacent stems ("refus meet"), 3 adds triples. N-grams never span
	// clause punctuation. NewVectorizer sets it to 2; values below 1
	// count as 1.
	NGram int

	// Negation marks the stems that follow a negation ("not", "no",
	// "never", "nor", "without", …) up to the next clause punctuation
	// with [NegationPrefix]. NewVectorizer sets it to true.
	Negation bool

	// Numbers replaces numeric tokens by [NumberFeature]. NewVectorizer
	// sets it to true.
	Numbers bool

	// Actors maps stems to actor features (see [DefaultActors]); nil
	// keeps every stem as it is. NewVectorizer sets it to DefaultActors().
	Actors map[string]string

	// StopWords lists tokens (before stemming) to leave out; nil keeps
	// every token. NewVectorizer sets it to nil: naive Bayes weighs
	// function words itself, and measured accuracy is higher with them.
	StopWords map[string]bool

	// FunctionWords lists tokens (before stemming) that carry no stance
	// on their own: an n-gram made only of them ("to both", "of the")
	// is left out, while each stays a feature of its own. nil keeps
	// every n-gram. NewVectorizer sets it to [DefaultFunctionWords].
	FunctionWords map[string]bool

	// WeakWords lists tokens (before stemming) that must not decide a
	// stance on their own: titles, months, weekdays (see
	// [DefaultWeakWords]). A feature made only of them, of numbers (with
	// Numbers set) and of function words — "april", "#num", "prime
	// minist", "in april" — is weak: [Vectorizer.Weak] reports it, and a
	// model gives it no weight. In an n-gram with a content word ("april
	// summit") they count. NewVectorizer sets it to DefaultWeakWords.
	WeakWords map[string]bool

	// Spelling folds British spellings to American ones before stemming
	// ([American]), so that "behaviour" and "behavior" are one feature.
	// NewVectorizer sets it to true.
	Spelling bool

	// Direction adds direction features: for every blaming word, the
	// actor it is about ([BlameFeature], [SoftFeature]). It needs Actors
	// to name the actors. NewVectorizer sets it to true.
	Direction bool

	vocab map[string]int
	terms []string
	grams gramIndex
	gen   uint64  // generation of the vocabulary (see tokenTable); 0 until it exists
	tab   *tables // derived from the settings
}

// MaxClaimBytes bounds the work and memory spent on one claim: a
// Vectorizer reads at most this many bytes of a claim (cut at a character
// boundary) and ignores the rest. Sentences are far shorter; a longer
// "claim" is a text that was not segmented.
const MaxClaimBytes = 64 << 10

// clip returns the first MaxClaimBytes bytes of text, cut at a character
// boundary.
func clip(text string) string {
	if len(text) <= MaxClaimBytes {
		return text
	}
	cut := MaxClaimBytes
	for cut > MaxClaimBytes-utf8.UTFMax && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// tokenSkip marks a stop word in the token table.
const tokenSkip = -2

// NewVectorizer returns a Vectorizer with the default feature settings
// and an empty vocabulary.
func NewVectorizer() *Vectorizer {
	return &Vectorizer{
		NGram: 2, Negation: true, Numbers: true, Actors: DefaultActors(),
		FunctionWords: DefaultFunctionWords(), Spelling: true, Direction: true,
		WeakWords: DefaultWeakWords(),
	}
}

// Features returns the features of one claim, in order, repeats included.
func (v *Vectorizer) Features(text string) []string {
	return v.AppendFeatures(nil, text)
}

// AppendFeatures appends the features of text to dst and returns the
// extended slice. Reusing dst avoids an allocation per claim.
func (v *Vectorizer) AppendFeatures(dst []string, text string) []string {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.terms = v.appendTerms(sc.terms[:0], sc, text)
	appendGrams(nil, sc, max(v.NGram, 1), func(f []byte) (int, bool) {
		dst = append(dst, string(f))
		return 0, false
	})
	if v.Direction {
		t := v.tables()
		for _, d := range sc.dirs {
			dst = append(dst, t.name(d))
		}
	}
	return dst
}

// AppendIndices appends to dst the vocabulary index of every feature of
// text that is in the vocabulary, in the order of [Vectorizer.Features].
// It computes the same features as Features without building their
// strings, and does not allocate once the stem cache is warm: it is the
// fast path of classification.
func (v *Vectorizer) AppendIndices(dst []int, text string) []int {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	maxN := max(v.NGram, 1)
	if v.Negation || v.gen == 0 || !v.grams.closed() {
		sc.terms = v.appendTerms(sc.terms[:0], sc, text)
		dst = v.appendIndicesSlow(dst, sc, maxN)
		return v.appendDirections(dst, sc)
	}
	// Every n-gram of the vocabulary is indexed by its prefix and last
	// term, so n-grams are found by integer keys, and an n-gram whose
	// prefix is unknown cannot be in the vocabulary. Tokens map to their
	// unigram index through a cache, which skips stemming.
	v.appendIDs(sc, text)
	for i, k := range sc.ids {
		if k < 0 {
			continue
		}
		dst = append(dst, k)
		for n := 2; n <= maxN && i+n <= len(sc.ids); n++ {
			last := sc.ids[i+n-1]
			if last < 0 || sc.brks[i+n-1] {
				break
			}
			g, ok := v.grams.pairs.get(gramKey(k, last))
			if !ok {
				break
			}
			k = g
			dst = append(dst, k)
		}
	}
	return v.appendDirections(dst, sc)
}

// appendDirections appends the vocabulary indices of the direction
// features that sc.dirs holds.
func (v *Vectorizer) appendDirections(dst []int, sc *scratch) []int {
	if !v.Direction || len(sc.dirs) == 0 {
		return dst
	}
	t := v.tables()
	for _, d := range sc.dirs {
		if k, ok := v.vocab[t.name(d)]; ok {
			dst = append(dst, k)
		}
	}
	return dst
}

// appendIDs sets sc.ids to the unigram index (or -1) of each term of
// text and sc.brks to whether a clause break precedes it, and sc.dirs to
// the claim's directions. It is appendTerms for the fast path: the same
// terms, found through the token table.
func (v *Vectorizer) appendIDs(sc *scratch, text string) {
	sc.ids, sc.brks, sc.dts = sc.ids[:0], sc.brks[:0], sc.dts[:0]
	t := v.tab
	tt := &sc.table
	if tt.gen != v.gen {
		tt.reset(v.gen)
	}
	brk, dbrk := false, false
	var prev tokInfo
	prevKept := false
	sc.tok = scan(clip(text), sc.tok, func(tok []byte, f tokenFlags) {
		brk = brk || f&afterBreak != 0
		dbrk = dbrk || f&afterBreak != 0
		head, h := tokenKey(tok)
		info, ok := tt.get(tok, head, h)
		if !ok {
			info = v.tokenInfo(tok)
			if len(tok) <= maxCachedToken {
				tt.put(tok, head, h, info)
			}
		}
		if prev.code != 0 && info.code != 0 && !(f&afterBreak != 0) {
			if ph, ok := t.pairs[pairKey(prev.code, info.code)]; ok {
				if ph.actor >= 0 {
					if prevKept {
						id, ok := v.vocab[t.actors[ph.actor]]
						if !ok {
							id = -1
						}
						sc.ids[len(sc.ids)-1] = id
					}
					if v.Direction {
						sc.dts[len(sc.dts)-1].actor = ph.actor
					}
				} else if v.Direction {
					sc.dts[len(sc.dts)-1].role = ph.role
				}
				prev = tokInfo{}
				return
			}
		}
		prev = info
		if v.Direction {
			sc.dts = append(sc.dts, dterm{actor: info.actor, role: info.role, brk: dbrk})
			dbrk = false
		}
		prevKept = info.id != tokenSkip
		if !prevKept {
			return
		}
		sc.ids = append(sc.ids, int(info.id))
		sc.brks = append(sc.brks, brk)
		brk = false
	})
	sc.dirs = sc.dirs[:0]
	if v.Direction {
		sc.dirs = directions(sc.dirs, sc.dts, t.russia, t.japan)
	}
}

// tokenInfo returns what the token table holds for tok: the unigram
// index of its term (-1 if not in the vocabulary, tokenSkip for a stop
// word; negation is ignored) and what the phrase and direction rules
// need.
func (v *Vectorizer) tokenInfo(tok []byte) tokInfo {
	t := v.tab
	info := tokInfo{id: -1, actor: -1}
	stem := v.stem(tok)
	info.code = t.codes[stem]
	if v.Direction {
		info.role = tokenRole(string(tok))
	}
	if v.StopWords[string(tok)] {
		info.id = tokenSkip
		return info
	}
	s := v.actor(stem)
	if k, ok := v.vocab[s]; ok {
		info.id = int32(k)
	}
	if a, ok := t.actorIdx[s]; ok {
		info.actor = a
	}
	return info
}

// FitIndices adds the features of text to the vocabulary, like Fit, and
// appends the index of each to dst, in the order of
// [Vectorizer.Features]. It allocates only for features new to the
// vocabulary: it is the fast path of training. FitIndices is not safe
// for concurrent use.
func (v *Vectorizer) FitIndices(dst []int, text string) []int {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.terms = v.appendTerms(sc.terms[:0], sc, text)
	dst = appendGrams(dst, sc, max(v.NGram, 1), func(f []byte) (int, bool) {
		if k, ok := v.vocab[string(f)]; ok {
			return k, true
		}
		return v.Index(string(f)), true
	})
	if v.Direction {
		t := v.tables()
		for _, d := range sc.dirs {
			dst = append(dst, v.Index(t.name(d)))
		}
	}
	return dst
}

// appendIndicesSlow is AppendIndices by string lookups, for vocabularies
// whose n-grams are not all indexed by their parts.
func (v *Vectorizer) appendIndicesSlow(dst []int, sc *scratch, maxN int) []int {
	return appendGrams(dst, sc, maxN, func(f []byte) (int, bool) {
		k, ok := v.vocab[string(f)]
		return k, ok
	})
}

// appendGrams builds the features of sc.terms (n-grams up to maxN that
// do not span a clause break) in a reused buffer, in the order of
// [Vectorizer.Features], and appends the index lookup gives each, when
// it gives one. The feature passed to lookup is only valid during the
// call.
func appendGrams(dst []int, sc *scratch, maxN int, lookup func(feature []byte) (int, bool)) []int {
	for i, t := range sc.terms {
		buf := append(sc.gram[:0], t.text...)
		if k, ok := lookup(buf); ok {
			dst = append(dst, k)
		}
		fn := t.fn // all terms so far are function words
		for n := 2; n <= maxN && i+n <= len(sc.terms); n++ {
			next := sc.terms[i+n-1]
			if next.brk {
				break
			}
			buf = append(buf, ' ')
			buf = append(buf, next.text...)
			if fn = fn && next.fn; fn {
				continue // "to both": no stance
			}
			if k, ok := lookup(buf); ok {
				dst = append(dst, k)
			}
		}
		sc.gram = buf
	}
	return dst
}

// gramIndex finds n-grams by the indices of their prefix and last term:
// "a b c" by ("a b", "c"). N-grams whose parts are not yet in the
// vocabulary wait in pending, keyed by the missing part.
type gramIndex struct {
	pairs   gramTable
	pending map[string][]int
	waiting int // n-grams in pending
}

func gramKey(prefix, last int) uint64 { return uint64(prefix)<<32 | uint64(uint32(last)) }

// closed reports whether every n-gram of the vocabulary is indexed.
func (g *gramIndex) closed() bool { return g.waiting == 0 }

// add indexes feature i, named f, of v's vocabulary, and the n-grams
// that waited for it.
func (v *Vectorizer) indexGram(i int, f string) {
	g := &v.grams
	if g.pending == nil {
		g.pending = make(map[string][]int)
	}
	if strings.IndexByte(f, ' ') >= 0 {
		v.resolveGram(i)
	}
	if w, ok := g.pending[f]; ok {
		delete(g.pending, f)
		g.waiting -= len(w)
		for _, k := range w {
			v.resolveGram(k)
		}
	}
}

// resolveGram indexes n-gram k by its parts, or makes it wait for the
// part that is missing.
func (v *Vectorizer) resolveGram(k int) {
	g := &v.grams
	f := v.terms[k]
	cut := strings.LastIndexByte(f, ' ')
	prefix, last := f[:cut], f[cut+1:]
	p, ok := v.vocab[prefix]
	if !ok {
		g.pending[prefix] = append(g.pending[prefix], k)
		g.waiting++
		return
	}
	l, ok := v.vocab[last]
	if !ok {
		g.pending[last] = append(g.pending[last], k)
		g.waiting++
		return
	}
	g.pairs.put(gramKey(p, l), k)
}

// scratch holds the buffers of one feature extraction.
type scratch struct {
	terms []term
	ids   []int
	brks  []bool
	tok   []byte
	gram  []byte
	dts   []dterm
	dirs  []direction
	table tokenTable // the fast path's tokens
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// appendTerms appends the normalised terms of text: the stage before
// n-grams. It sets sc.dirs to the claim's directions.
func (v *Vectorizer) appendTerms(terms []term, sc *scratch, text string) []term {
	t := v.tables()
	negated, pending, dbrk := false, false, false
	var prevCode uint16
	prevKept := false
	sc.dts = sc.dts[:0]
	sc.tok = scan(clip(text), sc.tok, func(tok []byte, f tokenFlags) {
		brk := pending || f&afterBreak != 0
		dbrk = dbrk || f&afterBreak != 0
		if brk {
			negated = false
		}
		stem := v.stem(tok)
		code := t.codes[stem]
		if prevCode != 0 && code != 0 && f&afterBreak == 0 {
			if ph, ok := t.pairs[pairKey(prevCode, code)]; ok {
				// A two-word phrase: the first word stands for it.
				if ph.actor >= 0 {
					if prevKept {
						terms[len(terms)-1].text = t.actors[ph.actor]
						terms[len(terms)-1].fn = false
					}
					if v.Direction {
						sc.dts[len(sc.dts)-1].actor = ph.actor
					}
				} else if v.Direction {
					sc.dts[len(sc.dts)-1].role = ph.role
				}
				prevCode = 0
				return
			}
		}
		prevCode = code
		stop := v.StopWords[string(tok)]
		s := ""
		if !stop {
			s = v.actor(stem)
		}
		if v.Direction {
			a, ok := t.actorIdx[s]
			if !ok {
				a = -1
			}
			sc.dts = append(sc.dts, dterm{actor: a, role: tokenRole(string(tok)), brk: dbrk})
			dbrk = false
		}
		prevKept = !stop
		if stop {
			pending = brk // the break still separates the terms around it
			return
		}
		pending = false
		if v.Negation {
			if negated && !isClass(s) {
				s = NegationPrefix + s
			}
			if negators[string(tok)] && f&inCompound == 0 {
				negated = true
			}
		}
		terms = append(terms, term{text: s, brk: brk, fn: v.FunctionWords[string(tok)]})
	})
	sc.dirs = sc.dirs[:0]
	if v.Direction {
		sc.dirs = directions(sc.dirs, sc.dts, t.russia, t.japan)
	}
	return terms
}

// stem returns the stem of tok under the number and spelling settings,
// before actor normalisation.
func (v *Vectorizer) stem(tok []byte) string {
	if v.Numbers && isNumber(tok) {
		return NumberFeature
	}
	if v.Spelling {
		if a := American(string(tok)); a != string(tok) {
			return Stem(a)
		}
	}
	return stemBytes(tok)
}

// actor returns the actor feature of stem, or stem itself.
func (v *Vectorizer) actor(stem string) string {
	if a, ok := v.Actors[stem]; ok {
		return a
	}
	return stem
}

// normalize stems tok and applies the number, spelling and actor
// settings.
func (v *Vectorizer) normalize(tok []byte) string {
	return v.actor(v.stem(tok))
}

// isClass reports whether s is an actor or number feature, which
// negation does not mark: "not Moscow" still names Moscow.
func isClass(s string) bool { return s != "" && (s[0] == '@' || s[0] == '#') }

// isNumber reports whether tok starts with a digit.
func isNumber(tok []byte) bool {
	r, _ := utf8.DecodeRune(tok)
	return unicode.IsDigit(r)
}

// Fit adds the features of texts to the vocabulary. Features new to the
// vocabulary get the next free indices in order of first appearance, so
// the same texts in the same order always give the same indices. Fit may
// be called again to extend a vocabulary.
func (v *Vectorizer) Fit(texts []string) error {
	if v.vocab == nil {
		v.vocab = make(map[string]int)
	}
	var feats []string
	for _, t := range texts {
		feats = v.AppendFeatures(feats[:0], t)
		for _, f := range feats {
			v.Index(f)
		}
	}
	return nil
}

// Index returns the index of feature f, adding f to the vocabulary if it
// is new. It is the building block of Fit for callers that compute
// features themselves.
func (v *Vectorizer) Index(f string) int {
	if v.vocab == nil {
		v.vocab = make(map[string]int)
	}
	if i, ok := v.vocab[f]; ok {
		return i
	}
	i := len(v.terms)
	v.vocab[f] = i
	v.terms = append(v.terms, f)
	v.indexGram(i, f)
	if v.tab == nil {
		v.tab = newTables(v)
	}
	v.gen = nextGeneration() // a token's term may now be known
	return i
}

// Lookup returns the index of feature f and whether f is in the
// vocabulary.
func (v *Vectorizer) Lookup(f string) (int, bool) {
	i, ok := v.vocab[f]
	return i, ok
}

// Term returns the feature at index i.
func (v *Vectorizer) Term(i int) string { return v.terms[i] }

// Len returns the size of the vocabulary.
func (v *Vectorizer) Len() int { return len(v.terms) }

// Vocabulary returns a copy of the vocabulary: the feature at each index.
func (v *Vectorizer) Vocabulary() []string {
	return append([]string(nil), v.terms...)
}

// Clone returns a copy of v with the same settings and its own copy of
// the vocabulary. The settings' maps are shared, as they are read-only.
func (v *Vectorizer) Clone() *Vectorizer {
	w := *v
	w.terms = slices.Clone(v.terms)
	w.vocab = maps.Clone(v.vocab)
	w.grams = gramIndex{}
	for i, f := range w.terms {
		w.indexGram(i, f)
	}
	w.gen = nextGeneration()
	w.tab = newTables(&w)
	return &w
}

// Settings returns a new Vectorizer with v's settings and an empty
// vocabulary. The settings' maps are shared, as they are read-only.
func (v *Vectorizer) Settings() *Vectorizer {
	return &Vectorizer{
		NGram: v.NGram, Negation: v.Negation, Numbers: v.Numbers, Actors: v.Actors,
		StopWords: v.StopWords, FunctionWords: v.FunctionWords, WeakWords: v.WeakWords,
		Spelling: v.Spelling, Direction: v.Direction,
	}
}

// Weak reports whether feature f is weak: made only of the stems of
// WeakWords, numbers and function words, with at least one of the first
// two (see [Vectorizer.WeakWords]). Such features must not decide a
// stance on their own.
func (v *Vectorizer) Weak(f string) bool {
	t := v.tables()
	weak := false
	for part := range strings.SplitSeq(f, " ") {
		switch {
		case part == NumberFeature && v.Numbers, t.weak[part]:
			weak = true
		case t.function[part]:
		default:
			return false
		}
	}
	return weak
}

// Reset empties the vocabulary and keeps the settings.
func (v *Vectorizer) Reset() {
	v.vocab, v.terms, v.grams, v.gen, v.tab = nil, nil, gramIndex{}, 0, nil
}

// Vector is a sparse vector: Values[k] is the entry at index Indices[k].
// Indices are strictly increasing.
type Vector struct {
	Indices []int
	Values  []float64
}

// Transform returns the feature counts of text over the vocabulary.
// Features outside the vocabulary are left out.
func (v *Vectorizer) Transform(text string) Vector {
	counts := make(map[int]float64)
	for _, f := range v.Features(text) {
		if i, ok := v.vocab[f]; ok {
			counts[i]++
		}
	}
	vec := Vector{Indices: make([]int, 0, len(counts)), Values: make([]float64, 0, len(counts))}
	for i := range counts {
		vec.Indices = append(vec.Indices, i)
	}
	sort.Ints(vec.Indices)
	for _, i := range vec.Indices {
		vec.Values = append(vec.Values, counts[i])
	}
	return vec
}

// FitTransform fits the vocabulary to texts and returns their vectors.
func (v *Vectorizer) FitTransform(texts []string) ([]Vector, error) {
	if err := v.Fit(texts); err != nil {
		return nil, err
	}
	out := make([]Vector, len(texts))
	for i, t := range texts {
		out[i] = v.Transform(t)
	}
	return out, nil
}

// vectorizerFormat names the JSON document written by Save.
const vectorizerFormat = "stancekit/vectorizer"

// VectorizerVersion is the version of the format written by
// [Vectorizer.Save]. Load also accepts version 1, whose vectorizers had
// no function words, spelling folding or direction features.
const VectorizerVersion = 2

// vectorizerFile is the JSON form of a Vectorizer.
type vectorizerFile struct {
	Format     string            `json:"format"`
	Version    int               `json:"version"`
	NGram      int               `json:"ngram"`
	Negation   bool              `json:"negation"`
	Numbers    bool              `json:"numbers"`
	Actors     map[string]string `json:"actors,omitempty"`
	StopWords  []string          `json:"stop_words,omitempty"`
	Function   []string          `json:"function_words,omitempty"`
	Weak       []string          `json:"weak_words,omitempty"`
	Spelling   bool              `json:"spelling,omitempty"`
	Direction  bool              `json:"direction,omitempty"`
	Vocabulary []string          `json:"vocabulary"`
}

// ErrFormat is returned (wrapped) by Load for input that is not a valid
// saved Vectorizer.
var ErrFormat = errors.New("features: invalid vectorizer data")

// Save writes the settings and the vocabulary as one JSON document. The
// same Vectorizer always gives the same bytes.
func (v *Vectorizer) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(v.file()); err != nil {
		return fmt.Errorf("features: save vectorizer: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("features: save vectorizer: %w", err)
	}
	return nil
}

func (v *Vectorizer) file() vectorizerFile {
	f := vectorizerFile{
		Format: vectorizerFormat, Version: VectorizerVersion,
		NGram: v.NGram, Negation: v.Negation, Numbers: v.Numbers,
		Actors: v.Actors, Vocabulary: v.terms, Spelling: v.Spelling, Direction: v.Direction,
		StopWords: setList(v.StopWords), Function: setList(v.FunctionWords), Weak: setList(v.WeakWords),
	}
	if f.Vocabulary == nil {
		f.Vocabulary = []string{}
	}
	return f
}

// setList returns the members of a set, sorted; nil for an empty set.
func setList(set map[string]bool) []string {
	var out []string
	for w, ok := range set {
		if ok {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// listSet returns the set of the words of list; nil for an empty list.
func listSet(list []string) map[string]bool {
	if len(list) == 0 {
		return nil
	}
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[w] = true
	}
	return m
}

// Load replaces v's settings and vocabulary with those read from r, as
// written by Save. Load should only be performed with trusted data; it
// checks the format and version and rejects malformed input with an error
// wrapping [ErrFormat]. It is strict: r must hold exactly one JSON
// document, without trailing data, unknown or duplicate keys, or keys
// that differ from the format's in case.
func (v *Vectorizer) Load(r io.Reader) error {
	var f vectorizerFile
	if err := jsonv2.UnmarshalRead(r, &f, jsonv2.RejectUnknownMembers(true)); err != nil {
		return fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return v.restore(f)
}

func (v *Vectorizer) restore(f vectorizerFile) error {
	if f.Format != vectorizerFormat {
		return fmt.Errorf("%w: format %q, want %q", ErrFormat, f.Format, vectorizerFormat)
	}
	if f.Version != VectorizerVersion && f.Version != 1 {
		return fmt.Errorf("%w: version %d, want 1 or %d", ErrFormat, f.Version, VectorizerVersion)
	}
	if f.NGram < 1 || f.NGram > 5 {
		return fmt.Errorf("%w: ngram %d out of range 1..5", ErrFormat, f.NGram)
	}
	vocab := make(map[string]int, len(f.Vocabulary))
	for i, t := range f.Vocabulary {
		if _, dup := vocab[t]; dup {
			return fmt.Errorf("%w: feature %q appears twice", ErrFormat, t)
		}
		vocab[t] = i
	}
	*v = Vectorizer{
		NGram: f.NGram, Negation: f.Negation, Numbers: f.Numbers,
		Actors: f.Actors, vocab: vocab, terms: f.Vocabulary,
		StopWords: listSet(f.StopWords), FunctionWords: listSet(f.Function), WeakWords: listSet(f.Weak),
		Spelling: f.Spelling, Direction: f.Direction,
	}
	for i, t := range v.terms {
		v.indexGram(i, t)
	}
	v.gen = nextGeneration()
	v.tab = newTables(v)
	return nil
}
