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

// DefaultFunctionWords returns a new set of function words for
// [Vectorizer.FunctionWords]: the words of [DefaultStopWords] plus
// negations, quantifiers, modal verbs, conjunctions and number words. An
// n-gram made only of them ("to both", "of two", "not at") says nothing
// of stance; each of them stays a feature of its own.
func DefaultFunctionWords() map[string]bool {
	m := DefaultStopWords()
	for _, w := range strings.Fields(`not no nor never neither either both
		each every all any some many much more most less least other
		another same own only even very too still yet now again once
		further up down out off if but because while although though
		unless until since whether how why where when should would could
		can cannot will may might must shall ought one two three four five
		six seven eight nine ten first second third toward towards against
		upon within without across after before among per via around
		whose whom`) {
		m[w] = true
	}
	return m
}

// DefaultWeakWords returns a new set of words that must not decide a
// stance on their own — titles ("prime", "minister", "president"),
// months and weekdays — for use as [Vectorizer.StopWords]: dates and
// titles say when and who, not who is to blame.
func DefaultWeakWords() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`prime minister ministers president
		presidents premier secretary ambassador ambassadors spokesman
		spokeswoman spokesperson chairman deputy envoy mr mrs ms dr
		january february march april may june july august september
		october november december jan feb mar apr jun jul aug sep sept oct
		nov dec monday tuesday wednesday thursday friday saturday sunday`) {
		m[w] = true
	}
	return m
}

// term is a feature before n-gram assembly, with whether a clause break
// precedes it and whether its token is a function word.
type term struct {
	text string
	brk  bool
	fn   bool
}
