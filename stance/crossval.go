package stance

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/stancekit/stancekit/corpus"
)

// A Classifier labels claims. [*Model] is one; [CV.Train] may supply
// others, such as the [GomlBaseline], to be evaluated the same way.
type Classifier interface {
	Classify(text string) Prediction
}

// A TrainFunc trains a Classifier on labeled claims.
type TrainFunc func(claims []corpus.Claim) (Classifier, error)

// CV describes a cross-validation. The zero value is 10-fold stratified
// cross-validation, once, with seed 0, of the default model.
type CV struct {
	// Folds is the number of folds of stratified k-fold; 0 means 10.
	Folds int
	// Repeats is the number of times k-fold is run, each with a new
	// shuffle drawn from Seed; 0 means 1.
	Repeats int
	// Seed seeds the shuffles: the same seed gives the same folds.
	Seed uint64
	// BySource holds out one source at a time (leave-one-source-out)
	// instead of k-fold; Folds, Repeats and Seed are then unused.
	BySource bool
	// Extra claims join every training set and are never scored, such
	// as [corpus.ExtraClaims].
	Extra []corpus.Claim
	// Train trains the classifier under test; nil means [Train] with
	// Options.
	Train TrainFunc
	// Options are passed to Train when the Train field is nil.
	Options []Option
}

// ErrFolds is returned by CrossValidate when the claims cannot be split
// as asked.
var ErrFolds = errors.New("stance: cannot split claims into folds")

// CrossValidate evaluates a classifier on claims: it trains on all but
// one fold (plus cv.Extra), labels the held-out fold, and scores the
// pooled predictions of each repeat. Scores are averaged over repeats.
// The result depends only on the claims and cv.
func CrossValidate(claims []corpus.Claim, cv CV) (*Report, error) {
	train := cv.Train
	if train == nil {
		train = func(c []corpus.Claim) (Classifier, error) { return Train(c, cv.Options...) }
	}
	_, claims, err := labelsOf(claims) // normalised labels, as the models give them
	if err != nil {
		return nil, err
	}
	folds, method, err := cv.folds(claims)
	if err != nil {
		return nil, err
	}
	var runs []run
	for _, assign := range folds {
		r := newRun(len(claims))
		nf := slices.Max(assign) + 1
		for f := range nf {
			var trainSet []corpus.Claim
			var test []int
			for i, c := range claims {
				if assign[i] == f {
					test = append(test, i)
				} else {
					trainSet = append(trainSet, c)
				}
			}
			trainSet = append(trainSet, cv.Extra...)
			m, err := train(trainSet)
			if err != nil {
				return nil, fmt.Errorf("stance: fold %d: %w", f+1, err)
			}
			for _, i := range test {
				r.set(i, claims[i].Label, m.Classify(claims[i].Text))
			}
		}
		runs = append(runs, r)
	}
	return newReport(method, runs), nil
}

// Evaluate scores classifier c on labeled claims: a held-out test set,
// for instance. The report has one repeat.
func Evaluate(c Classifier, claims []corpus.Claim) (*Report, error) {
	if len(claims) == 0 {
		return nil, ErrNoClaims
	}
	_, claims, err := labelsOf(claims) // normalised labels, as the models give them
	if err != nil {
		return nil, err
	}
	r := newRun(len(claims))
	for i, cl := range claims {
		r.set(i, cl.Label, c.Classify(cl.Text))
	}
	return newReport("held-out test set", []run{r}), nil
}

// run holds the labels, predictions and confidences of one repeat.
type run struct {
	truth, pred []string
	conf        []float64 // probability of the predicted label
}

func newRun(n int) run {
	return run{truth: make([]string, n), pred: make([]string, n), conf: make([]float64, n)}
}

// set records the prediction p for claim i, whose true label is truth.
func (r *run) set(i int, truth string, p Prediction) {
	r.truth[i], r.pred[i], r.conf[i] = truth, p.Label, p.Probabilities[p.Label]
}

