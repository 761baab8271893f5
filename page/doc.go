// Package page reads what analysts collect — a saved web page or text
// copied from one — and separates the claims from everything else.
//
// [Read] takes plain text or a saved HTML page, told apart by content:
// from HTML it extracts the main text with a content-extraction library
// (codeberg.org/readeck/go-readability), drops scripts, styles, menus,
// banners and comments, and keeps the paragraphs and the page's title,
// author and date as a [Page].
//
// [Parts] splits plain text into sentences and lines in reading order and
// marks the ones that are not claims — titles, headings, bylines,
// datelines, captions and photo credits, navigation, share, print and
// comment widgets, tag lists, lists of related articles and a cut-off
// last fragment — as skipped, naming what each is. [Claims] returns the
// rest. A [Scanner] does the same on a stream, in bounded memory, and
// [Open] returns one over what may be either: a saved page through Read,
// plain text streamed — as `stance classify` reads a file.
//
// The body sentences come out exactly as [features.Sentences] gives them
// for a paragraph; what is skipped is decided from signals of form and
// position, not from lists of known strings: a missing final
// punctuation mark, a short line standing alone, a high share of
// capitalised words, the first line of a text, menu separators such as
// «|» and «»», the vocabulary of page widgets (share, print, comment,
// subscribe) addressed to the reader, date and "By …" patterns, "Photo:"
// and "©" credits, runs of short lines, and repeated lines.
package page
