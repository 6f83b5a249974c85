package hookgate

import (
	"os/exec"
	"slices"
	"strings"
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

// TestEveryModuleRegistered: the root registers all of hookgate's modules.
func TestEveryModuleRegistered(t *testing.T) {
	for _, id := range []string{"http.handlers.webhook_verify", "admin.api.webhook_spool", "caddy.logging.encoders.webhook_redact", "http.handlers.webhook_console", "admin.api.webhook_console"} {
		if _, err := caddy.GetModule(id); err != nil {
			t.Errorf("module %s: %v", id, err)
		}
	}
}

// TestDependenciesPointOneWay: no package of the module imports the
// handler package but the root registration file (docs/design.md, the map).
func TestDependenciesPointOneWay(t *testing.T) {
	const handler = "github.com/hookgate/hookgate/modules/webhookverify"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		checked++
		if pkg == "github.com/hookgate/hookgate" {
			continue
		}
		if slices.Contains(strings.Fields(imports), handler) {
			t.Errorf("%s imports the handler package %s", pkg, handler)
		}
	}
	if checked < 8 {
		t.Fatalf("go list listed %d packages: %s", checked, out)
	}
}