// folds returns, for each repeat, the fold of every claim.
func (cv CV) folds(claims []corpus.Claim) ([][]int, string, error) {
	if cv.BySource {
		var sources []string
		for _, c := range claims {
			if !slices.Contains(sources, c.Source) {
				sources = append(sources, c.Source)
			}
		}
		if len(sources) < 2 {
			return nil, "", fmt.Errorf("%w: leave-one-source-out needs two sources, have %d", ErrFolds, len(sources))
		}
		slices.Sort(sources)
		assign := make([]int, len(claims))
		for i, c := range claims {
			assign[i] = slices.Index(sources, c.Source)
		}
		return [][]int{assign}, fmt.Sprintf("leave-one-source-out (%d sources)", len(sources)), nil
	}
	k, repeats := cmp.Or(cv.Folds, 10), cmp.Or(cv.Repeats, 1)
	if k < 2 || k > len(claims) {
		return nil, "", fmt.Errorf("%w: %d folds for %d claims", ErrFolds, k, len(claims))
	}
	if repeats < 1 {
		return nil, "", fmt.Errorf("%w: %d repeats", ErrFolds, repeats)
	}
	labels, _, err := labelsOf(claims)
	if err != nil {
		return nil, "", err
	}
	var out [][]int
	for r := range repeats {
		rng := rand.New(rand.NewPCG(cv.Seed, uint64(r)))
		assign := make([]int, len(claims))
		next := 0
		// Deal each label's claims, shuffled, round the folds in turn,
		// continuing where the previous label stopped, so that every
		// fold gets its share of every label.
		for _, l := range labels {
			var idx []int
			for i, c := range claims {
				if c.Label == l {
					idx = append(idx, i)
				}
			}
			rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
			for _, i := range idx {
				assign[i] = next % k
				next++
			}
		}
		out = append(out, assign)
	}
	return out, fmt.Sprintf("stratified %d-fold × %d (seed %d)", k, repeats, cv.Seed), nil
}

// Scores are the scores of one label.
type Scores struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"` // claims with this label, per repeat
}

// A Report holds the scores of a cross-validation.
type Report struct {
	// Method describes the splits.
	Method string `json:"method"`
	// Labels lists the labels of the truth and the predictions, sorted;
	// it orders the rows and columns of Confusion.
	Labels []string `json:"labels"`
	// Claims is the number of claims scored in each repeat.
	Claims int `json:"claims"`
	// Repeats is the number of repeats averaged.
	Repeats int `json:"repeats"`
	// Accuracy is the share of claims labeled right, averaged over
	// repeats; AccuracySD is its standard deviation over repeats.
	Accuracy   float64 `json:"accuracy"`
	AccuracySD float64 `json:"accuracy_sd"`
	// MacroF1 is the unweighted mean of the labels' F1, averaged over
	// repeats; MacroF1SD is its standard deviation over repeats.
	MacroF1   float64 `json:"macro_f1"`
	MacroF1SD float64 `json:"macro_f1_sd"`
	// PerLabel holds each label's scores, averaged over repeats.
	PerLabel map[string]Scores `json:"per_label"`
	// Confusion[i][j] counts claims of label Labels[i] predicted as
	// Labels[j], summed over repeats.
	Confusion [][]int `json:"confusion"`
	// ECE is the expected calibration error of the predictions, pooled
	// over repeats: the mean gap between the probability given to the
	// predicted label and the share of predictions that were right, over
	// [CalibrationBins] equal-width bins of that probability, each bin
	// weighted by its share of the predictions.
	ECE float64 `json:"ece"`
	// Reliability holds the bins of the reliability diagram behind ECE,
	// lowest first; empty bins are included with zero claims.
	Reliability []Bin `json:"reliability"`
}

// CalibrationBins is the number of equal-width probability bins of
// [Report.ECE] and [Report.Reliability].
const CalibrationBins = 10

// A Bin is one bar of a reliability diagram: the predictions whose
// probability for their label lies in [Lo, Hi) (the last bin includes 1).
type Bin struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
	// Claims is the number of predictions in the bin.
	Claims int `json:"claims"`
	// Confidence is their mean probability, Accuracy the share of them
	// that were right; both are 0 for an empty bin.
	Confidence float64 `json:"confidence"`
	Accuracy   float64 `json:"accuracy"`
}

