package webhookverify

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points Caddy's data directory (caddy.AppDataDir) at a
// temporary directory for the whole package: routes of presets whose
// provider publishes its source ranges save the fetched list there
// (source_ranges.go), and with network a test must not write into the
// home directory of whoever runs it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hookgate-webhookverify-data-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
