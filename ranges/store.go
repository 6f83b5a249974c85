package ranges

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"time"
)

// saved is the file a list's last good copy is kept in:
// <dir>/<source name>.json.
type saved struct {
	Source    string         `json:"source"`
	URL       string         `json:"url"`
	FetchedAt time.Time      `json:"fetched_at"`
	Prefixes  []netip.Prefix `json:"prefixes"`
}

// maxSavedBytes bounds the saved file read back.
const maxSavedBytes = 1 << 20

func savedPath(dir string, s *Source) string {
	return filepath.Join(dir, s.Name+".json")
}

// load reads s's saved copy from dir. The copy must name s and its URL
// (a copy of another source, or of a URL s no longer uses, is ignored),
// and its ranges pass the same checks as a fetched list's.
func load(dir string, s *Source) ([]netip.Prefix, time.Time, error) {
	f, err := os.Open(savedPath(dir, s))
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxSavedBytes+1))
	if err != nil {
		return nil, time.Time{}, err
	}
	if len(raw) > maxSavedBytes {
		return nil, time.Time{}, fmt.Errorf("larger than %d bytes", maxSavedBytes)
	}
	var v saved
	if err := strict(raw, &v); err != nil {
		return nil, time.Time{}, err
	}
	if v.Source != s.Name || v.URL != s.URL {
		return nil, time.Time{}, fmt.Errorf("a copy of %s (%s), not of %s (%s)", v.Source, v.URL, s.Name, s.URL)
	}
	if v.FetchedAt.IsZero() {
		return nil, time.Time{}, errors.New("no fetched_at")
	}
	ps, err := s.check(v.Prefixes)
	if err != nil {
		return nil, time.Time{}, err
	}
	return ps, v.FetchedAt, nil
}

// save writes s's list to dir, replacing the previous copy at once (a
// crash leaves the old copy or the new one, never half of one).
func save(dir string, s *Source, ps []netip.Prefix, fetchedAt time.Time) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	raw, err := json.MarshalIndent(saved{Source: s.Name, URL: s.URL, FetchedAt: fetchedAt.UTC(), Prefixes: ps}, "", "\t")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, s.Name+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename: nothing to remove
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), savedPath(dir, s))
}
