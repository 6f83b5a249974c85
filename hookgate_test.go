package hookgate

import (
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	caddycmd "github.com/caddyserver/caddy/v2/cmd"
)

// TestImportRegistersEverything: what `xcaddy build --with
// github.com/hookgate/hookgate` imports registers the handler module, its
// Caddyfile directive and the `caddy webhook` command.
func TestImportRegistersEverything(t *testing.T) {
	if _, err := caddy.GetModule("http.handlers.webhook_verify"); err != nil {
		t.Errorf("module: %v", err)
	}
	if _, ok := caddycmd.Commands()["webhook"]; !ok {
		t.Error("the webhook command is not registered")
	}
	src := ":8080 {\n\twebhook_verify stripe {\n\t\tsecret x\n\t}\n}\n"
	if _, _, err := (caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}).Adapt([]byte(src), nil); err != nil {
		t.Errorf("the webhook_verify directive does not adapt: %v", err)
	}
}
