// Package annotate serves a page for labeling claims in the browser, one
// at a time, the most informative first, with the model's suggestion and
// its evidence, and writes every decision at once to a JSON Lines label
// file that [stance.Train] (or "stance train -data") reads.
//
// A [Server] is a [net/http.Handler], so any program can mount it; the
// "stance annotate" command only wires flags to it:
//
//	s, err := annotate.New(annotate.Config{Model: m, Claims: claims, Output: "mine.jsonl"})
//	// ...
//	defer s.Close()
//	mux.Handle("/annotate/", http.StripPrefix("/annotate", s))
//	// open /annotate/?token=<s.Token()>
//
// Mount it at a path ending in a slash: the page reaches its actions by
// relative URLs.
//
// # The page
//
// The page shows one claim with the claims before and after it, its
// source and position, the label the model suggests with the
// probability of every label, and the words behind the model's decision
// highlighted. Keys 1 to 9 choose a label, Enter accepts the suggestion,
// s skips (the claim comes back after the others), u undoes the last
// decision or skip, n adds a new label by name and labels the claim with
// it; every action is also a button. The page shows how many claims are
// labeled, the records per label and the cross-validated macro-F1 of the
// labels so far. The claims come most informative first — the ranking
// of [stance.Model.Suggest], near-duplicates and claims without a known
// feature last — or in reading order.
//
// The page is embedded in the package and built with html/template: it
// loads no external script, font or style, and the text of a claim is
// never run as script. It sends a Content-Security-Policy that allows
// only its own inline script and style.
//
// # The output file
//
// Every decision is a JSON Lines record with the fields id, source, text
// and label, as [corpus.WriteJSONL] writes them:
//
//	{"id":"c1b2846404f1ed2e4","source":"talks.txt","text":"Moscow refuses to meet Tokyo halfway.","label":"blame_russia"}
//
// A new decision is appended and the file synced before the server
// answers, so a crash or a closed tab loses nothing. Changing a label or
// undoing a decision rewrites the file atomically (a temporary file
// beside it, synced, renamed into place). A decision on a claim that
// has a record with the same label writes nothing, so a decision sent
// twice — from two tabs, or a repeated request — is written once.
// Records of the file that are not among the claims are kept, and count
// among the user's labels. Started again on the same file, a server does
// not show the claims it holds. Only one server should write a file at a
// time.
//
// # Requests
//
// The page is GET / (the parameter "order" is "informative", the
// default, or "reading"). Its actions, which any client with the token
// may send too, answer with the HTML of the part of the page they
// change, showing the claim to label next in that order:
//
//	GET  /claim   the claim "id", or the next claim
//	POST /decide  label the claim "id" with "label"
//	POST /skip    skip the claim "id"
//	POST /undo    take back the last decision or skip, and show its claim
//	POST /label   add the label "name", and label the claim "id" with it if given
//
// A bad request is answered with status 400 (an unknown label, a bad
// label name), 404 (an unknown claim) or 405 (a wrong method), and a
// request after [Server.Close] with 503.
//
// # Security
//
// Every request must carry the session token, as the query parameter
// "token" (the URL to open) or the header X-Stance-Token (the page's own
// requests); a request without it, or from a page of another origin (by
// its Origin or Sec-Fetch-Site header), is refused with status 403.
// Serve on the loopback interface unless others must reach it: anyone
// with the URL can label.
//
// # Background work
//
// The server updates the model in its own goroutines, because it was
// asked to serve: after every few decisions ([Config].RetrainEvery) it
// updates the starting model with all the records ([stance.Model.Update],
// not a new training), ranks the claims left again, and cross-validates
// the records ([CrossValidationFolds]-fold, each fold's model the
// starting model updated with the other folds). Requests never wait for
// it: they use the model of the last update. [Server.Close] waits for
// the work and closes the file.
package annotate
