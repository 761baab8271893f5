package annotate

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"slices"

	"github.com/stancekit/stancekit/stance"
)

var (
	//go:embed page.html.tmpl
	pageSource string
	//go:embed page.css
	pageCSS string
	//go:embed page.js
	pageJS string
)

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"f2":     func(x float64) string { return fmt.Sprintf("%.2f", x) },
	"pct":    func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"signed": func(x float64) string { return fmt.Sprintf("%+.2f", x) },
}).Parse(pageSource))

// snapshot is what a response shows, taken under the server's lock.
type snapshot struct {
	order, msg string
	claim      int    // the claim shown, or -1
	label      string // its record's label, if it has one
	labels     []string
	counts     []count
	labeled    int
	score      *score
	model      *stance.Model
	trained    int
	trainErr   error
	updating   bool
}

// count is the number of records of a label.
type count struct {
	Name string
	N    int
}

// snapshot takes what the response shows: the claim show, or the next
// claim in order if show is empty. The caller holds s.mu.
func (s *Server) snapshot(order, show, msg string) (*snapshot, error) {
	i := -1
	if show != "" {
		var err error
		if i, err = s.claim(show); err != nil {
			return nil, err
		}
	} else {
		i = s.next(order)
	}
	snap := &snapshot{
		order: order, msg: msg, claim: i, labels: slices.Clone(s.labels),
		score: s.score, model: s.model, trained: s.trained, trainErr: s.trainErr, updating: s.busy,
	}
	if i >= 0 {
		if j := s.st.find(s.claims[i].ID); j >= 0 {
			snap.label = s.st.recs[j].Label
		}
	}
	n := make(map[string]int)
	for _, r := range s.st.recs {
		n[r.Label]++
	}
	for _, l := range s.labels {
		snap.counts = append(snap.counts, count{l, n[l]})
	}
	for _, c := range s.claims {
		if s.st.find(c.ID) >= 0 {
			snap.labeled++
		}
	}
	return snap, nil
}

// view is the part of the page that every action redraws.
type view struct {
	Order    string
	Message  string
	Labeled  int
	Total    int
	Claim    *claimView
	Counts   []count
	Score    *score
	Folds    int
	Model    string // what the model was updated with
	Announce string // read out by screen readers after an action
}

// claimView is a claim as the page shows it.
type claimView struct {
	ID, Source    string
	Number, Of    int // its position in its source, from 1, and the claims there
	Before, After string
	Segments      []segment
	Label         string // its record's label, if it has one
	Suggestion    string
	SuggestionP   float64
	Labels        []labelView // the labels offered
	Others        []labelView // the model's labels that are not offered
	EvidenceFor   string
	Evidence      []stance.Evidence
}

// labelView is a label button, or a label of the model not offered.
type labelView struct {
	Key       string // "1" to "9", or ""
	Name      string
	P         float64
	Known     bool // the model knows the label: P is its probability
	Suggested bool
	Chosen    bool // the claim's record has the label
}

// view builds the view of snap: it classifies and highlights the claim,
// outside the server's lock.
func (s *Server) view(snap *snapshot) *view {
	v := &view{
		Order: snap.order, Message: snap.msg, Labeled: snap.labeled, Total: len(s.claims),
		Counts: snap.counts, Score: snap.score, Folds: CrossValidationFolds,
	}
	switch {
	case snap.trainErr != nil:
		v.Model = "The model could not be updated: " + snap.trainErr.Error()
	case snap.trained == 0:
		v.Model = "The starting model: none of your labels yet."
	default:
		v.Model = fmt.Sprintf("Updated with %d of your labels.", snap.trained)
	}
	if snap.updating {
		v.Model += " Updating…"
	}
	if snap.claim < 0 {
		v.Announce = fmt.Sprintf("%sAll %d claims are labeled.", spaced(snap.msg), len(s.claims))
		return v
	}
	c := s.claims[snap.claim]
	p := snap.model.Classify(c.Text)
	cv := &claimView{
		ID: c.ID, Source: c.Source, Number: c.Position + 1, Of: max(s.sources[c.Source], c.Position+1),
		Before: c.Before, After: c.After, Label: snap.label, EvidenceFor: p.Label,
		Segments: s.hl.segments(c.Text, p.Evidence), Evidence: p.Evidence,
	}
	for k, l := range snap.labels {
		prob, known := p.Probabilities[l]
		lv := labelView{Name: l, P: prob, Known: known, Chosen: l == snap.label}
		if k < 9 {
			lv.Key = fmt.Sprint(k + 1)
		}
		if known && (cv.Suggestion == "" || prob > cv.SuggestionP) {
			cv.Suggestion, cv.SuggestionP = l, prob
		}
		cv.Labels = append(cv.Labels, lv)
	}
	for i := range cv.Labels {
		cv.Labels[i].Suggested = cv.Labels[i].Name == cv.Suggestion
	}
	for _, l := range snap.model.Labels() {
		if !slices.Contains(snap.labels, l) {
			cv.Others = append(cv.Others, labelView{Name: l, P: p.Probabilities[l], Known: true})
		}
	}
	v.Claim = cv
	v.Announce = fmt.Sprintf("%sClaim %d of %d in %s: %s", spaced(snap.msg), cv.Number, cv.Of, c.Source, c.Text)
	if cv.Suggestion != "" {
		v.Announce += fmt.Sprintf(" Suggested: %s, %.0f percent.", cv.Suggestion, 100*cv.SuggestionP)
	}
	if cv.Label != "" {
		v.Announce += " Labeled " + cv.Label + "."
	}
	return v
}

// spaced returns msg followed by a space, or "".
func spaced(msg string) string {
	if msg == "" {
		return ""
	}
	return msg + " "
}

// pageData is the whole page.
type pageData struct {
	Nonce, Token, Order string
	CSS                 template.CSS
	JS                  template.JS
	View                *view
}

// servePage serves the whole page.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	order := orderOf(r.URL.Query().Get("order"))
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, errClosed, http.StatusServiceUnavailable)
		return
	}
	snap, err := s.snapshot(order, "", "")
	s.mu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	nonce := rand.Text()
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'nonce-"+nonce+"'; style-src 'nonce-"+nonce+
		"'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	s.render(w, "page", &pageData{
		Nonce: nonce, Token: s.token, Order: order,
		CSS: template.CSS(pageCSS), JS: template.JS(pageJS), View: s.view(snap),
	})
}

// render writes the template name with data as an HTML response.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := pageTmpl.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "annotate: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}
