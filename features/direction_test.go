package features_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancekit/stancekit/features"
)

// directionsOf returns the direction features of text under the default
// settings.
func directionsOf(text string) []string {
	var out []string
	for _, f := range features.NewVectorizer().Features(text) {
		if strings.HasPrefix(f, features.BlameFeature) || strings.HasPrefix(f, features.SoftFeature) {
			out = append(out, f)
		}
	}
	return out
}

func TestDirections(t *testing.T) {
	const (
		russia = features.BlameFeature + features.ActorRussia
		japan  = features.BlameFeature + features.ActorJapan
		china  = features.BlameFeature + features.ActorChina
		us     = features.BlameFeature + features.ActorUS
	)
	tests := []struct {
		name, in string
		want     []string
	}{
		{"subject", "Moscow refuses to return the islands.", []string{russia}},
		{"possessive", "Tokyo's intransigence keeps the talks frozen.", []string{japan}},
		{"adjective", "Russian aggression worries the region.", []string{russia}},
		{"target is not blamed", "The Kremlin's hostility toward Japan grows.", []string{russia}},
		{"target is not blamed, swapped", "Tokyo's hostility toward Russia grows.", []string{japan}},
		{"passive agent", "The talks were blocked by Moscow.", []string{russia}},
		{"agent of a noun", "The refusal of the Kremlin ended the talks.", []string{russia}},
		{"passive without agent blames the other side", "Japan's proposal was rejected.", []string{russia}},
		{"criticism verb blames its object", "Lavrov criticised Japan's alliance with Washington.", []string{japan}},
		{"blame as a verb", "Tokyo blames Moscow for the stalemate.", []string{russia}},
		{"to blame", "Moscow is to blame for the stalemate.", []string{russia}},
		{"the blame lies with", "The blame lies with Tokyo.", []string{japan}},
		{"copula", "The main obstacle is Tokyo.", []string{japan}},
		{"denial blames the other side", "Russia is not at fault.", []string{japan}},
		{"denial with a verb", "Tokyo did not walk away; Moscow did.", []string{russia}},
		{"denial verb", "Moscow denied violating Japanese airspace.", []string{japan}},
		{"denial verb, swapped", "Tokyo denies any responsibility for the impasse.", []string{russia}},
		{"denial of a clause", "Lavrov denied that the Kremlin had reneged on the deal.", []string{japan}},
		{"denial of a clause, adjective actor", "Tokyo denied that Japanese obstinacy stalled the talks.", []string{russia, russia}},
		{"denial of a clause, pronoun", "Russia denies that it is responsible for the deadlock.", []string{japan}},
		{"denial ends at a clause break", "Russia denies any role, but its jets violated Japanese airspace.", []string{russia}},
		{"denial without a blame word", "Moscow denied Japanese visitors entry to the islands.", nil},
		{"negated actor", "Japan, not Russia, is the obstacle.", []string{japan}},
		{"not X but Y", "The blame lies not with Tokyo but with Moscow.", []string{russia}},
		{"cleft", "It was Moscow that broke off the talks.", []string{russia}},
		{"reported speech", "Lavrov claimed that Japan refuses to face reality.", []string{japan}},
		{"pronoun subject, Tokyo the target", "It refuses to negotiate unless Tokyo admits defeat.", []string{russia}},
		{"third party", "The United States pressured and threatened Tokyo.", []string{us}},
		{"third party, possessive", "Beijing's aggression alarms both Moscow and Tokyo.", []string{china}},
		{"spelling does not matter", "Russian behaviour is provocative and militarised.", []string{russia, russia}},
		{"soft", "Hawks accuse Tokyo of appeasement toward Moscow.", []string{japan, features.SoftFeature + features.ActorJapan}},
		{"no blame word", "Abe visited Moscow in May.", nil},
		{"fact without actor", "The talks were suspended.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, directionsOf(tt.in), "%q", tt.in)
		})
	}
}

func TestAmerican(t *testing.T) {
	tests := map[string]string{
		"behaviour": "behavior", "behavioural": "behavioral", "unfavourable": "unfavorable",
		"militarise": "militarize", "militarisation": "militarization", "criticised": "criticized",
		"organising": "organizing", "defence": "defense", "centres": "centers",
		"programme": "program", "analysed": "analyzed",
		// American too: unchanged.
		"compromise": "compromise", "compromising": "compromising", "surprised": "surprised",
		"exercise": "exercise", "advertising": "advertising", "otherwise": "otherwise",
		"raised": "raised", "our": "our", "four": "four", "tour": "tour", "rise": "rise",
		"promised": "promised", "enterprises": "enterprises", "noise": "noise",
	}
	for in, want := range tests {
		assert.Equal(t, want, features.American(in), "American(%q)", in)
	}
}

func TestFunctionGrams(t *testing.T) {
	v := features.NewVectorizer()
	got := v.Features("to both of the two sides")
	for _, f := range got {
		assert.NotContains(t, []string{"to both", "both of", "of the", "the two"}, f)
	}
	assert.Contains(t, got, "two side", "an n-gram with a content word stays")
	assert.Contains(t, got, "both", "function words stay as unigrams")
}
