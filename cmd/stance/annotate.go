package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/stancekit/stancekit/annotate"
	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/stance"
)

func runAnnotate(e env, args []string) error {
	fs := newFlags(e, "annotate", "[-model FILE] [-data FILE]... [-labels a,b,c] [-o mine.jsonl] [-addr 127.0.0.1:0] FILE...",
		"Serves a page for labeling the claims of the texts (plain text or saved HTML pages) in\n"+
			"the browser, the most informative first, with the model's suggestion and evidence; it\n"+
			"prints the URL to open, with a session token in it. Every decision is appended to -o at\n"+
			"once; started again on the same file, it shows only the claims not labeled there. The\n"+
			"model (the one trained on the embedded corpus, or -model, plus the -data files) is\n"+
			"updated with the labels every few decisions. It serves on the loopback interface; an\n"+
			"-addr on another interface lets anyone who can reach it and has the URL label.\n"+
			"Ctrl-C stops it. Train on the file with 'stance train -data mine.jsonl -o model.json'.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train' (default: trained on the embedded corpus)")
	var data repeated
	fs.Var(&data, "data", "JSON Lines label `FILE` the model learns from before the session (repeatable)")
	labelList := fs.String("labels", "", "the labels to offer, comma-separated, in the order of the keys 1 to 9 (default: the model's)")
	out := fs.String("o", "mine.jsonl", "JSON Lines `FILE` the decisions are written to")
	addr := fs.String("addr", "127.0.0.1:0", "`address` to serve on; port 0 picks a free port")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("no texts to label: give one or more files (or - for the standard input)")
	}
	labels, err := labelsFlag(*labelList)
	if err != nil {
		return err
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "addr" })
	loopback, err := isLoopback(*addr)
	if err != nil {
		return usageError("-addr %q: %v", *addr, err)
	}
	if !loopback && !explicit {
		return usageError("refusing to serve on %s, not the loopback interface, without an explicit -addr", *addr)
	}
	for _, d := range data {
		if sameFile(d, *out) {
			return usageError("-o %s is also a -data file: the model would learn its labels twice", *out)
		}
	}
	if err := e.checkStdout(); err != nil {
		return err
	}
	claims, texts, err := readAnnotateClaims(e, fs.Args())
	if err != nil {
		return err
	}
	m, err := annotateModel(*modelPath, data)
	if err != nil {
		return err
	}
	s, err := annotate.New(annotate.Config{Model: m, Claims: claims, Labels: labels, Output: *out})
	if err != nil {
		return err
	}
	defer s.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if !loopback {
		fmt.Fprintf(e.stderr, "stance annotate: warning: serving on %s, not only on the loopback interface: anyone who can reach it and has the URL can read the texts and label them\n", ln.Addr())
	}
	fmt.Fprintf(e.stderr, "stance annotate: %d claims from %s; decisions go to %s. Open this URL (Ctrl-C stops):\n", len(claims), plural(texts, "text"), *out)
	fmt.Fprintf(e.stdout, "http://%s/?token=%s\n", ln.Addr(), s.Token())

	// Stop on a signal, after the requests under way: every decision is
	// on disk by the time it is answered.
	signal.Reset(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP) // no temporary files to remove here
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "stance annotate: stopped; the decisions are in %s\n", *out)
	return nil
}

// plural returns n and noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// labelsFlag returns the labels of -labels, checked.
func labelsFlag(list string) ([]string, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	var labels []string
	seen := make(map[string]bool)
	for _, l := range strings.Split(list, ",") {
		n, err := corpus.NormalizeLabel(l)
		if err != nil {
			return nil, usageError("-labels: %v", err)
		}
		if seen[corpus.LabelKey(n)] {
			return nil, usageError("-labels: %q given twice", n)
		}
		seen[corpus.LabelKey(n)] = true
		labels = append(labels, n)
	}
	return labels, nil
}

// isLoopback reports whether addr serves on the loopback interface only.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// readAnnotateClaims reads the claims of each input, a saved page or plain text.
// A sentence found again (the same text) is labeled once, where it first
// comes. It returns the claims and the number of texts.
func readAnnotateClaims(e env, inputs []string) ([]annotate.Claim, int, error) {
	var claims []annotate.Claim
	seen := make(map[string]bool)
	for _, name := range inputs {
		p, err := readPage(e, name)
		if err != nil {
			return nil, 0, err
		}
		for _, c := range annotate.Claims(name, p.Text()) {
			if !seen[c.ID] {
				seen[c.ID] = true
				claims = append(claims, c)
			}
		}
	}
	if len(claims) == 0 {
		return nil, 0, fmt.Errorf("no claims in %s", strings.Join(inputs, ", "))
	}
	return claims, len(inputs), nil
}

// readPage reads one input, a file or the standard input ("-"), as a
// saved page or plain text.
func readPage(e env, name string) (*page.Page, error) {
	r := e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	p, err := page.Read(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// annotateModel returns the model a session starts from: the model at
// path (or the one trained on the embedded corpus) with the data files.
func annotateModel(path string, data []string) (*stance.Model, error) {
	if path == "" {
		// The built-in corpus with the files merged in, as for train:
		// records with a built-in claim's id relabel or remove it.
		claims, _, err := (&modelFlags{data: data}).claims()
		if err != nil {
			return nil, err
		}
		return stance.Train(claims)
	}
	user, err := readAllLabels(data)
	if err != nil {
		return nil, err
	}
	for i, c := range user {
		if c.Text == "" {
			return nil, fmt.Errorf("-data: record %d (id %q) relabels or removes a built-in claim, which a saved -model cannot take back: leave out -model", i+1, c.ID)
		}
	}
	m, err := loadModel(path)
	if err != nil || len(user) == 0 {
		return m, err
	}
	return m.Update(user)
}
