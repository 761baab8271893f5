package record_test

import (
	"fmt"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

func Example() {
	model, err := stance.Train(corpus.Claims())
	if err != nil {
		fmt.Println(err)
		return
	}
	labels := model.Labels()
	counts := make(map[string]int)
	var b []byte
	for i, claim := range []string{"Moscow refuses.", "The talks resumed in May."} {
		p := model.Classify(claim)
		p.Evidence = p.Evidence[:min(1, len(p.Evidence))] // shorter lines for the example
		b = record.AppendClaim(b, "a.txt", i, &p, labels)
		counts[p.Label]++
	}
	b = record.AppendSummary(b, "a.txt", counts, 0, labels)
	b = record.AppendTotals(b, 1, counts, 0, labels)
	fmt.Print(string(b))
	// Output:
	// {"source":"a.txt","index":0,"text":"Moscow refuses.","label":"blame_russia","probabilities":{"blame_japan":0.0554,"blame_russia":0.8453,"compromise":0.0070,"neutral":0.0923},"evidence":[{"feature":"@russia refus","count":1,"contribution":1.2553}]}
	// {"source":"a.txt","index":1,"text":"The talks resumed in May.","label":"neutral","probabilities":{"blame_japan":0.1371,"blame_russia":0.1706,"compromise":0.0156,"neutral":0.6767},"evidence":[{"feature":"in","count":1,"contribution":0.1121}]}
	// {"source":"a.txt","summary":{"claims":2,"skipped":0,"counts":{"blame_japan":0,"blame_russia":1,"compromise":0,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.5000,"compromise":0.0000,"neutral":0.5000}}}
	// {"sources":1,"summary":{"claims":2,"skipped":0,"counts":{"blame_japan":0,"blame_russia":1,"compromise":0,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.5000,"compromise":0.0000,"neutral":0.5000}}}
}
