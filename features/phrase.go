package features

import (
	"slices"
	"strings"
)

// tokInfo is what the token table of a Vectorizer knows of a token.
type tokInfo struct {
	id    int32  // unigram index of its term, -1 if none, tokenSkip for a stop word
	code  uint16 // phrase-word code, 0 if the token starts or ends no two-word phrase
	role  role
	actor int16 // index into tables.actors, or -1
}

// tables holds what a Vectorizer derives from its settings: its
// two-word phrases (actors such as "United States" and the direction
// rules' phrases such as "walk away") and the actor list of the
// direction rules.
type tables struct {
	codes         map[string]uint16 // stem → phrase-word code
	pairs         map[uint32]phrase // pairKey of two codes → phrase
	actors        []string          // actor features, sorted
	actorIdx      map[string]int16
	russia, japan int16
	names         [3][]string     // direction feature names: blame, soft, self; by actor
	weak          map[string]bool // stems of WeakWords
	function      map[string]bool // stems of FunctionWords
}

// A phrase is what two adjacent words stand for: an actor (actor ≥ 0) or
// a direction role.
type phrase struct {
	role  role
	actor int16
}

func pairKey(a, b uint16) uint32 { return uint32(a)<<16 | uint32(b) }

// tables returns v's tables, built when the vocabulary was started, or
// builds them for one call.
func (v *Vectorizer) tables() *tables {
	if v.tab != nil {
		return v.tab
	}
	return newTables(v)
}

// newTables derives the tables of v's settings.
func newTables(v *Vectorizer) *tables {
	t := &tables{
		codes: make(map[string]uint16), pairs: make(map[uint32]phrase), actorIdx: make(map[string]int16),
		weak: make(map[string]bool), function: make(map[string]bool),
	}
	for w := range v.WeakWords {
		t.weak[v.stem([]byte(w))] = true
	}
	for w := range v.FunctionWords {
		t.function[v.stem([]byte(w))] = true
	}
	for _, a := range v.Actors {
		if !slices.Contains(t.actors, a) {
			t.actors = append(t.actors, a)
		}
	}
	slices.Sort(t.actors)
	if len(t.actors) > maxActors {
		t.actors = t.actors[:maxActors]
	}
	for i, a := range t.actors {
		t.actorIdx[a] = int16(i)
	}
	t.russia, t.japan = t.index(ActorRussia), t.index(ActorJapan)
	for i, prefix := range []string{BlameFeature, SoftFeature, SelfFeature} {
		for _, a := range t.actors {
			t.names[i] = append(t.names[i], prefix+a)
		}
	}
	// Two-word phrases, in sorted order so that codes are deterministic.
	add := func(key string, p phrase) {
		a, b, _ := strings.Cut(key, " ")
		t.pairs[pairKey(t.code(a), t.code(b))] = p
	}
	for _, key := range sortedKeys(v.Actors) {
		if strings.Count(key, " ") == 1 {
			if i, ok := t.actorIdx[v.Actors[key]]; ok {
				add(key, phrase{actor: i})
			}
		}
	}
	if v.Direction {
		for _, key := range sortedKeys(pairRoles) {
			add(key, phrase{role: pairRoles[key], actor: -1})
		}
	}
	return t
}

// maxActors bounds the actors that the direction rules tell apart.
const maxActors = 1 << 12

// index returns the index of actor a, or -1.
func (t *tables) index(a string) int16 {
	if i, ok := t.actorIdx[a]; ok {
		return i
	}
	return -1
}

// code returns the phrase-word code of stem, assigning the next one if
// it has none.
func (t *tables) code(stem string) uint16 {
	c, ok := t.codes[stem]
	if !ok {
		c = uint16(len(t.codes) + 1)
		t.codes[stem] = c
	}
	return c
}

// name returns the feature of direction d.
func (t *tables) name(d direction) string {
	switch d.class {
	case roleSoft:
		return t.names[1][d.actor]
	case roleSelf:
		return t.names[2][d.actor]
	}
	return t.names[0][d.actor]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
