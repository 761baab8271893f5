package beam

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn3x1[context.Context, string, func(int, string), error](&writeTempFn{})
	register.Function1x2(shardID)
	register.DoFn4x1[context.Context, int, func(*string) bool, func(*int) bool, error](&finalizeFn{})
	register.Emitter2[int, string]()
	register.Iter1[string]()
	register.Iter1[int]()
}

// ShardName returns the name of shard i of n that [Write] gives prefix:
// ShardName("out/output", 0, 10) is "out/output-00000-of-00010.jsonl".
func ShardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
}

// Write writes lines, a PCollection<string>, to shards files named by
// [ShardName](prefix, i, shards), through Beam's file systems (a local
// path, or gs:// when the program imports the gcs file system). Each line
// goes to the shard its hash picks, followed by a newline; a line should
// hold no newline of its own.
//
// The lines never pass through the runner's shuffle: each bundle of
// workers appends its lines to a temporary file per shard beside the
// output (prefix-00003-of-00010.jsonl.<random>.tmp), and only the names
// of those files are grouped by shard. The worker that finalizes a shard
// reads its temporary files, sorts the lines in byte order, so the same
// lines always give the same files, writes the shard and removes them.
// Every shard file is written, empty if no line falls in it. A shard is
// held in memory while it is sorted: choose shards so that one fits.
// Write panics if shards is less than 1.
func Write(s beam.Scope, prefix string, shards int, lines beam.PCollection) {
	if shards < 1 {
		panic(fmt.Sprintf("beam: Write: %d shards", shards))
	}
	s = s.Scope("stancekit.Write")
	filesystem.ValidateScheme(prefix)
	temps := beam.ParDo(s, &writeTempFn{Prefix: prefix, Shards: shards}, lines)
	ids := make([]int, shards)
	for i := range ids {
		ids[i] = i
	}
	every := beam.ParDo(s, shardID, beam.CreateList(s, ids))
	grouped := beam.CoGroupByKey(s, temps, every)
	beam.ParDo0(s, &finalizeFn{Prefix: prefix, Shards: shards}, grouped)
}

// shardOf returns the shard of line among n.
func shardOf(line string, n int) int {
	h := fnv.New32a()
	io.WriteString(h, line)
	return int(h.Sum32() % uint32(n))
}

// shardID keys a shard number by itself, so that every shard gets a
// group, even one without lines.
func shardID(i int) (int, int) { return i, i }

// writeTempFn appends the lines of a bundle to one temporary file per
// shard, and emits the shard and name of each file it wrote.
type writeTempFn struct {
	// Prefix starts the name of every file.
	Prefix string `json:"prefix"`
	// Shards is the number of shards.
	Shards int `json:"shards"`

	fs    filesystem.Interface
	id    string
	files map[int]*tempFile
}

// tempFile is a temporary file being written.
type tempFile struct {
	name string
	wc   io.WriteCloser
	w    *bufio.Writer
}

func (f *writeTempFn) StartBundle(ctx context.Context, _ func(int, string)) error {
	var id [8]byte
	rand.Read(id[:])
	f.id = hex.EncodeToString(id[:])
	f.files = make(map[int]*tempFile)
	fs, err := filesystem.New(ctx, f.Prefix)
	if err != nil {
		return fmt.Errorf("beam: %s: %w", f.Prefix, err)
	}
	f.fs = fs
	return nil
}

func (f *writeTempFn) ProcessElement(ctx context.Context, line string, _ func(int, string)) error {
	shard := shardOf(line, f.Shards)
	t, ok := f.files[shard]
	if !ok {
		name := ShardName(f.Prefix, shard, f.Shards) + "." + f.id + ".tmp"
		wc, err := f.fs.OpenWrite(ctx, name)
		if err != nil {
			return fmt.Errorf("beam: %s: %w", name, err)
		}
		t = &tempFile{name: name, wc: wc, w: bufio.NewWriterSize(wc, 64<<10)}
		f.files[shard] = t
	}
	t.w.WriteString(line)
	return t.w.WriteByte('\n')
}

func (f *writeTempFn) FinishBundle(ctx context.Context, emit func(int, string)) error {
	defer f.fs.Close()
	for _, shard := range slices.Sorted(maps.Keys(f.files)) {
		t := f.files[shard]
		err := t.w.Flush()
		if cerr := t.wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("beam: %s: %w", t.name, err)
		}
		emit(shard, t.name)
	}
	f.files = nil
	return nil
}

// finalizeFn writes the file of one shard from its temporary files.
type finalizeFn struct {
	// Prefix starts the name of every file.
	Prefix string `json:"prefix"`
	// Shards is the number of shards.
	Shards int `json:"shards"`
}

func (f *finalizeFn) ProcessElement(ctx context.Context, shard int, temps func(*string) bool, _ func(*int) bool) error {
	name := ShardName(f.Prefix, shard, f.Shards)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("beam: %s: %w", name, err)
	}
	defer fs.Close()

	var names, lines []string
	var temp string
	for temps(&temp) {
		b, err := readAll(ctx, fs, temp)
		if err != nil {
			return err
		}
		for line := range bytes.Lines(b) {
			lines = append(lines, string(line[:len(line)-1]))
		}
		names = append(names, temp)
	}
	slices.Sort(lines)

	wc, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("beam: %s: %w", name, err)
	}
	w := bufio.NewWriterSize(wc, 1<<20)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("beam: %s: %w", name, err)
	}
	if r, ok := fs.(filesystem.Remover); ok {
		for _, n := range names {
			r.Remove(ctx, n) // a leftover temporary file is harmless
		}
	}
	return nil
}

// readAll reads the file name of fs.
func readAll(ctx context.Context, fs filesystem.Interface, name string) ([]byte, error) {
	rc, err := fs.OpenRead(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("beam: %s: %w", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("beam: %s: %w", name, err)
	}
	return b, nil
}
