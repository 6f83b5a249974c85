package webhookverify

import (
	"net/netip"
	"path/filepath"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/ranges"
)

// The values of source_ranges (Handler.SourceRanges).
const (
	// SourceRangesRefresh: the allow-list is the provider's published
	// list, fetched and kept current (ranges package).
	SourceRangesRefresh = "refresh"
	// SourceRangesOff: nothing is fetched; the allow-list is the one
	// compiled into the preset.
	SourceRangesOff = "off"
)

// rangesDir is where the last good copy of each provider's list is kept:
// hookgate/ranges in Caddy's data directory.
func rangesDir() string {
	return filepath.Join(caddy.AppDataDir(), "hookgate", "ranges")
}

// provisionSourceRanges decides where the route's allow-list comes from
// and, when it is a provider's published list, acquires it (shared by
// every route and kept across reloads; released by Cleanup):
//
//   - allow_ip given: that list, pinned; source_ranges refresh with it is
//     an error, since one would silently win;
//   - source_ranges off, or a preset whose provider publishes no list:
//     the preset's compiled-in list (h.allowList), as before;
//   - otherwise (the default for presets with a list, except those whose
//     source is opt-in, Svix's, which need source_ranges refresh): the
//     published list, with the compiled-in list as the fallback for as
//     long as a source without a snapshot has fetched nothing.
func (h *Handler) provisionSourceRanges(ctx caddy.Context) error {
	switch h.SourceRanges {
	case "", SourceRangesRefresh, SourceRangesOff:
	default:
		return h.errorf("source_ranges must be refresh or off, not %q", h.SourceRanges)
	}
	srcs := ranges.ForPreset(h.Provider)
	if h.SourceRanges == SourceRangesRefresh {
		if len(srcs) == 0 {
			return h.errorf("source_ranges refresh: %s publishes no list of its webhook addresses (docs/source-ranges.md lists those that do); use allow_ip", h.Provider)
		}
		if len(h.AllowIP) > 0 {
			return h.errorf("source_ranges refresh and allow_ip both choose the allow-list: keep one (allow_ip pins a list)")
		}
	}
	if len(h.AllowIP) > 0 || h.SourceRanges == SourceRangesOff || len(srcs) == 0 {
		return nil
	}
	if h.SourceRanges == "" {
		for _, s := range srcs {
			if s.OptIn {
				return nil
			}
		}
	}
	if err := ranges.Register(ctx.GetMetricsRegistry()); err != nil {
		return h.errorf("source ranges metrics: %v", err)
	}
	h.ranges = ranges.AcquirePreset(h.Provider, rangesDir(), ranges.Schedule{}, h.logger)
	names := make([]string, 0, len(srcs))
	for _, s := range srcs {
		names = append(names, s.Name)
	}
	h.logger.Debug("allow-list: the provider's published source ranges, refreshed",
		zap.String("provider", h.Provider), zap.Strings("sources", names), zap.String("dir", rangesDir()))
	return nil
}

// ipAllowed reports whether a delivery from ip (ok: Caddy could tell the
// client IP) passes the route's allow-list: the provider's published
// list once it knows any range, else the configured or compiled-in list,
// else no check.
func (h *Handler) ipAllowed(ip netip.Addr, ok bool) bool {
	if h.ranges != nil && h.ranges.Known() {
		return ok && h.ranges.Contains(ip)
	}
	if h.allowList == nil {
		return true
	}
	return ok && h.allowList.allows(ip)
}
