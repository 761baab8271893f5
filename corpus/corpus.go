package corpus

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

//go:embed claims.jsonl extra.jsonl challenge.jsonl articles.json articles/*.txt
var files embed.FS

// ExtraSource and ChallengeSource are the Sources of the written
// training claims (see [ExtraClaims]). They are not article IDs.
const (
	ExtraSource     = "extra"
	ChallengeSource = "challenge"
)

// fixture holds the embedded data, parsed once.
type fixture struct {
	articles []Article
	claims   []Claim // article sentences
	extra    []Claim // written training claims: extra.jsonl, then challenge.jsonl
}

var load = sync.OnceValues(func() (*fixture, error) {
	var f fixture
	b, err := files.ReadFile("articles.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &f.articles); err != nil {
		return nil, fmt.Errorf("articles.json: %w", err)
	}
	for i := range f.articles {
		a := &f.articles[i]
		text, err := files.ReadFile("articles/" + a.ID + ".txt")
		if err != nil {
			return nil, err
		}
		a.Text = strings.TrimSpace(string(text))
	}
	for _, x := range []struct {
		name string
		dst  *[]Claim
	}{{"claims.jsonl", &f.claims}, {"extra.jsonl", &f.extra}, {"challenge.jsonl", &f.extra}} {
		b, err := files.ReadFile(x.name)
		if err != nil {
			return nil, err
		}
		c, err := ReadJSONL(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", x.name, err)
		}
		*x.dst = append(*x.dst, c...)
	}
	return &f, nil
})

// embedded returns the parsed fixture. The data is compiled into the
// package and checked by its tests, so a failure is a build defect.
func embedded() *fixture {
	f, err := load()
	if err != nil {
		panic("corpus: embedded data: " + err.Error())
	}
	return f
}

// Claims returns the training set: every labeled sentence of the five
// articles ([ArticleClaims]) followed by the extra written claims
// ([ExtraClaims]). Each call returns a fresh copy.
func Claims() []Claim {
	f := embedded()
	return slices.Concat(f.claims, f.extra)
}

// ArticleClaims returns the labeled sentences of the five articles, in
// article and reading order: the fixture on which every evaluation is
// computed. Each call returns a fresh copy.
func ArticleClaims() []Claim {
	return slices.Clone(embedded().claims)
}

// ExtraClaims returns the written training claims: sentences written for
// this corpus in the register of the articles, not taken from any
// article and meant for training only. First come the extra claims,
// balanced over the four labels, with Source [ExtraSource]; then the
// challenge set, with Source [ChallengeSource]: hard negatives and
// minimal pairs that teach a model who is blamed rather than stock
// phrases (claims blaming Russia and their twins blaming Japan, denials
// of fault, reported speech, neutral facts with loaded words, blame of
// third parties, hawkish self-criticism, hope without a path). Each call
// returns a fresh copy.
func ExtraClaims() []Claim {
	return slices.Clone(embedded().extra)
}

// Articles returns the five source articles with their cleaned body
// text, in ID order. Each call returns a fresh copy.
func Articles() []Article {
	return slices.Clone(embedded().articles)
}

// IsArticle reports whether source is the ID of one of the embedded
// articles.
func IsArticle(source string) bool {
	return slices.ContainsFunc(embedded().articles, func(a Article) bool { return a.ID == source })
}
