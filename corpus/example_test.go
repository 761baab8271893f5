package corpus_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/stancekit/stancekit/corpus"
)

func ExampleReadJSONL() {
	const file = `{"id": "u-1", "text": "Washington keeps both sides apart.", "label": "blame_us"}
{"id": "u-2", "text": "The talks resume in May.", "label": "neutral"}
`
	claims, err := corpus.ReadJSONL(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range claims {
		fmt.Printf("%s %s: %s\n", c.ID, c.Label, c.Text)
	}
	// Output:
	// u-1 blame_us: Washington keeps both sides apart.
	// u-2 neutral: The talks resume in May.
}

func ExampleReadJSONL_error() {
	_, err := corpus.ReadJSONL(strings.NewReader(`{"text": "a", "label": "neutral"}
{"text": "b"}
`))
	fmt.Println(err)
	// Output:
	// line 2: corpus: missing or empty "label"
}

func ExampleWriteJSONL() {
	claims := []corpus.Claim{{ID: "u-1", Text: "Moscow refuses to meet Tokyo halfway.", Label: corpus.BlameRussia}}
	if err := corpus.WriteJSONL(os.Stdout, claims); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"id":"u-1","text":"Moscow refuses to meet Tokyo halfway.","label":"blame_russia"}
}

func ExampleArticleClaims() {
	counts := map[string]int{}
	for _, c := range corpus.ArticleClaims() {
		counts[c.Label]++
	}
	for _, l := range []string{corpus.BlameRussia, corpus.BlameJapan, corpus.Compromise, corpus.Neutral} {
		fmt.Println(l, counts[l])
	}
	// Output:
	// blame_russia 41
	// blame_japan 14
	// compromise 14
	// neutral 189
}
