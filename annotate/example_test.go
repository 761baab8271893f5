package annotate_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/stancekit/stancekit/annotate"
	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// A server mounted in a program's own mux; here a client posts the
// decision the page's keys would send, and it is in the file at once.
func Example() {
	m, err := stance.Train(corpus.Claims())
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "annotate")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "mine.jsonl")

	claims := annotate.Claims("talks.txt", "Moscow refuses to meet Tokyo halfway. The talks resume in May.")
	s, err := annotate.New(annotate.Config{Model: m, Claims: claims, Output: out, Token: "secret-token"})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	mux := http.NewServeMux()
	mux.Handle("/annotate/", http.StripPrefix("/annotate", s))

	form := url.Values{"id": {claims[0].ID}, "label": {"blame_russia"}}
	r := httptest.NewRequest("POST", "/annotate/decide?token=secret-token", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code, strings.Contains(w.Body.String(), "1 of 2 labeled"))

	b, err := os.ReadFile(out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(b))
	// Output:
	// 200 true
	// {"id":"c1b2846404f1ed2e4","source":"talks.txt","text":"Moscow refuses to meet Tokyo halfway.","label":"blame_russia"}
}

// The claims of a text, with their IDs, positions and context.
func ExampleClaims() {
	text := "Talks on the islands\n\nMoscow refuses to meet Tokyo halfway. The talks resume in May."
	for _, c := range annotate.Claims("talks.txt", text) {
		fmt.Printf("%s %s #%d %q (before %q, after %q)\n", c.ID, c.Source, c.Position, c.Text, c.Before, c.After)
	}
	// Output:
	// c1b2846404f1ed2e4 talks.txt #0 "Moscow refuses to meet Tokyo halfway." (before "", after "The talks resume in May.")
	// ca3f68c5d57b2bb8d talks.txt #1 "The talks resume in May." (before "Moscow refuses to meet Tokyo halfway.", after "")
}
