// Package stance trains naive-Bayes stance models on labeled claims and
// labels new claims, with the probability of every label and the evidence
// behind each decision.
//
// Labels are strings taken from the training data: the four of the
// embedded corpus ([BlameRussia], [BlameJapan], [Compromise], [Neutral])
// or any others a user's label file holds.
//
// The model is multinomial naive Bayes with Lidstone smoothing, computed
// in log space, or its complement variant (Rennie et al., 2003), with an
// empirical or uniform class prior and an optional domain lexicon that
// acts as an informative prior on the feature likelihoods. Claims blaming
// one side also train, actors swapped, the label blaming the other
// ([WithSwap]); a label known from few claims is weighted up
// ([WithBalance]). [Train] calibrates the model on out-of-fold scores of
// the claims of real texts ([WithCalibration]): a bias per label, a
// temperature, and a recalibration of the chosen label's probability.
// The evidence of a decision is computed from the same calibrated
// weights.
//
// [CrossValidate] measures a model honestly: stratified k-fold with
// repeats and a seed, or leave-one-source-out, returning accuracy,
// macro-F1, per-label scores, a confusion matrix and the calibration
// error with its reliability bins. [EvaluateBehavior] runs a behavioral
// test suite, and [NewScorecard] gathers both. [Model.Suggest] and
// [Model.Likely] rank claims for labeling.
package stance
