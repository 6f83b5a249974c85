// Package recent keeps, in memory, what the console shows of each
// webhook_verify route: how many deliveries ended in each outcome and the
// latest refusals. It holds nothing secret: a refusal is its time, the
// provider, the check that failed, the short client-safe reason, the status
// and the client address; never a header, a signature or a body.
//
// Routes are kept by name across config reloads, so counts survive a
// reload as the Prometheus counters do.
package recent

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// Kept is how many refusals a route keeps, newest first.
const Kept = 50

// maxRoutes bounds the routes kept: a process reloaded again and again
// with ever new route names forgets the oldest beyond it.
const maxRoutes = 1024

// Refusal is one refused delivery.
type Refusal struct {
	Time     time.Time
	Provider string
	Check    string // the outcome: ip_denied, bad_signature, ...
	Reason   string // the short reason the sender was given
	Status   int
	ClientIP string
}

// Route is what is known of one route.
type Route struct {
	Name     string
	Provider string
	Outcomes map[string]uint64 // deliveries by outcome
	Refusals []Refusal         // the latest, newest first
	Seen     time.Time         // its latest delivery
}

var routes = struct {
	sync.Mutex
	byName map[string]*Route
}{byName: map[string]*Route{}}

// routeLocked is the route called name, made when missing.
func routeLocked(name, provider string, now time.Time) *Route {
	r, ok := routes.byName[name]
	if !ok {
		if len(routes.byName) >= maxRoutes {
			forgetOldestLocked()
		}
		r = &Route{Name: name, Provider: provider, Outcomes: map[string]uint64{}}
		routes.byName[name] = r
	}
	r.Seen = now
	return r
}

// forgetOldestLocked drops the route seen longest ago.
func forgetOldestLocked() {
	var oldest *Route
	for _, r := range routes.byName {
		if oldest == nil || r.Seen.Before(oldest.Seen) {
			oldest = r
		}
	}
	if oldest != nil {
		delete(routes.byName, oldest.Name)
	}
}

// Count records that a delivery on route ended in outcome.
func Count(route, provider, outcome string, now time.Time) {
	routes.Lock()
	defer routes.Unlock()
	routeLocked(route, provider, now).Outcomes[outcome]++
}

// Refuse records a refused delivery on route (Count records its outcome).
func Refuse(route string, f Refusal) {
	routes.Lock()
	defer routes.Unlock()
	r := routeLocked(route, f.Provider, f.Time)
	r.Refusals = slices.Insert(r.Refusals, 0, f)
	if len(r.Refusals) > Kept {
		r.Refusals = r.Refusals[:Kept]
	}
}

// Routes is a copy of every route known, by name.
func Routes() []Route {
	routes.Lock()
	defer routes.Unlock()
	out := make([]Route, 0, len(routes.byName))
	for _, name := range slices.Sorted(maps.Keys(routes.byName)) {
		r := *routes.byName[name]
		r.Outcomes = maps.Clone(r.Outcomes)
		r.Refusals = slices.Clone(r.Refusals)
		out = append(out, r)
	}
	return out
}
