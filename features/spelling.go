package features

import "strings"

// American returns the American spelling of a lower-case British-spelled
// token, or the token itself: "behaviour" → "behavior", "militarise" →
// "militarize", "defence" → "defense", "centre" → "center",
// "analysing" → "analyzing". It covers the regular patterns (-our,
// -ise/-isation, -yse, -ence/-ense, -re/-er, -mme) for the words where
// they are British spellings, and leaves alone the words that end in
// -ise in American English too ("compromise", "surprise", "exercise").
//
// With [Vectorizer.Spelling] set, tokens are folded with American before
// stemming, so that a claim's spelling never changes its features.
func American(token string) string {
	if s, ok := britishWords[token]; ok {
		return s
	}
	if strings.Contains(token, "our") {
		for _, base := range ourWords {
			if i := strings.Index(token, base); i >= 0 {
				// "behaviour" → "behavior": drop the u of the base's "our".
				j := i + strings.LastIndex(base, "our") + 1
				return token[:j] + token[j+1:]
			}
		}
	}
	if s, ok := foldIse(token); ok {
		return s
	}
	return token
}

// britishWords maps British spellings that follow no productive pattern
// (or whose pattern has too many exceptions) to American ones.
var britishWords = func() map[string]string {
	m := make(map[string]string)
	for _, p := range [][2]string{
		{"defence", "defense"}, {"offence", "offense"}, {"licence", "license"},
		{"pretence", "pretense"}, {"centre", "center"}, {"theatre", "theater"},
		{"metre", "meter"}, {"litre", "liter"}, {"fibre", "fiber"},
		{"calibre", "caliber"}, {"sombre", "somber"}, {"spectre", "specter"},
		{"programme", "program"}, {"catalogue", "catalog"}, {"grey", "gray"},
		{"sceptic", "skeptic"}, {"sceptical", "skeptical"}, {"scepticism", "skepticism"},
		{"manoeuvre", "maneuver"}, {"judgement", "judgment"}, {"ageing", "aging"},
		{"whilst", "while"}, {"amongst", "among"}, {"learnt", "learned"},
		{"enrol", "enroll"}, {"fulfil", "fulfill"}, {"instil", "instill"},
		{"kilometre", "kilometer"}, {"towards", "toward"}, {"storey", "story"},
		{"plough", "plow"}, {"mould", "mold"}, {"aluminium", "aluminum"},
	} {
		m[p[0]] = p[1]
		switch {
		case strings.HasSuffix(p[0], "re"), strings.HasSuffix(p[0], "ce"), strings.HasSuffix(p[0], "mme"):
			m[p[0]+"s"] = p[1] + "s"
		}
	}
	for _, base := range []string{"analys", "paralys", "catalys", "dialys"} {
		am := base[:len(base)-1] + "z"
		for _, end := range []string{"e", "es", "ed", "ing", "er", "ers"} {
			m[base+end] = am + end
		}
	}
	return m
}()

// ourWords are the bases whose British -our is American -or. They are
// matched anywhere in a token, so derived forms fold too ("behavioural",
// "unfavourable", "neighbouring").
var ourWords = []string{
	"behaviour", "honour", "favour", "labour", "neighbour", "colour",
	"rumour", "vigour", "harbour", "endeavour", "armour", "humour",
	"flavour", "savour", "valour", "candour", "clamour", "splendour",
	"fervour", "ardour", "odour", "parlour", "saviour", "vapour",
	"tumour", "rancour", "rigour",
}

// iseSuffixes are the British -ise endings and their American forms.
var iseSuffixes = [][2]string{
	{"isations", "izations"}, {"isation", "ization"}, {"ising", "izing"},
	{"isers", "izers"}, {"iser", "izer"}, {"ises", "izes"}, {"ised", "ized"},
	{"ise", "ize"},
}

// iseWords end in -ise in American English as well; iseEndings are
// endings that only such words have.
var (
	iseWords = []string{
		"compromise", "promise", "premise", "demise", "surmise", "advertise",
		"chastise", "expertise", "mortise", "merchandise", "paradise",
		"franchise", "rise", "arise", "sunrise", "uprise", "anise", "treatise",
		"despise", "valise", "concise", "precise", "exercise", "excise",
		"incise",
	}
	iseEndings = []string{"wise", "vise", "guise", "prise", "oise", "uise", "aise"}
)

// foldIse folds the British -ise family ("militarise", "organisation")
// to -ize.
func foldIse(token string) (string, bool) {
	for _, s := range iseSuffixes {
		if !strings.HasSuffix(token, s[0]) {
			continue
		}
		stem := token[:len(token)-len(s[0])]
		if len(stem) < 3 {
			return "", false
		}
		base := stem + "ise"
		for _, e := range iseEndings {
			if strings.HasSuffix(base, e) {
				return "", false
			}
		}
		for _, w := range iseWords {
			// Whole words, or longer ones as endings ("unpromised").
			if base == w || len(w) > 5 && strings.HasSuffix(base, w) {
				return "", false
			}
		}
		return stem + s[1], true
	}
	return "", false
}
