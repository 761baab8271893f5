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
// acts as an informative prior on the feature likelihoods. Probabilities
// come from the log-space scores through log-sum-exp, and the evidence of
// a decision is computed from the same weights.
//
// [CrossValidate] measures a model honestly: stratified k-fold with
// repeats and a seed, or leave-one-source-out, returning accuracy,
// macro-F1, per-label scores and a confusion matrix.
package stance
