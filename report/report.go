// Package report writes a stance report: one self-contained HTML page
// that shows each text with its sentences highlighted in the colour of
// their predicted label, the evidence behind each decision on hover or
// keyboard focus, the stance profile of each text as a stacked bar, a
// chart comparing all texts, and optionally the cross-validation of the
// model as a confusion heat map.
//
// The page has no external scripts, fonts or styles: it opens offline and
// can be mailed. It is built with html/template, so text from the input
// can never run as script or break the page.
package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/stance"
)

// A Document is one text of a report.
type Document struct {
	// Name heads the text in the report: its title, or a file name.
	Name string
	// Author and Date, if set, are shown under the name: what a page
	// says of itself (see [page.Page]).
	Author, Date string
	// Text is plain text; paragraphs are separated by blank lines. The
	// parts that are not claims (see [page.Parts]) are shown, greyed,
	// but not classified and not counted.
	Text string
}

// Options change what a report shows.
type Options struct {
	// Title heads the page; empty means "Stance report".
	Title string
	// Lines makes each non-empty line one claim instead of splitting
	// sentences; nothing is skipped.
	Lines bool
	// Eval, if set, adds the evaluation of the model: per-label scores and
	// the confusion matrix as a heat map.
	Eval *stance.Report
	// Evidence is the number of features shown for each claim; 0 means 5.
	Evidence int
}

//go:embed report.html.tmpl
var pageTemplate string

var pageTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":    func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"f2":     func(x float64) string { return fmt.Sprintf("%.2f", x) },
	"f3":     func(x float64) string { return fmt.Sprintf("%.3f", x) },
	"add":    func(a, b int) int { return a + b },
	"mul60":  func(a int) int { return 60 * a },
	"add2":   func(x, width float64) float64 { return x + width/2 }, // the middle of a bar
	"scale":  func(x float64) float64 { return 8 * x },              // chart: percent → px (800 px = 100%)
	"mul100": func(x float64) float64 { return 100 * x },
}).Parse(pageTemplate))

