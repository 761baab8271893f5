package corpus

import (
	"errors"
	"fmt"
)

// ErrUnknownID is returned (wrapped) by [Merge] for a record that only
// refers to a claim by its id — it has no text, or a null label — when no
// claim has that id.
var ErrUnknownID = errors.New("corpus: no claim with this id")

// MergeStats counts what [Merge] did.
type MergeStats struct {
	// Relabeled counts the base claims whose label an override changed.
	Relabeled int
	// Removed counts the base claims an override with a null label took
	// out.
	Removed int
	// Added counts the overrides that are claims of their own.
	Added int
}

// Merge applies a user's label file to base claims, such as the built-in
// corpus ([Claims]): an override whose id is that of a base claim replaces
// that claim's label (and its text, if the override has one), and one
// with a null label ("label": null in the file, an empty Label here)
// removes it; every other override is a claim of its own, added after the
// base claims. So a user who adds a label can move built-in claims to it:
//
//	{"id": "extra-495", "label": "blame_china"}
//	{"id": "003-050", "label": null}
//
// An override that refers to an id no base claim has, without text or
// without a label, is an error wrapping [ErrUnknownID]; a later override
// of the same id wins. base and overrides are not changed.
func Merge(base, overrides []Claim) ([]Claim, MergeStats, error) {
	var st MergeStats
	index := make(map[string]int, len(base))
	for i, c := range base {
		if c.ID != "" {
			index[c.ID] = i
		}
	}
	out := make([]Claim, len(base), len(base)+len(overrides))
	copy(out, base)
	removed := make([]bool, len(base))
	changed := make([]bool, len(base))
	for k, o := range overrides {
		i, ok := index[o.ID]
		if o.ID == "" || !ok {
			if o.Text == "" || o.Label == "" {
				return nil, st, fmt.Errorf("override %d (id %q): %w", k+1, o.ID, ErrUnknownID)
			}
			out = append(out, o)
			st.Added++
			continue
		}
		if o.Label == "" {
			removed[i] = true
			continue
		}
		removed[i] = false
		if o.Text != "" {
			out[i].Text = o.Text
		}
		if o.Source != "" {
			out[i].Source = o.Source
		}
		changed[i] = changed[i] || o.Label != base[i].Label
		out[i].Label = o.Label
	}
	kept := out[:0]
	for i, c := range out {
		if i < len(base) && removed[i] {
			st.Removed++
			continue
		}
		if i < len(base) && changed[i] && c.Label != base[i].Label {
			st.Relabeled++
		}
		kept = append(kept, c)
	}
	return kept, st, nil
}
