// Who a request really comes from when tavolo sits behind proxies: the
// `security.trusted_proxies` ranges, and the client address and scheme a
// request's X-Forwarded-For and X-Forwarded-Proto give when, and only when,
// the TCP peer is one of them. Pure functions, callable from any thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::net {

// An IPv4 or IPv6 network ("10.0.0.0/8", "2001:db8::/32") or one address.
// IPv4 is kept as IPv4-mapped IPv6 (::ffff:a.b.c.d), so that a dual-stack
// socket's mapped peers match IPv4 ranges.
struct address_range {
    std::array<unsigned char, 16> bytes{};
    unsigned prefix = 128; // leading bits that must match
};

// "ADDRESS" or "ADDRESS/BITS"; nullopt when it is neither (or has host bits
// set beyond the prefix, a likely typo: "10.0.0.1/8").
std::optional<address_range> parse_address_range(std::string_view text);

// Whether `address` (an IP address as text) lies in any of `ranges`; false
// when it is not an address.
bool in_ranges(std::string_view address, std::vector<address_range> const& ranges);

struct client_view {
    std::string address; // the client's IP address, for limits and logs
    bool https = false;  // it reached tavolo over TLS (itself or its proxy's)
};

// The client behind a request from `peer` (the TCP peer's address). Only a
// peer in `trusted` is believed: then the client is the right-most address of
// `forwarded_for` (every X-Forwarded-For value, comma-joined in order) that is
// not itself a trusted proxy (each proxy appends the address it saw, so the
// entries left of the first untrusted one are the client's own claims), and
// the scheme is the right-most value of `forwarded_proto`. An entry that is
// not an address stops the walk at the last trusted hop.
client_view effective_client(std::string_view peer, bool tls, std::string_view forwarded_for,
                             std::string_view forwarded_proto,
                             std::vector<address_range> const& trusted);

} // namespace tavolo::net
