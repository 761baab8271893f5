// Command stance labels the claims of texts about Russia–Japan relations
// by stance, trains and evaluates stance models, and shows what they
// learned. It is a thin layer over the stancekit packages.
//
// Usage:
//
//	stance classify [-model FILE] [-lines] [-format jsonl|tsv|text] [-summary] [FILE|-]...
//	stance train [-data FILE]... [-no-builtin] [options] -o FILE
//	stance eval [-data FILE]... [-no-builtin] [-model FILE] [-folds 10] [-repeats 5] [-seed 1] [-by-source] [-test FILE] [-json]
//	stance top [-model FILE] [-n 20]
//	stance report [-model FILE] [-o FILE] [-title T] [-eval] [-lines] [FILE|-]...
//
// Run "stance COMMAND -h" for the flags of a command. Without -model,
// commands use the model trained on the embedded corpus. The exit status
// is 0 on success, 2 on a usage error and 1 on any other error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// errUsage marks errors that are the caller's misuse of the command line.
var errUsage = errors.New("usage error")

// usageError returns an error that exits with status 2.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, args...)...)
}

// env is what a command may touch: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand.
type command struct {
	name, synopsis string
	run            func(e env, args []string) error
}

var commands = []command{
	{"classify", "label the claims of texts", runClassify},
	{"train", "train a model and write it to a file", runTrain},
	{"eval", "cross-validate, or score a labeled test file", runEval},
	{"top", "show the most informative features of each label", runTop},
	{"report", "write an HTML report: texts highlighted by stance, profiles as charts", runReport},
}

func main() {
	os.Exit(run(os.Args[1:], env{os.Stdin, os.Stdout, os.Stderr}))
}

// run executes the command line args and returns the exit status.
func run(args []string, e env) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "stance: internal error: %v\n", r)
			status = exitError
		}
	}()
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(e, args[1:])
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "stance %s: %v\n", c.name, err)
			return exitUsage
		default:
			fmt.Fprintf(e.stderr, "stance %s: %v\n", c.name, err)
			return exitError
		}
	}
	fmt.Fprintf(e.stderr, "stance: unknown command %q\n", args[0])
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: stance COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.synopsis)
	}
	fmt.Fprintln(w, "\nRun 'stance COMMAND -h' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(e env, name, args, doc string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: stance %s %s\n\n%s\n\nflags:\n", name, args, doc)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning flag errors into usage errors. -h prints
// the usage to standard output.
func parse(e env, fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard) // errors are reported once, by run
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return err
	}
	if err != nil {
		return fmt.Errorf("%w: %v (see 'stance %s -h')", errUsage, err, fs.Name())
	}
	return nil
}
