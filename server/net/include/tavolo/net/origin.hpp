// The Origin check of WebSocket upgrades: a page from another site must not
// open a meeting connection with its visitor's browser (cross-site WebSocket
// hijacking). Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tavolo::net {

// Whether an upgrade whose Origin header is `origin` and whose Host header is
// `host` may proceed: the origin is the server's own (its host[:port] is the
// Host, whatever the scheme) or one of `allowed` (exact, case-insensitive).
// "null" and malformed origins are refused.
bool origin_allowed(std::string_view origin, std::string_view host,
                    std::vector<std::string> const& allowed);

} // namespace tavolo::net