// Write classifies every document with m and writes the report to w.
// The same model, documents and options always give the same bytes.
func Write(w io.Writer, m *stance.Model, docs []Document, opt Options) error {
	v := newView(m, opt)
	for i, d := range docs {
		v.add(m, i, d, opt)
	}
	v.layout()
	if opt.Eval != nil {
		v.Eval = newEvalView(opt.Eval, v.Labels)
	}
	bw := bufio.NewWriter(w)
	if err := pageTmpl.Execute(bw, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// tocMin is the number of texts from which a report gets a table of
// contents.
const tocMin = 4

// view is the data of the page template.
type view struct {
	Title  string
	Labels []labelView
	Docs   []docView
	TOC    bool // list the texts, each with its profile bar, at the top
	Chart  chartView
	Eval   *evalView
}

// labelView is a label with its presentation.
type labelView struct {
	Name, Class string
	Color, Tint string // bar colour, highlight background
	Line        string // underline style: a cue that does not rely on colour
	Total       int    // claims with this label over all documents
}

// docView is one document.
type docView struct {
	ID, Name     string
	Author, Date string
	Paragraphs   [][]claimView
	Claims       int
	Skipped      int
	Shares       []shareView
}

// claimView is one classified claim, or a part that is not a claim.
type claimView struct {
	Skip                   bool   // not a claim: shown, not classified
	Kind                   string // what a skipped part is
	ID, Text, Label, Class string
	Prob                   float64
	Probs                  []shareView
	Evidence               []stance.Evidence
}

// shareView is one label's part of a document or a claim, with its
// place in a stacked bar of width 100.
type shareView struct {
	Label, Class string
	Count        int
	Share, X     float64
}

// chartView compares the documents: one stacked bar each.
type chartView struct {
	Height int
	Rows   []chartRow
}

type chartRow struct {
	ID     string // the text's section
	Name   string
	Y      int
	Claims int
	Shares []shareView
}

// Okabe–Ito colours, distinguishable with the common forms of colour
// blindness, with light tints for highlighting text, and underline styles
// as a second cue.
var (
	builtin = map[string]int{stance.BlameRussia: 0, stance.BlameJapan: 1, stance.Compromise: 2, stance.Neutral: 3}
	palette = []struct{ color, tint, line string }{
		{"#D55E00", "#F7D5BF", "solid"},  // vermillion
		{"#0072B2", "#BFDCEC", "dashed"}, // blue
		{"#009E73", "#BFE7DC", "double"}, // bluish green
		{"#8C8C8C", "#F0F0F0", "dotted"}, // grey
		{"#E69F00", "#F9E7BF", "solid"},  // orange
		{"#56B4E9", "#D5ECF9", "dashed"}, // sky blue
		{"#CC79A7", "#F2DDE9", "double"}, // reddish purple
		{"#F0E442", "#FBF8CF", "dotted"}, // yellow
	}
)

func newView(m *stance.Model, opt Options) *view {
	v := &view{Title: opt.Title}
	if v.Title == "" {
		v.Title = "Stance report"
	}
	next := len(builtin)
	for i, l := range m.Labels() {
		p, ok := builtin[l]
		if !ok {
			p, next = next%len(palette), next+1
		}
		c := palette[p]
		v.Labels = append(v.Labels, labelView{
			Name: l, Class: fmt.Sprintf("l%d", i), Color: c.color, Tint: c.tint, Line: c.line,
		})
	}
	return v
}

var blank = regexp.MustCompile(`\n[ \t\r\f\v]*\n`)

// paragraphs returns the parts of a text grouped by paragraph.
func paragraphs(text string, lines bool) [][]page.Part {
	var out [][]page.Part
	if lines {
		for _, para := range blank.Split(text, -1) {
			var ps []page.Part
			for _, l := range features.Lines(para) {
				ps = append(ps, page.Part{Text: l})
			}
			if len(ps) > 0 {
				out = append(out, ps)
			}
		}
		return out
	}
	sc := page.NewScanner(strings.NewReader(text))
	last := -1
	for sc.Scan() {
		if sc.Para() != last || len(out) == 0 {
			out = append(out, nil)
			last = sc.Para()
		}
		out[len(out)-1] = append(out[len(out)-1], sc.Part())
	}
	return out
}

// add classifies one document.
func (v *view) add(m *stance.Model, i int, d Document, opt Options) {
	doc := docView{ID: fmt.Sprintf("doc-%d", i+1), Name: d.Name, Author: d.Author, Date: d.Date}
	counts := make([]int, len(v.Labels))
	nev := opt.Evidence
	if nev == 0 {
		nev = 5
	}
	for _, parts := range paragraphs(d.Text, opt.Lines) {
		var pv []claimView
		for _, part := range parts {
			if part.Skip {
				pv = append(pv, claimView{Skip: true, Kind: part.Kind, Text: part.Text})
				doc.Skipped++
				continue
			}
			c := part.Text
			p := m.Classify(c)
			k := v.labelIndex(p.Label)
			counts[k]++
			cv := claimView{
				ID: fmt.Sprintf("%s-c%d", doc.ID, doc.Claims+1), Text: c, Label: p.Label,
				Class: v.Labels[k].Class, Prob: p.Probabilities[p.Label],
				Evidence: p.Evidence[:min(nev, len(p.Evidence))],
			}
			for _, l := range v.Labels {
				cv.Probs = append(cv.Probs, shareView{Label: l.Name, Class: l.Class, Share: p.Probabilities[l.Name]})
			}
			pv = append(pv, cv)
			doc.Claims++
		}
		doc.Paragraphs = append(doc.Paragraphs, pv)
	}
	x := 0.0
	for k, l := range v.Labels {
		s := shareView{Label: l.Name, Class: l.Class, Count: counts[k], X: x}
		if doc.Claims > 0 {
			s.Share = float64(counts[k]) / float64(doc.Claims)
		}
		x += 100 * s.Share
		doc.Shares = append(doc.Shares, s)
		v.Labels[k].Total += counts[k]
	}
	v.Docs = append(v.Docs, doc)
}

func (v *view) labelIndex(l string) int {
	for i, x := range v.Labels {
		if x.Name == l {
			return i
		}
	}
	return 0 // unreachable: predictions use the model's labels
}

// layout places the comparison chart's rows.
func (v *view) layout() {
	const rowHeight = 48
	v.TOC = len(v.Docs) >= tocMin
	for i, d := range v.Docs {
		v.Chart.Rows = append(v.Chart.Rows, chartRow{ID: d.ID, Name: d.Name, Y: i * rowHeight, Claims: d.Claims, Shares: d.Shares})
	}
	v.Chart.Height = len(v.Docs) * rowHeight
}

// evalView is the evaluation section.
type evalView struct {
	Method            string
	Accuracy, MacroF1 float64
	Scores            []scoreView
	Cells             []cellView
	Size              int // side of the heat map, in cells
	ECE               float64
	Bins              []binView // the reliability diagram
}

// binView is one bar of the reliability diagram, in a 200×200 plot:
// X and Width place the bin, Y and Height the share of its predictions
// that were right, Dot the height of their mean confidence.
type binView struct {
	X, Width, Y, Height, Dot float64
	Title                    string
}

type scoreView struct {
	Label, Class          string
	Precision, Recall, F1 float64
	Support               int
}

type cellView struct {
	X, Y, Count int
	Opacity     float64 // the cell's share of its row
	Dark        bool    // dark cell: white text
	Title       string
}

func newEvalView(r *stance.Report, labels []labelView) *evalView {
	e := &evalView{Method: r.Method, Accuracy: r.Accuracy, MacroF1: r.MacroF1, Size: len(r.Labels), ECE: r.ECE}
	for _, b := range r.Reliability {
		if b.Claims == 0 {
			continue
		}
		e.Bins = append(e.Bins, binView{
			X: 200 * b.Lo, Width: 200*(b.Hi-b.Lo) - 2, Y: 200 * (1 - b.Accuracy), Height: 200 * b.Accuracy,
			Dot:   200 * (1 - b.Confidence),
			Title: fmt.Sprintf("probability %.1f–%.1f: %d predictions, mean probability %.2f, right %.0f%%", b.Lo, b.Hi, b.Claims, b.Confidence, 100*b.Accuracy),
		})
	}
	for _, l := range r.Labels {
		s := r.PerLabel[l]
		class := ""
		for _, x := range labels {
			if x.Name == l {
				class = x.Class
			}
		}
		e.Scores = append(e.Scores, scoreView{Label: l, Class: class, Precision: s.Precision, Recall: s.Recall, F1: s.F1, Support: s.Support})
	}
	for i, row := range r.Confusion {
		total := 0
		for _, n := range row {
			total += n
		}
		for j, n := range row {
			c := cellView{X: j, Y: i, Count: n, Title: fmt.Sprintf("true %s, predicted %s: %d", r.Labels[i], r.Labels[j], n)}
			if total > 0 {
				c.Opacity = float64(n) / float64(total)
			}
			c.Dark = c.Opacity > 0.5
			e.Cells = append(e.Cells, c)
		}
	}
	return e
}
