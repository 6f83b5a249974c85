package ranges

import (
	"net/netip"

	"go.uber.org/zap"
)

// Set is the lists of one preset's sources (PagerDuty has two regions),
// acquired together for a route: an address is allowed when any list of
// the set has it.
type Set struct {
	lists    []*List
	releases []func()
}

// AcquirePreset acquires the shared lists of preset's sources (ForPreset),
// kept in dir and refreshed on sched. Nil when the preset's provider
// publishes no list. Release it when the route is cleaned up.
func AcquirePreset(preset, dir string, sched Schedule, logger *zap.Logger) *Set {
	srcs := ForPreset(preset)
	if len(srcs) == 0 {
		return nil
	}
	s := &Set{}
	for _, src := range srcs {
		l, release := Acquire(src, dir, sched, logger)
		s.lists = append(s.lists, l)
		s.releases = append(s.releases, release)
	}
	return s
}

// Lists are the set's lists.
func (s *Set) Lists() []*List { return s.lists }

// Known reports whether any list of the set has a range; until then the
// route applies its own default.
func (s *Set) Known() bool {
	for _, l := range s.lists {
		if l.Known() {
			return true
		}
	}
	return false
}

// Contains reports whether a is in a range of any list of the set.
func (s *Set) Contains(a netip.Addr) bool {
	for _, l := range s.lists {
		if l.Contains(a) {
			return true
		}
	}
	return false
}

// Release releases every list of the set; a second call does nothing.
// Safe on a nil Set.
func (s *Set) Release() {
	if s == nil {
		return
	}
	for _, r := range s.releases {
		r()
	}
}
