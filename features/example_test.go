package features_test

import (
	"fmt"
	"strings"

	"github.com/stancekit/stancekit/features"
)

func ExampleSentences() {
	text := "Mr. Abe met Mr. Putin in St. Petersburg on May 25, 2018. Trade reached USD 18.5 billion (Interfax, May 26).\n\n" +
		"The talks will resume in 2019. These talks matter."
	for _, s := range features.Sentences(text) {
		fmt.Println(s)
	}
	// Output:
	// Mr. Abe met Mr. Putin in St. Petersburg on May 25, 2018.
	// Trade reached USD 18.5 billion (Interfax, May 26).
	// The talks will resume in 2019.
	// These talks matter.
}

func ExampleTokenize() {
	toks := features.Tokenize("Moscow’s stance isn't one-sided, says the U.S.")
	fmt.Println(strings.Join(toks, " | "))
	for i, t := range toks {
		toks[i] = features.Stem(t)
	}
	fmt.Println(strings.Join(toks, " | "))
	// Output:
	// moscow | stance | is | not | one | sided | says | the | u.s.
	// moscow | stanc | is | not | one | side | say | the | u.s.
}

func ExampleScanTokens() {
	// Count the words of many claims without allocating: the buffer is
	// reused from claim to claim, and each token is read in place.
	var buf []byte
	counts := map[string]int{}
	for _, claim := range []string{"Tokyo won't yield.", "Moscow won't yield either."} {
		buf = features.ScanTokens(claim, buf, func(tok []byte) {
			counts[string(tok)]++ // the conversion in a map index does not allocate
		})
	}
	fmt.Println(counts["yield"], counts["not"], counts["moscow"])
	// Output: 2 2 1
}

func ExampleVectorizer() {
	// Stems and bigrams, negation, actors, numbers, and direction
	// features: denying Russia's fault blames Japan.
	v := features.NewVectorizer()
	fmt.Printf("%q\n", v.Features("Russia is not at fault, Tokyo says."))

	if err := v.Fit([]string{"Moscow refuses to meet Tokyo halfway."}); err != nil {
		fmt.Println(err)
		return
	}
	vec := v.Transform("The Kremlin refuses, again and again.")
	for k, i := range vec.Indices {
		fmt.Printf("%s=%v ", v.Term(i), vec.Values[k])
	}
	fmt.Println()
	// Output:
	// ["@russia" "@russia is" "is" "not" "not_at" "not_at not_fault" "not_fault" "@japan" "@japan say" "say" "blame→@japan"]
	// @russia=1 @russia refus=1 refus=1 blame→@russia=1
}
