package features

import "strings"

// Actor features. With [Vectorizer.Actors] set, every stem that names a
// party becomes one feature for that party, so that "Moscow refuses",
// "the Kremlin refuses" and "Lavrov refuses" share the evidence
// "@russia refus".
const (
	ActorRussia = "@russia"
	ActorJapan  = "@japan"
	ActorChina  = "@china"
	ActorUS     = "@us"
	ActorKorea  = "@korea"
)

// DefaultActors returns a new map from stems to actor features covering
// the governments, capitals, leaders, ministers and major state companies
// of Russia and Japan, and the main third parties (China, the United
// States, the two Koreas). Callers may add to the map before assigning it
// to [Vectorizer.Actors]; keys are stems as [Stem] returns them, or two
// stems separated by a space for a name of two words ("unit state" for
// "United States").
func DefaultActors() map[string]string {
	m := make(map[string]string)
	add := func(actor string, words ...string) {
		for _, w := range words {
			if a, b, two := strings.Cut(w, " "); two {
				m[Stem(a)+" "+Stem(b)] = actor
				continue
			}
			m[Stem(w)] = actor
		}
	}
	add(ActorRussia, "russia", "russian", "russians", "russo", "moscow",
		"kremlin", "putin", "lavrov", "medvedev", "shoigu", "peskov",
		"zakharova", "mishustin", "soviet", "soviets", "ussr", "gazprom",
		"rosneft", "sechin", "patrushev", "gerasimov")
	add(ActorJapan, "japan", "japanese", "tokyo", "abe", "kishida", "suga",
		"kono", "motegi", "kishi", "hatoyama", "noda", "koizumi", "mori",
		"yachi", "ldp", "dpj", "nippon")
	add(ActorChina, "china", "chinese", "beijing", "sino", "xi", "wang", "prc", "pla")
	add(ActorUS, "u.s.", "usa", "america", "american", "americans",
		"washington", "obama", "trump", "biden", "pentagon", "united states",
		"white house", "state department")
	add(ActorKorea, "korea", "korean", "koreans", "pyongyang", "seoul", "kim",
		"north korea", "south korea")
	return m
}
