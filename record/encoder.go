package record

import (
	"strconv"

	"github.com/stancekit/stancekit/stance"
)

// An Encoder writes the claim records of one model's [stance.Result]s:
// the same bytes as [AppendClaim] writes for the same decisions, with
// the JSON text of every label and feature prepared once, so that a
// record costs little more than copying. An Encoder is safe for
// concurrent use.
type Encoder struct {
	labels [][]byte // `,"label":"x"` of each label
	keys   [][]byte // `"x":` of each label, with the comma before all but the first
	feats  []byte   // `{"feature":"f","count":` of every feature, one after another
	offs   []uint32 // feature i is feats[offs[i]:offs[i+1]]
}

// NewEncoder returns an Encoder for the results of m.
func NewEncoder(m *stance.Model) *Encoder {
	labels := m.Labels()
	e := &Encoder{labels: make([][]byte, len(labels)), keys: make([][]byte, len(labels))}
	for i, l := range labels {
		e.labels[i] = appendString([]byte(`,"label":`), l)
		e.keys[i] = appendKey(nil, i, l)
	}
	n := m.NumFeatures()
	e.offs = make([]uint32, n+1)
	for i := range n {
		e.feats = append(e.feats, `{"feature":`...)
		e.feats = appendString(e.feats, ClipFeature(m.Feature(i)))
		e.feats = append(e.feats, `,"count":`...)
		e.offs[i+1] = uint32(len(e.feats))
	}
	return e
}

// AppendClaim appends the claim record of r, the decision on text, claim
// number index of source, to dst and returns the extended buffer, as
// [AppendClaim] does for the same decision as a Prediction.
func (e *Encoder) AppendClaim(dst []byte, source string, index int, text string, r *stance.Result) []byte {
	b := appendHead(dst, source, index, text)
	b = append(b, e.labels[r.Label]...)
	if r.Unknown {
		b = append(b, `,"unknown":true`...)
	}
	b = append(b, `,"probabilities":{`...)
	for i, key := range e.keys {
		b = append(b, key...)
		b = AppendFixed4(b, r.Probabilities[i])
	}
	b = append(b, `},"evidence":[`...)
	for i, ev := range r.Evidence {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e.feats[e.offs[ev.Feature]:e.offs[ev.Feature+1]]...)
		b = strconv.AppendInt(b, int64(ev.Count), 10)
		b = append(b, `,"contribution":`...)
		b = AppendFixed4(b, ev.Contribution)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}
