package annotate

import (
	"slices"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// update returns the starting model updated with the user's records.
func (s *Server) update(recs []corpus.Claim) (*stance.Model, error) {
	if len(recs) == 0 {
		return s.base, nil
	}
	return s.base.Update(recs)
}

// rank returns the place of every claim in the informative order: the
// claims of remaining as [stance.Model.Suggest] ranks them, most
// informative first, then those it leaves out (near-duplicates, claims
// without a feature the model knows, claims labeled already) in reading
// order.
func (s *Server) rank(m *stance.Model, remaining []int) []int {
	texts := make([]string, len(remaining))
	for i, c := range remaining {
		texts[i] = s.claims[c].Text
	}
	pos := make([]int, len(s.claims))
	for i := range pos {
		pos[i] = len(s.claims) + i
	}
	for k, sg := range m.Suggest(texts, len(texts)) {
		pos[remaining[sg.Index]] = k
	}
	return pos
}

// changed counts a decision, and starts an update of the model every
// s.every of them. The caller holds s.mu.
func (s *Server) changed() {
	s.changes++
	if s.changes >= s.every {
		s.changes = 0
		s.startUpdate()
	}
}

// startUpdate starts updating the model in the background, or asks the
// update that is running to run again. The caller holds s.mu.
func (s *Server) startUpdate() {
	switch {
	case s.closed:
	case s.busy:
		s.again = true
	default:
		s.busy = true
		s.wg.Go(s.updateLoop)
	}
}

// updateLoop updates the model with the records of the moment, ranks the
// claims left and cross-validates the records, then installs the results;
// it runs again if another update was asked for meanwhile. Requests are
// served during the work, with the model before it.
func (s *Server) updateLoop() {
	for {
		s.mu.Lock()
		if s.closed {
			s.busy = false
			s.mu.Unlock()
			return
		}
		s.again = false
		recs := slices.Clone(s.st.recs)
		remaining := s.remaining()
		s.mu.Unlock()

		m, err := s.update(recs)
		var pos []int
		if err == nil {
			pos = s.rank(m, remaining)
		}
		sc := s.crossValidate(recs)

		s.mu.Lock()
		s.trainErr = err
		if err == nil {
			s.model, s.rankPos, s.trained = m, pos, len(recs)
		}
		if sc != nil {
			s.score = sc
		}
		if !s.again || s.closed {
			s.busy = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
	}
}

// crossValidate returns the cross-validated macro-F1 of the user's
// records: [CrossValidationFolds]-fold, once, seed 1, each fold's model
// the starting model updated with the other folds. It returns nil for
// fewer than CrossValidationFolds records or a single label.
func (s *Server) crossValidate(recs []corpus.Claim) *score {
	if len(recs) < CrossValidationFolds {
		return nil
	}
	labels := make(map[string]bool)
	for _, r := range recs {
		labels[r.Label] = true
	}
	if len(labels) < 2 {
		return nil
	}
	rep, err := stance.CrossValidate(recs, stance.CV{
		Folds: CrossValidationFolds, Seed: 1,
		Train: func(c []corpus.Claim) (stance.Classifier, error) { return s.base.Update(c) },
	})
	if err != nil {
		return nil
	}
	return &score{MacroF1: rep.MacroF1, Claims: len(recs)}
}
