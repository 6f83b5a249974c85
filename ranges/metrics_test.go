package ranges

import (
	"os"
	"regexp"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// TestRegister: registering again (a reload, a second route) is no
// error, and every hookgate_ranges_* metric the shipped alert rules use
// is one this package exports.
func TestRegister(t *testing.T) {
	reg := prometheus.NewRegistry()
	for range 2 {
		if err := Register(reg); err != nil {
			t.Fatal(err)
		}
	}
	if err := Register(nil); err != nil {
		t.Fatal(err)
	}
	NewList(GitHub, "", nil, nil) // sets the gauges for github
	metrics.refreshes.WithLabelValues(GitHub.Name).Add(0)
	metrics.failures.WithLabelValues(GitHub.Name).Add(0)
	metrics.changes.WithLabelValues(GitHub.Name).Add(0)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	for _, f := range families {
		exported[f.GetName()] = true
	}
	rules, err := os.ReadFile("../examples/hookgate-alerts.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`hookgate_ranges_[a-z_]+`).FindAllString(string(rules), -1)
	if len(used) == 0 {
		t.Fatal("the alert rules use no hookgate_ranges_* metric")
	}
	for _, name := range used {
		if !exported[name] {
			t.Errorf("the alert rules use %s, which is not exported (have %v)", name, exported)
		}
	}
}
