package spool_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestSpoolNATSCredentialsNeverInErrors: whatever is wrong with a store
// nats URL list, the provisioning error names it without the password or
// token in it.
func TestSpoolNATSCredentialsNeverInErrors(t *testing.T) {
	const secret = "hunter2-nats-pw"
	free := gatetest.FreePort(t) // nothing listens there
	for _, tt := range []struct{ name, url string }{
		{"one URL does not parse", "nats://user:" + secret + "@127.0.0.1:4222,nats://user:" + secret + "@bad host:4222"},
		{"the only URL does not parse", "nats://user:" + secret + "@bad host:4222"},
		{"a token that does not parse", "nats://" + secret + "@bad%zzhost:4222"},
		{"a bad port", "nats://user:" + secret + "@127.0.0.1:notaport"},
		{"nothing listens", fmt.Sprintf("nats://user:%s@127.0.0.1:%d", secret, free)},
		{"escaped password", "nats://user:" + strings.ReplaceAll(secret, "-", "%2D") + "@bad host:4222"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := fmt.Sprintf(`
	handle /payone {
		webhook_verify payone {
			secret %s
			spool {
				store nats "%s"
				key 0123456789abcdef0123456789abcdef
			}
		}
	}`, gatetest.PayonePortalKey, tt.url)
			src := fmt.Sprintf("{\n%s\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", gatetest.GlobalOptions, gatetest.FreePort(t), site)
			cfg, err := gatetest.Adapt(t, src)
			if err != nil {
				t.Fatal(err)
			}
			err = caddy.Load(cfg, true)
			if err == nil {
				caddy.Stop()
				t.Fatal("the config loaded")
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "hunter2%2Dnats") {
				t.Errorf("the error shows the credential: %v", err)
			}
			if !strings.Contains(err.Error(), "store nats") {
				t.Errorf("the error does not say which store failed: %v", err)
			}
		})
	}
}

// TestSpoolKeyMismatchRefused: two routes of one configuration sharing a
// spool with different keys would dead-letter each other's deliveries:
// the configuration is refused, without showing either key. A reload may
// change the key.
func TestSpoolKeyMismatchRefused(t *testing.T) {
	dir := t.TempDir()
	const keyA, keyB = "key-a-0123456789abcdef0123456789abcdef", "key-b-0123456789abcdef0123456789abcdef"
	site := func(k1, k2 string) string {
		return fmt.Sprintf(`
	handle /a {
		webhook_verify payone {
			secret tenant-a-portal-key
			spool {
				store file %s
				key %s
			}
		}
	}
	handle /b {
		webhook_verify payone {
			secret tenant-b-portal-key
			spool {
				store file %s
				key %s
			}
		}
	}`, dir, k1, dir, k2)
	}
	port := gatetest.FreePort(t)
	load := func(site string) error {
		cfg, err := gatetest.Adapt(t, fmt.Sprintf("{\n%s\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", gatetest.GlobalOptions, port, site))
		if err != nil {
			t.Fatal(err)
		}
		return caddy.Load(cfg, true)
	}
	err := load(site(keyA, keyB))
	if err == nil {
		caddy.Stop()
		t.Fatal("two keys on one spool loaded")
	}
	if !strings.Contains(err.Error(), "another key") || strings.Contains(err.Error(), "0123456789abcdef") {
		t.Errorf("error %v: want one saying the keys differ, without them", err)
	}
	if err := load(site(keyA, keyA)); err != nil {
		t.Fatalf("one key: %v", err)
	}
	t.Cleanup(func() { caddy.Stop() })
	if err := load(site(keyB, keyB)); err != nil {
		t.Fatalf("a reload changing the key: %v", err)
	}
}
