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
//	stance suggest [-model FILE | -data FILE]... [-n 20] [-label L] [-lines] [FILE|-]...
//	stance report [-model FILE] [-o FILE] [-title T] [-eval] [-lines] [FILE|-]...
//	stance annotate [-model FILE] [-data FILE]... [-labels a,b,c] [-o mine.jsonl] [-addr 127.0.0.1:0] FILE...
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

// errStdoutClosed is the error of a command that writes to a closed
// standard output.
var errStdoutClosed = errors.New("standard output is closed: nothing written there would be kept (use -o FILE, or redirect it)")

// closedOutput stands for a standard output that was closed when the
// process started.
type closedOutput struct{}

func (closedOutput) Write([]byte) (int, error) { return 0, errStdoutClosed }

// checkStdout returns an error if the standard output is closed. Commands
// that write there call it before any work.
func (e env) checkStdout() error {
	if _, closed := e.stdout.(closedOutput); closed {
		return errStdoutClosed
	}
	return nil
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
	{"suggest", "list the claims most worth labeling next", runSuggest},
	{"report", "write an HTML report: texts highlighted by stance, profiles as charts", runReport},
	{"annotate", "label claims in the browser, the most useful first, with the model's suggestion", runAnnotate},
}

func main() {
	removeTempsOnSignal()
	var stdout io.Writer = os.Stdout
	if stdoutWasClosed() {
		stdout = closedOutput{}
	}
	os.Exit(run(os.Args[1:], env{os.Stdin, stdout, os.Stderr}))
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

// noteStdin tells, on standard error, that a command reads standard
// input when that is a terminal: a command waiting silently looks hung.
func noteStdin(e env, name string) {
	if f, ok := e.stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprintf(e.stderr, "stance %s: reading standard input (end with Ctrl-D; 'stance %s -h' for help)\n", name, name)
		}
	}
}
