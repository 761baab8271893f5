package annotate

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// DefaultRetrainEvery is the number of decisions after which the model
// is updated in the background when [Config].RetrainEvery is 0.
const DefaultRetrainEvery = 5

// CrossValidationFolds is the number of folds of the cross-validation of
// the user's labels that the page shows. It runs once there are this
// many labeled claims, of two labels or more.
const CrossValidationFolds = 5

// Errors returned by [New], wrapped with the details.
var (
	// ErrConfig reports a Config that cannot make a server: no model,
	// no claims, no output file, duplicate claim IDs or a bad label.
	ErrConfig = errors.New("annotate: invalid configuration")
)

// Config configures a [Server]. Model, Claims and Output are required.
type Config struct {
	// Model suggests a label for each claim and ranks the claims. It is
	// not changed: the server works with the model updated
	// ([stance.Model.Update]) with the records of the output file.
	Model *stance.Model
	// Claims are the claims to label, in reading order (see [Claims]).
	Claims []Claim
	// Labels are the labels offered, in the order of the keys 1 to 9;
	// nil means the model's labels. Labels of the output file's records
	// and labels added on the page are offered after them. Each must be
	// a valid label ([corpus.NormalizeLabel]).
	Labels []string
	// Output is the path of the JSON Lines file the decisions go to (see
	// the package documentation), created if missing. A file is needed
	// rather than a writer because undoing a decision rewrites it.
	Output string
	// Token is the session token every request must carry; empty means
	// a random one (see [Server.Token]).
	Token string
	// RetrainEvery is the number of decisions (undoing one counts too)
	// after which the model is updated and the claims left are ranked
	// again, in the background; 0 means [DefaultRetrainEvery].
	RetrainEvery int
}

// A Server is the labeling page and its actions: an [http.Handler] that
// any program may mount (see the package documentation). It is safe for
// concurrent use: decisions from any number of tabs and clients are
// applied one at a time.
type Server struct {
	token   string
	base    *stance.Model
	claims  []Claim
	byID    map[string]int // index of each claim
	sources map[string]int // claims per source
	every   int
	hl      *highlighter
	mux     *http.ServeMux

	mu       sync.Mutex
	st       *store
	labels   []string       // offered, in the order of the keys
	skipped  map[string]int // claim ID → when it was skipped
	skips    int
	history  []change // what undo takes back, last last
	model    *stance.Model
	rankPos  []int // rankPos[i]: place of claim i in the informative order
	trained  int   // records the model was updated with
	changes  int   // decisions since the last update was started
	busy     bool  // an update is running
	again    bool  // another update was asked for while it ran
	trainErr error
	score    *score
	closed   bool
	wg       sync.WaitGroup
}

// change is one decision or skip, as undo takes it back.
type change struct {
	id      string
	skip    bool         // a skip rather than a label
	skipped int          // for a skip: when the claim was skipped before, or 0
	line    []byte       // for a label: the claim's record before; nil if it had none
	rec     corpus.Claim // that record
}

// score is a cross-validation of the user's labels.
type score struct {
	MacroF1 float64
	Claims  int
}

