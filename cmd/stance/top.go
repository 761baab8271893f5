package main

import (
	"bufio"
	"fmt"

	"github.com/stancekit/stancekit/stance"
)

func runTop(e env, args []string) error {
	fs := newFlags(e, "top", "[-model FILE] [-n 20]",
		"Prints, for each label, the features that push hardest toward it, with their weight\n"+
			"(log-odds against the mean of all labels) and their count in that label's training claims.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train'")
	n := fs.Int("n", 20, fmt.Sprintf("features per label, 1 to %d", maxTop))
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if *n < 1 || *n > maxTop {
		return usageError("-n must be between 1 and %d", maxTop)
	}
	if err := e.checkStdout(); err != nil {
		return err
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	top := m.Top(*n)
	w := bufio.NewWriter(e.stdout) // keeps the first write error for Flush
	fmt.Fprintf(w, "%-8s  %6s  %5s  %s\n", "label", "weight", "count", "feature")
	for _, l := range m.Labels() {
		fmt.Fprintf(w, "%s\n", l)
		for _, ev := range top[l] {
			fmt.Fprintf(w, "%-8s  %+6.2f  %5d  %s\n", "", ev.Contribution, ev.Count, ev.Feature)
		}
	}
	return w.Flush()
}

// maxTop is the largest -n of top: more features than any model holds.
const maxTop = stance.MaxFeatures
