// Floor is the reference line of the speed comparison: the least work a
// classifier of one claim a line must do. It reads the claims, splits
// each into tokens with the library's tokenizer (features.ScanTokens,
// which allocates nothing), and writes, for each claim, the record that
// `stance classify -lines` wrote for it (read from a file made
// beforehand), with the same pipeline shape as the command: one reader,
// a worker a processor, one writer, output in input order. No model is
// consulted: the time is reading, tokenizing and writing the same bytes.
//
//	stance classify -lines claims.txt > records.jsonl
//	go run ./tools/floor claims.txt records.jsonl > out.jsonl
//	cmp out.jsonl records.jsonl
//
// With -strings, each claim is split with features.Tokenize instead,
// which returns the tokens as a slice of new strings: the floor of a
// program written in the plain way.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/stancekit/stancekit/features"
)

// batchSize is the number of claims of a batch, as in the command.
const batchSize = 1024

// job is a batch of claims with their records.
type job struct {
	seq     int
	claims  []byte // the claims, one a line
	records []byte // their records, one a line
	out     []byte
	words   int
	sum     byte // a checksum of the lower-cased words, so that they are made
}

func main() {
	strs := flag.Bool("strings", false, "tokenize with features.Tokenize (a new string a token)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: floor [-strings] CLAIMS RECORDS > OUT")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	if *strs {
		tokenize = tokenizeStrings
	}
	if err := run(flag.Arg(0), flag.Arg(1), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(claimsPath, recordsPath string, stdout io.Writer) error {
	cf, err := os.Open(claimsPath)
	if err != nil {
		return err
	}
	defer cf.Close()
	rf, err := os.Open(recordsPath)
	if err != nil {
		return err
	}
	defer rf.Close()
	claims := bufio.NewReaderSize(cf, 1<<20)
	records := bufio.NewReaderSize(rf, 1<<20)
	w := bufio.NewWriterSize(stdout, 256<<10)

	workers := runtime.GOMAXPROCS(0)
	free := make(chan *job, 2*workers)
	for range 2 * workers {
		free <- new(job)
	}
	todo := make(chan *job, 2*workers)
	done := make(chan *job, 2*workers)
	var readErr error
	go func() {
		defer close(todo)
		for seq := 0; ; seq++ {
			j := <-free
			j.seq, j.claims, j.records = seq, j.claims[:0], j.records[:0]
			n := 0
			for ; n < batchSize; n++ {
				line, err := claims.ReadSlice('\n')
				if len(line) == 0 && err != nil {
					if err != io.EOF {
						readErr = err
					}
					break
				}
				j.claims = append(j.claims, line...)
				rec, err := records.ReadSlice('\n')
				if len(rec) == 0 {
					readErr = fmt.Errorf("%s has fewer records than %s has claims", recordsPath, claimsPath)
					break
				}
				j.records = append(j.records, rec...)
			}
			if n == 0 || readErr != nil {
				return
			}
			todo <- j
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range todo {
				j.words, j.sum = tokenize(j.claims)
				j.out = append(j.out[:0], j.records...)
				done <- j
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	pending := map[int]*job{}
	next, words := 0, 0
	var writeErr error
	for j := range done {
		pending[j.seq] = j
		for j, ok := pending[next]; ok; j, ok = pending[next] {
			delete(pending, next)
			next++
			words += j.words
			if writeErr == nil {
				_, writeErr = w.Write(j.out)
			}
			free <- j
		}
	}
	if readErr != nil {
		return readErr
	}
	if writeErr != nil {
		return writeErr
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "floor: %d words\n", words)
	return nil
}

// tokenize splits the claims of b, one a line, into tokens, and returns
// their number and a checksum of their first bytes.
var tokenize = tokenizeScan

// tokenizeScan is tokenize with features.ScanTokens.
func tokenizeScan(b []byte) (words int, sum byte) {
	var buf []byte
	for line := range bytes.Lines(b) {
		buf = features.ScanTokens(string(line), buf, func(tok []byte) {
			words++
			sum ^= tok[0]
		})
	}
	return words, sum
}

// tokenizeStrings is tokenize with features.Tokenize.
func tokenizeStrings(b []byte) (words int, sum byte) {
	for line := range bytes.Lines(b) {
		for _, tok := range features.Tokenize(string(line)) {
			words++
			sum ^= tok[0]
		}
	}
	return words, sum
}
