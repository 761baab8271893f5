package main

import (
	"fmt"
)

func runTop(e env, args []string) error {
	fs := newFlags(e, "top", "[-model FILE] [-n 20]",
		"Prints, for each label, the features that push hardest toward it, with their weight\n"+
			"(log-odds against the mean of all labels) and their count in that label's training claims.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train'")
	n := fs.Int("n", 20, "features per label")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if *n < 1 {
		return usageError("-n must be at least 1")
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	top := m.Top(*n)
	for _, l := range m.Labels() {
		fmt.Fprintf(e.stdout, "%s\n", l)
		for _, ev := range top[l] {
			fmt.Fprintf(e.stdout, "  %+6.2f  %5d  %s\n", ev.Contribution, ev.Count, ev.Feature)
		}
	}
	return nil
}
