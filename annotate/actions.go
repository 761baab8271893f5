package annotate

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/stancekit/stancekit/corpus"
)

// Orders of the claims, the "order" parameter of the page and its
// actions.
const (
	orderInformative = "informative" // the model's ranking, most informative first
	orderReading     = "reading"     // the order of Config.Claims
)

// maxFormBytes bounds the body of an action.
const maxFormBytes = 64 << 10

// A requestError is an action's error with its HTTP status.
type requestError struct {
	code int
	msg  string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &requestError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.servePage)
	mux.HandleFunc("GET /claim", s.action(func(r *http.Request) (string, string, error) {
		return r.FormValue("id"), "", nil
	}))
	mux.HandleFunc("POST /decide", s.action(func(r *http.Request) (string, string, error) {
		msg, err := s.decide(r.PostFormValue("id"), r.PostFormValue("label"))
		return "", msg, err
	}))
	mux.HandleFunc("POST /skip", s.action(func(r *http.Request) (string, string, error) {
		msg, err := s.skip(r.PostFormValue("id"))
		return "", msg, err
	}))
	mux.HandleFunc("POST /undo", s.action(func(r *http.Request) (string, string, error) {
		return s.undo()
	}))
	mux.HandleFunc("POST /label", s.action(func(r *http.Request) (string, string, error) {
		msg, err := s.addLabel(r.PostFormValue("id"), r.PostFormValue("name"))
		return "", msg, err
	}))
	return mux
}

// action returns the handler of an action: do runs under the server's
// lock and returns the claim to show ("" for the next one in the order
// asked for) and a message; the response is the part of the page that
// shows them.
func (s *Server) action(do func(r *http.Request) (show, msg string, err error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "annotate: bad form: "+err.Error(), http.StatusBadRequest)
			return
		}
		order := orderOf(r.FormValue("order"))
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			http.Error(w, errClosed, http.StatusServiceUnavailable)
			return
		}
		show, msg, err := do(r)
		var snap *snapshot
		if err == nil {
			snap, err = s.snapshot(order, show, msg)
		}
		s.mu.Unlock()
		if err != nil {
			code := http.StatusInternalServerError
			if re := (*requestError)(nil); errors.As(err, &re) {
				code = re.code
			}
			http.Error(w, err.Error(), code)
			return
		}
		s.render(w, "work", s.view(snap))
	}
}

// orderOf returns the order named by the parameter o.
func orderOf(o string) string {
	if o == orderReading {
		return orderReading
	}
	return orderInformative
}

// claim returns the index of the claim with id.
func (s *Server) claim(id string) (int, error) {
	if id == "" {
		return 0, badRequest("annotate: missing claim id")
	}
	i, ok := s.byID[id]
	if !ok {
		return 0, &requestError{http.StatusNotFound, fmt.Sprintf("annotate: no claim with id %q", id)}
	}
	return i, nil
}

// decide labels the claim id with label: it appends a record to the
// output file, or, for a claim labeled already with another label,
// changes its record. Deciding the label a claim has already changes
// nothing, so that a decision sent twice (two tabs, a repeated request)
// is written once.
func (s *Server) decide(id, label string) (string, error) {
	i, err := s.claim(id)
	if err != nil {
		return "", err
	}
	l, err := corpus.NormalizeLabel(label)
	if err != nil || !slices.Contains(s.labels, l) {
		return "", badRequest("annotate: unknown label %q", label)
	}
	c := s.claims[i]
	rec := corpus.Claim{ID: c.ID, Source: c.Source, Text: c.Text, Label: l}
	j := s.st.find(id)
	switch {
	case j >= 0 && s.st.recs[j].Label == l:
		return fmt.Sprintf("Already labeled %s.", l), nil
	case j >= 0:
		old, line := s.st.recs[j], s.st.lines[j]
		if err := s.st.set(j, &rec); err != nil {
			return "", err
		}
		s.history = append(s.history, change{id: id, line: line, rec: old})
		s.changed()
		return fmt.Sprintf("Changed %s to %s.", old.Label, l), nil
	default:
		if err := s.st.add(rec); err != nil {
			return "", err
		}
		s.history = append(s.history, change{id: id})
		s.changed()
		return fmt.Sprintf("Labeled %s.", l), nil
	}
}

// skip puts the claim id after the claims not skipped: it comes back
// when they are all labeled.
func (s *Server) skip(id string) (string, error) {
	if _, err := s.claim(id); err != nil {
		return "", err
	}
	s.skips++
	s.history = append(s.history, change{id: id, skip: true, skipped: s.skipped[id]})
	s.skipped[id] = s.skips
	return "Skipped.", nil
}

// undo takes back the last decision or skip of this server and returns
// its claim, to be shown again.
func (s *Server) undo() (string, string, error) {
	if len(s.history) == 0 {
		return "", "Nothing to undo.", nil
	}
	ch := s.history[len(s.history)-1]
	if ch.skip {
		if ch.skipped == 0 {
			delete(s.skipped, ch.id)
		} else {
			s.skipped[ch.id] = ch.skipped
		}
		s.history = s.history[:len(s.history)-1]
		return ch.id, "Undid the skip.", nil
	}
	j := s.st.find(ch.id)
	if j < 0 { // cannot happen: only undo removes records, last first
		s.history = s.history[:len(s.history)-1]
		return ch.id, "Nothing to undo.", nil
	}
	label := s.st.recs[j].Label
	var err error
	if ch.line == nil {
		err = s.st.set(j, nil)
	} else {
		err = s.st.restore(j, ch.line, ch.rec)
	}
	if err != nil {
		return "", "", err
	}
	s.history = s.history[:len(s.history)-1]
	s.changed()
	if ch.line == nil {
		return ch.id, fmt.Sprintf("Undid %s.", label), nil
	}
	return ch.id, fmt.Sprintf("Undid %s: back to %s.", label, ch.rec.Label), nil
}

// addLabel offers the label name, if it is new, and labels the claim id
// with it, if id is given.
func (s *Server) addLabel(id, name string) (string, error) {
	l, err := s.canonical(name)
	if err != nil {
		return "", badRequest("annotate: %v", err)
	}
	msg := ""
	if !slices.Contains(s.labels, l) {
		if err := s.offer(l); err != nil {
			return "", badRequest("annotate: %v", err)
		}
		msg = fmt.Sprintf("Added the label %s. ", l)
	}
	if id == "" {
		return msg, nil
	}
	m, err := s.decide(id, l)
	return msg + m, err
}

// next returns the claim to show next in order: the first claim without
// a record that was not skipped, or else the first skipped, or -1.
func (s *Server) next(order string) int {
	best, bestKey := -1, 0
	skipped, skippedKey := -1, 0
	for i, c := range s.claims {
		if s.st.find(c.ID) >= 0 {
			continue
		}
		if k, ok := s.skipped[c.ID]; ok {
			if skipped < 0 || k < skippedKey {
				skipped, skippedKey = i, k
			}
			continue
		}
		key := i
		if order == orderInformative {
			key = s.rankPos[i]
		}
		if best < 0 || key < bestKey {
			best, bestKey = i, key
		}
	}
	if best < 0 {
		return skipped
	}
	return best
}
