package fetchhook

import (
	"net/http"
	"testing"
)

func TestSetRestores(t *testing.T) {
	if Transport() != nil {
		t.Fatal("a transport is set before any test set one")
	}
	a, b := &http.Transport{}, &http.Transport{}
	restoreA := Set(a)
	if Transport() != a {
		t.Fatal("Set(a) not in effect")
	}
	restoreB := Set(b)
	if Transport() != b {
		t.Fatal("Set(b) not in effect")
	}
	restoreB()
	if Transport() != a {
		t.Fatal("restoring b did not bring back a")
	}
	restoreA()
	if Transport() != nil {
		t.Fatal("restoring a did not bring back the default")
	}
}
