package report_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

func ExampleWrite() {
	model, err := stance.Train(corpus.Claims())
	if err != nil {
		fmt.Println(err)
		return
	}
	var docs []report.Document
	for _, a := range corpus.Articles() {
		docs = append(docs, report.Document{Name: a.Title, Text: a.Text})
	}
	path := filepath.Join(os.TempDir(), "stance-report.html")
	f, err := os.Create(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(path)
	if err := report.Write(f, model, docs, report.Options{Title: "Five articles"}); err != nil {
		fmt.Println(err)
	}
	if err := f.Close(); err != nil {
		fmt.Println(err)
	}
	fmt.Println("report written")
	// Output:
	// report written
}
