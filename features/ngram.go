package features

import "strings"

// NegationPrefix marks a stem inside the scope of a negation: with
// [Vectorizer.Negation] set, "Russia is not at fault" yields "not_fault".
const NegationPrefix = "not_"

// NumberFeature replaces every numeric token when [Vectorizer.Numbers] is
// set, so that dates and amounts count as one kind of evidence.
const NumberFeature = "#num"

// negators start a negation scope, which runs to the next clause
// punctuation. Parts of hyphenated compounds ("never-ending",
// "non-aligned") never start one.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "nor": true, "neither": true,
	"without": true, "nobody": true, "nothing": true, "none": true,
	"nowhere": true, "hardly": true, "cannot": true, "barely": true,
}

// DefaultStopWords returns a new set of common English function words
// that carry no stance. Unlike most stop-word lists it keeps negations
// ("no", "not", "nor", "never"), contrast and scope words ("but", "only",
// "both", "against", "too", "very") and modal verbs ("should", "must",
// "could"), which often decide a stance.
func DefaultStopWords() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`a an the and or of to in on at by for
		from with as into onto about over under between through during
		this that these those it its it's itself is are was were be been
		being am has have had having do does did doing i me my we our ours
		you your he him his she her they them their theirs which who whom
		whose what there here then than so such also just s t`) {
		m[w] = true
	}
	return m
}

// term is a feature before n-gram assembly, with whether a clause break
// precedes it.
type term struct {
	text string
	brk  bool
}