// newReport scores the runs.
func newReport(method string, runs []run) *Report {
	var labels []string
	for _, r := range runs {
		labels = union(labels, union(uniq(r.truth), uniq(r.pred)))
	}
	K := len(labels)
	rep := &Report{
		Method: method, Labels: labels, Claims: len(runs[0].truth), Repeats: len(runs),
		PerLabel: make(map[string]Scores, K), Confusion: make([][]int, K),
	}
	for i := range rep.Confusion {
		rep.Confusion[i] = make([]int, K)
	}
	var accs, f1s []float64
	sums := make([]Scores, K)
	for _, r := range runs {
		conf := make([][]int, K)
		for i := range conf {
			conf[i] = make([]int, K)
		}
		correct := 0
		for i := range r.truth {
			t, p := slices.Index(labels, r.truth[i]), slices.Index(labels, r.pred[i])
			conf[t][p]++
			rep.Confusion[t][p]++
			if t == p {
				correct++
			}
		}
		accs = append(accs, float64(correct)/float64(len(r.truth)))
		var macro float64
		for c := range K {
			s := scoresOf(conf, c)
			macro += s.F1
			sums[c].Precision += s.Precision
			sums[c].Recall += s.Recall
			sums[c].F1 += s.F1
			sums[c].Support = s.Support
		}
		f1s = append(f1s, macro/float64(K))
	}
	n := float64(len(runs))
	for c, l := range labels {
		rep.PerLabel[l] = Scores{Precision: sums[c].Precision / n, Recall: sums[c].Recall / n, F1: sums[c].F1 / n, Support: sums[c].Support}
	}
	rep.Accuracy, rep.AccuracySD = meanSD(accs)
	rep.MacroF1, rep.MacroF1SD = meanSD(f1s)
	rep.Reliability, rep.ECE = reliability(runs)
	return rep
}

// reliability bins the predictions of runs by confidence and returns the
// bins and the expected calibration error.
func reliability(runs []run) ([]Bin, float64) {
	bins := make([]Bin, CalibrationBins)
	right := make([]int, CalibrationBins)
	total := 0
	for i := range bins {
		bins[i].Lo, bins[i].Hi = float64(i)/CalibrationBins, float64(i+1)/CalibrationBins
	}
	for _, r := range runs {
		for i, c := range r.conf {
			b := min(int(c*CalibrationBins), CalibrationBins-1)
			if b < 0 || math.IsNaN(c) {
				b = 0
			}
			bins[b].Claims++
			bins[b].Confidence += c
			if r.truth[i] == r.pred[i] {
				right[b]++
			}
			total++
		}
	}
	var ece float64
	for i := range bins {
		b := &bins[i]
		if b.Claims == 0 {
			continue
		}
		b.Confidence /= float64(b.Claims)
		b.Accuracy = float64(right[i]) / float64(b.Claims)
		ece += float64(b.Claims) / float64(total) * math.Abs(b.Confidence-b.Accuracy)
	}
	return bins, ece
}

// scoresOf returns the scores of label c from a confusion matrix.
func scoresOf(conf [][]int, c int) Scores {
	var tp, predicted, actual int
	for i := range conf {
		predicted += conf[i][c]
		actual += conf[c][i]
	}
	tp = conf[c][c]
	s := Scores{Support: actual}
	if predicted > 0 {
		s.Precision = float64(tp) / float64(predicted)
	}
	if actual > 0 {
		s.Recall = float64(tp) / float64(actual)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func meanSD(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, 0
	}
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(sd / float64(len(x)-1))
}

func uniq(x []string) []string {
	out := slices.Clone(x)
	slices.Sort(out)
	return slices.Compact(out)
}

// String formats the report as plain-text tables: the overall scores,
// the per-label scores, and the confusion matrix (rows: true label,
// columns: predicted label).
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d claims\n", r.Method, r.Claims)
	if r.Repeats > 1 {
		fmt.Fprintf(&b, "accuracy  %.3f ± %.3f\nmacro-F1  %.3f ± %.3f (mean ± SD over repeats)\n", r.Accuracy, r.AccuracySD, r.MacroF1, r.MacroF1SD)
	} else {
		fmt.Fprintf(&b, "accuracy  %.3f\nmacro-F1  %.3f\n", r.Accuracy, r.MacroF1)
	}
	fmt.Fprintf(&b, "ECE       %.3f (%d bins)\n\n", r.ECE, CalibrationBins)
	w := 5
	for i, l := range r.Labels {
		w = max(w, len(fmt.Sprintf("[%d] %s", i+1, l)))
	}
	fmt.Fprintf(&b, "%-*s  precision  recall     f1  support\n", w, "label")
	for _, l := range r.Labels {
		s := r.PerLabel[l]
		fmt.Fprintf(&b, "%-*s  %9.3f  %6.3f  %5.3f  %7d\n", w, l, s.Precision, s.Recall, s.F1, s.Support)
	}
	fmt.Fprintf(&b, "\nconfusion (rows: true, columns: predicted)\n%-*s", w, "")
	for i := range r.Labels {
		fmt.Fprintf(&b, "  %6s", fmt.Sprintf("[%d]", i+1))
	}
	b.WriteByte('\n')
	for i, l := range r.Labels {
		fmt.Fprintf(&b, "%-*s", w, fmt.Sprintf("[%d] %s", i+1, l))
		for _, n := range r.Confusion[i] {
			fmt.Fprintf(&b, "  %6d", n)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
