package recent

import (
	"fmt"
	"testing"
	"time"
)

func reset(t *testing.T) {
	t.Helper()
	routes.Lock()
	routes.byName = map[string]*Route{}
	routes.Unlock()
}

func TestCountAndRefuse(t *testing.T) {
	reset(t)
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	Count("b", "stripe", "accepted", t0)
	Count("a", "payone", "accepted", t0)
	Count("a", "payone", "ip_denied", t0)
	for i := range Kept + 5 {
		Refuse("a", Refusal{Time: t0.Add(time.Duration(i) * time.Second), Provider: "payone", Check: "ip_denied", Reason: fmt.Sprint(i), Status: 403})
	}
	got := Routes()
	if len(got) != 2 || got[0].Name != "a" || got[1].Name != "b" {
		t.Fatalf("routes %+v, want a and b in order", got)
	}
	a := got[0]
	if a.Outcomes["accepted"] != 1 || a.Outcomes["ip_denied"] != 1 || a.Provider != "payone" {
		t.Errorf("route a: %+v", a)
	}
	if len(a.Refusals) != Kept || a.Refusals[0].Reason != fmt.Sprint(Kept+4) || a.Refusals[Kept-1].Reason != "5" {
		t.Errorf("refusals: %d kept, newest %q, oldest %q; want %d, newest first", len(a.Refusals), a.Refusals[0].Reason, a.Refusals[len(a.Refusals)-1].Reason, Kept)
	}
	// A copy: changing it changes nothing kept.
	a.Outcomes["accepted"] = 99
	a.Refusals[0].Reason = "changed"
	if again := Routes()[0]; again.Outcomes["accepted"] != 1 || again.Refusals[0].Reason == "changed" {
		t.Error("Routes handed out what it keeps")
	}
}

func TestRoutesBounded(t *testing.T) {
	reset(t)
	t0 := time.Now()
	for i := range maxRoutes + 10 {
		Count(fmt.Sprintf("route-%04d", i), "hmac", "accepted", t0.Add(time.Duration(i)*time.Millisecond))
	}
	got := Routes()
	if len(got) != maxRoutes {
		t.Fatalf("%d routes kept, want %d", len(got), maxRoutes)
	}
	if got[0].Name != "route-0010" {
		t.Errorf("oldest kept is %s, want route-0010 (the oldest ten forgotten)", got[0].Name)
	}
}
