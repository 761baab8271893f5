// Benchgen writes synthetic claims for throughput benchmarks: pieces of
// the corpus sentences recombined into claims of about 24 words, one a
// line, deterministic for a given seed.
//
//	go run ./tools/benchgen -n 1000000 -seed 1 > claims.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/stancekit/stancekit/corpus"
)

func main() {
	n := flag.Int("n", 1_000_000, "number of claims")
	seed := flag.Uint64("seed", 1, "random seed")
	words := flag.Int("words", 24, "words per claim")
	flag.Parse()
	if *n < 0 || *words < 1 {
		fmt.Fprintln(os.Stderr, "benchgen: -n must be non-negative and -words positive")
		os.Exit(2)
	}
	var pool [][]string
	for _, c := range corpus.Claims() {
		pool = append(pool, strings.Fields(c.Text))
	}
	rng := rand.New(rand.NewPCG(*seed, 0))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	var line []string
	for range *n {
		line = line[:0]
		// Splice runs of words from random sentences until the claim
		// is long enough, so every claim reads like corpus prose.
		for len(line) < *words {
			s := pool[rng.IntN(len(pool))]
			start := rng.IntN(len(s))
			end := min(len(s), start+1+rng.IntN(12))
			line = append(line, s[start:end]...)
		}
		fmt.Fprintln(w, strings.Join(line[:*words], " "))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}