// New returns a server for cfg. It opens (or creates) the output file
// and reads the records it holds: claims already labeled there are not
// shown again, and the model is updated with them. The server keeps the
// file open until [Server.Close].
//
// A Server does work in the background, in goroutines of its own: every
// cfg.RetrainEvery decisions it updates the model, ranks the claims left
// and cross-validates the labels so far, and New starts that work at
// once when the file already holds labels. Requests never wait for it.
// Call Close to wait for it and close the file.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Model == nil:
		return nil, fmt.Errorf("%w: no model", ErrConfig)
	case len(cfg.Claims) == 0:
		return nil, fmt.Errorf("%w: no claims", ErrConfig)
	case cfg.Output == "":
		return nil, fmt.Errorf("%w: no output file", ErrConfig)
	case cfg.RetrainEvery < 0:
		return nil, fmt.Errorf("%w: RetrainEvery %d is negative", ErrConfig, cfg.RetrainEvery)
	}
	s := &Server{
		token: cfg.Token, base: cfg.Model, every: cfg.RetrainEvery, hl: newHighlighter(cfg.Model),
		claims: slices.Clone(cfg.Claims), byID: make(map[string]int, len(cfg.Claims)),
		sources: make(map[string]int), skipped: make(map[string]int),
	}
	if s.every == 0 {
		s.every = DefaultRetrainEvery
	}
	if s.token == "" {
		s.token = rand.Text()
	}
	for i := range s.claims {
		c := &s.claims[i]
		if c.ID == "" {
			c.ID = ClaimID(c.Text)
		}
		if j, dup := s.byID[c.ID]; dup {
			return nil, fmt.Errorf("%w: claims %d and %d have the same ID %q", ErrConfig, j+1, i+1, c.ID)
		}
		s.byID[c.ID] = i
		s.sources[c.Source]++
	}
	labels := cfg.Labels
	if labels == nil {
		labels = cfg.Model.Labels()
	}
	for _, l := range labels {
		if err := s.offer(l); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	st, err := openStore(cfg.Output)
	if err != nil {
		return nil, err
	}
	s.st = st
	for _, r := range st.recs {
		if err := s.offer(r.Label); err != nil && !errors.Is(err, errLabelOffered) {
			st.close()
			return nil, fmt.Errorf("annotate: %s: %w", st.path, err)
		}
	}
	if s.model, err = s.update(st.recs); err != nil {
		st.close()
		return nil, fmt.Errorf("annotate: %s: %w", st.path, err)
	}
	s.trained = len(st.recs)
	s.rankPos = s.rank(s.model, s.remaining())
	s.mux = s.routes()
	if len(st.recs) > 0 {
		s.startUpdate()
	}
	return s, nil
}

// Token returns the session token: a request must carry it as the
// "token" query parameter or the X-Stance-Token header, or it is refused.
func (s *Server) Token() string { return s.token }

// Close stops the background work, waits for what is running, and closes
// the output file. Requests after Close are refused with status 503.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.close()
}

// errClosed is the answer to a request after Close.
const errClosed = "annotate: server closed"

// errLabelOffered reports a label that is offered already.
var errLabelOffered = errors.New("annotate: label offered already")

// offer adds label to the labels offered. A label that differs only in
// case from one offered or one of the model's is an error.
func (s *Server) offer(label string) error {
	l, err := s.canonical(label)
	if err != nil {
		return err
	}
	if l != label {
		return fmt.Errorf("%w: %q differs only in case from %q", corpus.ErrLabelCollision, label, l)
	}
	if slices.Contains(s.labels, l) {
		return fmt.Errorf("%w: %q", errLabelOffered, l)
	}
	if len(s.labels) >= stance.MaxLabels {
		return fmt.Errorf("%w: more than %d labels", ErrConfig, stance.MaxLabels)
	}
	s.labels = append(s.labels, l)
	return nil
}

// canonical returns label normalised, spelled as the label offered or
// known to the model that it equals but for case, if there is one.
func (s *Server) canonical(label string) (string, error) {
	l, err := corpus.NormalizeLabel(label)
	if err != nil {
		return "", err
	}
	key := corpus.LabelKey(l)
	for _, o := range slices.Concat(s.labels, s.base.Labels()) {
		if corpus.LabelKey(o) == key {
			return o, nil
		}
	}
	return l, nil
}

// remaining returns the indices of the claims without a record.
func (s *Server) remaining() []int {
	var out []int
	for i, c := range s.claims {
		if s.st.find(c.ID) < 0 {
			out = append(out, i)
		}
	}
	return out
}

// authorize returns the status and message refusing r, or 0: a request
// must carry the token, and one sent by a page of another origin (its
// Origin header or Sec-Fetch-Site says so) is refused.
func (s *Server) authorize(r *http.Request) (int, string) {
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host && o != "https://"+r.Host {
		return http.StatusForbidden, "annotate: request from another origin refused"
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return http.StatusForbidden, "annotate: request from another site refused"
	}
	tok := r.Header.Get("X-Stance-Token")
	if tok == "" {
		tok = r.URL.Query().Get("token")
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.token)) != 1 {
		return http.StatusForbidden, "annotate: missing or wrong token: open the URL the server printed"
	}
	return 0, ""
}

// ServeHTTP serves the page and its actions. Every request must carry
// the session token and come from the page's own origin; others are
// refused with status 403.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	if code, msg := s.authorize(r); code != 0 {
		http.Error(w, msg, code)
		return
	}
	s.mux.ServeHTTP(w, r)
}
