// Gendefault writes the default model (stance.Train on the embedded
// corpus) for stance.Default to embed:
//
//	go generate ./stance
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func main() {
	out := flag.String("o", "default.json", "output file")
	flag.Parse()
	m, err := stance.Train(corpus.Claims())
	if err == nil {
		var b bytes.Buffer
		if err = m.Save(&b); err == nil {
			err = os.WriteFile(*out, b.Bytes(), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendefault:", err)
		os.Exit(1)
	}
}
