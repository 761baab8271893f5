// Report writes an HTML report of the five articles of the embedded
// corpus: each article with its sentences highlighted by stance, the
// evidence behind each label on hover, the stance profiles of all five as
// charts, and the model's cross-validation as a confusion heat map. Open
// the file in any browser; it needs no network.
//
//	go run ./examples/report [-o stance-report.html]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

func main() {
	out := flag.String("o", "stance-report.html", "output file")
	flag.Parse()

	model, err := stance.Train(corpus.Claims())
	if err != nil {
		log.Fatal(err)
	}
	eval, err := stance.CrossValidate(corpus.ArticleClaims(), stance.CV{
		Folds: 10, Repeats: 5, Seed: 1, Extra: corpus.ExtraClaims(),
	})
	if err != nil {
		log.Fatal(err)
	}
	var docs []report.Document
	for _, a := range corpus.Articles() {
		docs = append(docs, report.Document{Name: a.Title, Author: a.Author, Date: a.Date, Text: a.Text})
	}

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	opt := report.Options{Title: "Five articles on Russia–Japan relations", Eval: eval}
	if err := report.Write(f, model, docs, opt); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Wrote %s: %d articles, %d claims, with the cross-validation report (macro-F1 %.3f).\n",
		*out, len(docs), len(corpus.ArticleClaims()), eval.MacroF1)
}
