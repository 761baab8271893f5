// Package seeds finds the five raw seed files that the tests of this
// module read: the corpus articles as copied from their web pages, menus,
// bylines and captions included. They live beside the repository, in
// shared/seeds, not in it.
package seeds

import (
	"os"
	"path/filepath"
)

// Dir returns the directory of the raw seed files: shared/seeds in dir or
// in the nearest of its ancestors that holds one (../shared/seeds from the
// repository's root), or "" if there is none.
func Dir(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		d := filepath.Join(dir, "shared", "seeds")
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
