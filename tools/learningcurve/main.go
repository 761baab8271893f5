// Learningcurve measures how fast a new label is learned next to the
// built-in corpus, with and without semi-supervised training on
// unlabeled texts, and whether labeling the claims `stance suggest`
// ranks first beats labeling random ones. It prints Markdown tables and,
// with -svg, writes a chart of both curves.
//
//	go run ./tools/learningcurve -svg docs/learning-curve.svg
//
// The data are in stance/testdata/newlabels: for each of three new
// labels, 40 training claims and a held-apart test set (25 claims of the
// label, written to be unlike the training claims, and 25 of the
// built-in labels), and a pool of 300 gold-labeled claims for the
// active-learning curve.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

var labels = []string{"blame_china", "blame_us", "economic_opportunity"}

func main() {
	dir := flag.String("data", "stance/testdata/newlabels", "`directory` of the label files")
	svg := flag.String("svg", "", "write the chart to `FILE`")
	flag.Parse()
	read := func(name string) []corpus.Claim {
		f, err := os.Open(filepath.Join(*dir, name))
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		c, err := corpus.ReadJSONL(f)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		return c
	}
	pool := read("pool.jsonl")
	var poolTexts []string
	for _, c := range pool {
		poolTexts = append(poolTexts, c.Text)
	}
	sizes := []int{5, 10, 20, 40}
	curves := map[string][]float64{}

	fmt.Println("New labels next to the built-in corpus: macro-F1 on each label's held-apart test set (its 25 claims and 25 of the built-in labels) and the new label's recall, by the number of its training claims.")
	fmt.Println()
	fmt.Println("| label | training | 5 | 10 | 20 | 40 |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	for _, l := range labels {
		train, test := read(l+"_train.jsonl"), read(l+"_test.jsonl")
		for _, em := range []bool{false, true} {
			var f1s, recalls []string
			for _, n := range sizes {
				var opts []stance.Option
				if em {
					opts = append(opts, stance.WithUnlabeled(poolTexts))
				}
				m, err := stance.Train(slices.Concat(corpus.Claims(), train[:n]), opts...)
				if err != nil {
					log.Fatal(err)
				}
				r, err := stance.Evaluate(m, test)
				if err != nil {
					log.Fatal(err)
				}
				f1s = append(f1s, fmt.Sprintf("%.3f", r.MacroF1))
				recalls = append(recalls, fmt.Sprintf("%.2f", r.PerLabel[l].Recall))
				if !em {
					curves[l] = append(curves[l], r.PerLabel[l].Recall)
				}
			}
			how := "labeled claims"
			if em {
				how = "+ 300 unlabeled (EM)"
			}
			fmt.Printf("| `%s` | %s | %s |\n", l, how, strings.Join(pairs(f1s, recalls), " | "))
		}
	}
	fmt.Println()
	fmt.Println("Each cell: macro-F1 / recall of the new label.")
	fmt.Println()

	// Active learning: three new labels at once, from 5 claims each, then
	// claims of the pool labeled 10 at a time, chosen by suggest or at
	// random; scored on the three test sets together.
	var seed, test []corpus.Claim
	for _, l := range labels {
		seed = append(seed, read(l + "_train.jsonl")[:5]...)
		test = append(test, read(l+"_test.jsonl")...)
	}
	steps := []int{0, 10, 20, 40, 80, 120}
	fmt.Println("Labeling the pool (300 claims of the three new labels and the built-in ones) 10 claims at a time, from 5 claims of each new label: macro-F1 on the three test sets together.")
	fmt.Println()
	fmt.Printf("| claims labeled | %s |\n", strings.Join(intStrings(steps), " | "))
	fmt.Printf("| --- |%s\n", strings.Repeat(" --- |", len(steps)))
	for _, how := range []string{"suggest", "random"} {
		scores := activeCurve(seed, pool, test, steps, how == "suggest")
		curves[how] = scores
		var cells []string
		for _, s := range scores {
			cells = append(cells, fmt.Sprintf("%.3f", s))
		}
		fmt.Printf("| %s | %s |\n", how, strings.Join(cells, " | "))
	}
	if *svg != "" {
		if err := os.WriteFile(*svg, []byte(chart(sizes, steps, curves)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func pairs(a, b []string) []string {
	out := make([]string, len(a))
	for i := range a {
		out[i] = a[i] + " / " + b[i]
	}
	return out
}

func intStrings(x []int) []string {
	out := make([]string, len(x))
	for i, v := range x {
		out[i] = fmt.Sprint(v)
	}
	return out
}

// activeCurve labels pool claims 10 at a time, chosen by the model's
// Suggest ranking or at random (seed 1), and returns the macro-F1 on test
// after each step of steps.
func activeCurve(seed, pool, test []corpus.Claim, steps []int, suggest bool) []float64 {
	labeled := slices.Clone(seed)
	left := slices.Clone(pool)
	if !suggest {
		rng := rand.New(rand.NewPCG(1, 0))
		rng.Shuffle(len(left), func(i, j int) { left[i], left[j] = left[j], left[i] })
	}
	var out []float64
	done := 0
	for _, target := range steps {
		for done < target {
			m, err := stance.Train(slices.Concat(corpus.Claims(), labeled))
			if err != nil {
				log.Fatal(err)
			}
			k := min(10, target-done)
			var pick []int
			if suggest {
				texts := make([]string, len(left))
				for i, c := range left {
					texts[i] = c.Text
				}
				for _, s := range m.Suggest(texts, k) {
					pick = append(pick, s.Index)
				}
				// Near-duplicates and unknown claims may leave fewer.
				for i := 0; len(pick) < k && i < len(left); i++ {
					if !slices.Contains(pick, i) {
						pick = append(pick, i)
					}
				}
			} else {
				for i := range k {
					pick = append(pick, i)
				}
			}
			slices.Sort(pick)
			for j := len(pick) - 1; j >= 0; j-- {
				labeled = append(labeled, left[pick[j]])
				left = slices.Delete(left, pick[j], pick[j]+1)
			}
			done += k
		}
		m, err := stance.Train(slices.Concat(corpus.Claims(), labeled))
		if err != nil {
			log.Fatal(err)
		}
		r, err := stance.Evaluate(m, test)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, r.MacroF1)
	}
	return out
}

// chart draws the two curves as one self-contained SVG: the new labels'
// recall by training claims, and macro-F1 by claims labeled with suggest
// and at random.
func chart(sizes, steps []int, curves map[string][]float64) string {
	const w, h, pad = 300.0, 180.0, 36.0
	colors := []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7"}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" font-family="sans-serif" font-size="11">`+"\n", 2*w+40, h+60)
	panel := func(x0 float64, title, xlabel, ylabel string, xs []int, names []string) {
		fmt.Fprintf(&b, `<g transform="translate(%g,20)">`+"\n", x0)
		fmt.Fprintf(&b, `<text x="%g" y="-6" font-weight="bold">%s</text>`+"\n", pad, title)
		fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#333"/><line x1="%g" y1="0" x2="%g" y2="%g" stroke="#333"/>`+"\n", pad, h-pad, w, h-pad, pad, pad, h-pad)
		maxX := float64(xs[len(xs)-1])
		px := func(v int) float64 { return pad + (w-pad-10)*float64(v)/maxX }
		py := func(v float64) float64 { return (h - pad) * (1 - v) }
		for _, t := range []float64{0, 0.5, 1} {
			fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="end">%.1f</text>`+"\n", pad-4, py(t)+4, t)
		}
		for _, v := range xs {
			fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle">%d</text>`+"\n", px(v), h-pad+14, v)
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle">%s</text>`+"\n", (pad+w)/2, h-pad+28, xlabel)
		fmt.Fprintf(&b, `<text transform="translate(8,%g) rotate(-90)" text-anchor="middle">%s</text>`+"\n", (h-pad)/2, ylabel)
		for i, name := range names {
			var pts []string
			for k, v := range curves[name] {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(xs[k]), py(v)))
			}
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title></polyline>`+"\n", colors[i], strings.Join(pts, " "), name)
			fmt.Fprintf(&b, `<text x="%g" y="%g" fill="%s">%s</text>`+"\n", pad+8, h-pad+44+float64(i)*12-float64(len(names))*12+(-10), colors[i], name)
		}
		b.WriteString("</g>\n")
	}
	panel(0, "Recall of a new label", "training claims of the label", "recall", sizes, labels)
	panel(w+40, "Labeling suggested vs random claims", "pool claims labeled", "macro-F1", steps, []string{"suggest", "random"})
	b.WriteString("</svg>\n")
	return b.String()
}
