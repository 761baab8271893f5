package beam_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	stancebeam "github.com/stancekit/stancekit/beam"
)

func Example() {
	dir, err := os.MkdirTemp("", "stancebeam")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	p, s := beam.NewPipelineWithRoot()
	docs := beam.CreateList(s, []stancebeam.Document{
		{Source: "a.txt", Text: "Moscow refuses.\n\nBoth sides should compromise."},
		{Source: "b.txt", Text: "The talks resumed in May."},
	})
	records, labeled := stancebeam.Classify(s, stancebeam.Model{}, docs)
	stancebeam.Write(s, filepath.Join(dir, "output"), 1, records)
	// The summaries list the labels of the model: load it here once too.
	model, err := stancebeam.Model{}.Load(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	summaries, totals := stancebeam.Summarize(s, model.Labels(), labeled)
	stancebeam.Write(s, filepath.Join(dir, "summary"), 1, beam.Flatten(s, summaries, totals))
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Println(err)
		return
	}

	for _, prefix := range []string{"output", "summary"} {
		b, err := os.ReadFile(stancebeam.ShardName(filepath.Join(dir, prefix), 0, 1))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(string(b))
	}
	// Output:
	// {"source":"a.txt","index":0,"text":"Moscow refuses.","label":"blame_russia","probabilities":{"blame_japan":0.0554,"blame_russia":0.8453,"compromise":0.0070,"neutral":0.0923},"evidence":[{"feature":"@russia refus","count":1,"contribution":1.2553},{"feature":"blame→@russia","count":1,"contribution":0.8060},{"feature":"@russia","count":1,"contribution":0.2386},{"feature":"refus","count":1,"contribution":0.1426}]}
	// {"source":"a.txt","index":1,"text":"Both sides should compromise.","label":"compromise","probabilities":{"blame_japan":0.0466,"blame_russia":0.0580,"compromise":0.7566,"neutral":0.1387},"evidence":[{"feature":"side should","count":1,"contribution":1.1782},{"feature":"should","count":1,"contribution":0.8188},{"feature":"both side","count":1,"contribution":0.6350},{"feature":"both","count":1,"contribution":0.5109},{"feature":"compromis","count":1,"contribution":0.0462},{"feature":"side","count":1,"contribution":0.0363}]}
	// {"source":"b.txt","index":0,"text":"The talks resumed in May.","label":"neutral","probabilities":{"blame_japan":0.1371,"blame_russia":0.1706,"compromise":0.0156,"neutral":0.6767},"evidence":[{"feature":"in","count":1,"contribution":0.1121},{"feature":"resum","count":1,"contribution":0.0507},{"feature":"talk","count":1,"contribution":0.0164},{"feature":"the","count":1,"contribution":0.0094}]}
	// {"source":"a.txt","summary":{"claims":2,"skipped":0,"counts":{"blame_japan":0,"blame_russia":1,"compromise":1,"neutral":0},"shares":{"blame_japan":0.0000,"blame_russia":0.5000,"compromise":0.5000,"neutral":0.0000}}}
	// {"source":"b.txt","summary":{"claims":1,"skipped":0,"counts":{"blame_japan":0,"blame_russia":0,"compromise":0,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.0000,"compromise":0.0000,"neutral":1.0000}}}
	// {"sources":2,"summary":{"claims":3,"skipped":0,"counts":{"blame_japan":0,"blame_russia":1,"compromise":1,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.3333,"compromise":0.3333,"neutral":0.3333}}}
}

// A Classifier with KeepSkipped writes the parts that are not claims too,
// as `stance classify -keep-skipped` does; the summary counts them as
// skipped either way.
func ExampleClassifier() {
	dir, err := os.MkdirTemp("", "stancebeam")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	p, s := beam.NewPipelineWithRoot()
	docs := beam.CreateList(s, []stancebeam.Document{{Source: "page.txt", Text: "Home | World | Asia\n\nMoscow refuses to meet Tokyo halfway on the islands. The talks took place in May.\n\nShare this article"}})
	c := stancebeam.Classifier{KeepSkipped: true}
	records, labeled := c.Classify(s, docs)
	model, err := c.Model.Load(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	summaries, _ := stancebeam.Summarize(s, model.Labels(), labeled)
	stancebeam.Write(s, filepath.Join(dir, "output"), 1, beam.Flatten(s, records, summaries))
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Println(err)
		return
	}

	b, err := os.ReadFile(stancebeam.ShardName(filepath.Join(dir, "output"), 0, 1))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(b))
	// Output:
	// {"source":"page.txt","index":0,"text":"Home | World | Asia","label":"skip","kind":"navigation"}
	// {"source":"page.txt","index":1,"text":"Moscow refuses to meet Tokyo halfway on the islands.","label":"blame_russia","probabilities":{"blame_japan":0.0589,"blame_russia":0.8391,"compromise":0.0223,"neutral":0.0797},"evidence":[{"feature":"@russia refus","count":1,"contribution":1.2553},{"feature":"blame→@russia","count":1,"contribution":0.8060},{"feature":"@russia","count":1,"contribution":0.2386},{"feature":"refus","count":1,"contribution":0.1426},{"feature":"refus to","count":1,"contribution":0.1367},{"feature":"meet @japan","count":1,"contribution":0.0808},{"feature":"to","count":1,"contribution":0.0426},{"feature":"the","count":1,"contribution":0.0134},{"feature":"on","count":1,"contribution":0.0017}]}
	// {"source":"page.txt","index":2,"text":"The talks took place in May.","label":"neutral","probabilities":{"blame_japan":0.0446,"blame_russia":0.0555,"compromise":0.0063,"neutral":0.8935},"evidence":[{"feature":"took place","count":1,"contribution":1.1060},{"feature":"took","count":1,"contribution":0.6120},{"feature":"place","count":1,"contribution":0.4758},{"feature":"place in","count":1,"contribution":0.3481},{"feature":"in","count":1,"contribution":0.1121},{"feature":"talk","count":1,"contribution":0.0164},{"feature":"the","count":1,"contribution":0.0094}]}
	// {"source":"page.txt","index":3,"text":"Share this article","label":"skip","kind":"widget"}
	// {"source":"page.txt","summary":{"claims":2,"skipped":2,"counts":{"blame_japan":0,"blame_russia":1,"compromise":0,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.5000,"compromise":0.0000,"neutral":0.5000}}}
}
