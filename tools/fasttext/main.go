// Fasttext writes the training claims of the default model (the embedded
// corpus) in fastText's supervised format, one claim a line with its
// label as __label__name, for the speed comparison in the README:
//
//	go run ./tools/fasttext > train.txt
//	fasttext supervised -input train.txt -output ft -wordNgrams 2 -epoch 25 -thread 1
//	fasttext predict-prob ft.bin claims.txt > labels.txt
//
// fastText splits its input on white space, so each claim is written as
// the library's tokens (features.Tokenize: lower-cased words, no
// punctuation), as fastText's own examples prepare their data. The
// claims to label are given as they are: the comparison is of speed.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	for _, c := range corpus.Claims() {
		fmt.Fprintf(w, "__label__%s %s\n", c.Label, strings.Join(features.Tokenize(c.Text), " "))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "fasttext:", err)
		os.Exit(1)
	}
}
