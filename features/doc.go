// Package features turns analytical text into the features a stance model
// reads: sentences (claims), word tokens, Snowball stems, n-grams,
// direction features (who a blaming word is about), negation scope,
// actor normalisation, and sparse count vectors.
//
// The stages are plain functions that can be used on their own:
//
//	Sentences(text) → claims
//	Tokenize(claim) → tokens
//	American(token) → American spelling
//	Stem(token)     → stem
//
// A [Vectorizer] chains them and adds n-grams, direction features,
// negation marking and a vocabulary.
package features
