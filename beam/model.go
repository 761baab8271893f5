package beam

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// ErrModelSource is returned by [Model.Load] when a Model holds both Data
// and a Path.
var ErrModelSource = errors.New("beam: model has both Data and Path")

// A Model names the model a pipeline classifies with. Its fields travel
// with the pipeline to the workers, which load the model in Setup. The
// zero Model is the default model, trained on the embedded corpus.
type Model struct {
	// Data holds a model written by [stance.Model.Save]. It is copied
	// into the pipeline: prefer Path for large models.
	Data []byte `json:"data,omitempty"`
	// Path names a model file written by [stance.Model.Save], read
	// through Beam's file systems: a local path, or a gs:// object when
	// the program imports Beam's gcs file system (beamx does). Every
	// worker must be able to read it.
	Path string `json:"path,omitempty"`
}

// Load returns the model m names: decoded from Data, read from Path, or
// trained on the embedded corpus when m holds neither. Load should only
// be performed with trusted data, as [stance.Load].
func (m Model) Load(ctx context.Context) (*stance.Model, error) {
	switch {
	case m.Data != nil && m.Path != "":
		return nil, ErrModelSource
	case m.Data != nil:
		model, err := stance.Load(bytes.NewReader(m.Data))
		if err != nil {
			return nil, fmt.Errorf("beam: model data: %w", err)
		}
		return model, nil
	case m.Path != "":
		fs, err := filesystem.New(ctx, m.Path)
		if err != nil {
			return nil, fmt.Errorf("beam: model %s: %w", m.Path, err)
		}
		defer fs.Close()
		r, err := fs.OpenRead(ctx, m.Path)
		if err != nil {
			return nil, fmt.Errorf("beam: model %s: %w", m.Path, err)
		}
		defer r.Close()
		model, err := stance.Load(r)
		if err != nil {
			return nil, fmt.Errorf("beam: model %s: %w", m.Path, err)
		}
		return model, nil
	}
	model, err := stance.Train(corpus.Claims())
	if err != nil {
		return nil, fmt.Errorf("beam: default model: %w", err)
	}
	return model, nil
}

// key identifies the model m names within one process.
func (m Model) key() string {
	switch {
	case m.Data != nil && m.Path != "":
		return "both"
	case m.Data != nil:
		return fmt.Sprintf("data:%x", sha256.Sum256(m.Data))
	case m.Path != "":
		return "path:" + m.Path
	}
	return "default"
}

// models holds the models loaded by this process, so that the DoFn
// instances of one worker share one copy: a Model is safe for concurrent
// use.
var models = struct {
	sync.Mutex
	m map[string]*loading
}{m: make(map[string]*loading)}

// loading is a model being loaded, or loaded, once.
type loading struct {
	load func() (*stance.Model, error)
}

// loads counts the models this process has loaded.
var loads atomic.Int64

// shared returns the model m names, loading it on first use in this
// process.
func (m Model) shared(ctx context.Context) (*stance.Model, error) {
	k := m.key()
	models.Lock()
	l, ok := models.m[k]
	if !ok {
		l = &loading{load: sync.OnceValues(func() (*stance.Model, error) {
			loads.Add(1)
			return m.Load(ctx)
		})}
		models.m[k] = l
	}
	models.Unlock()
	model, err := l.load()
	if err != nil {
		// Let a later Setup try again: the error may be transient.
		models.Lock()
		if models.m[k] == l {
			delete(models.m, k)
		}
		models.Unlock()
	}
	return model, err
}
