#include "tavolo/net/client_address.hpp"

#include "tavolo/core/utf8.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace tavolo::net {
namespace {

// The address as 16 bytes (IPv4 mapped into IPv6), or nullopt.
std::optional<boost::asio::ip::address_v6> parse_address(std::string_view text) {
    boost::system::error_code ec;
    auto const a = boost::asio::ip::make_address(std::string(text), ec);
    if (ec)
        return std::nullopt;
    if (a.is_v4())
        return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, a.to_v4());
    return a.to_v6();
}

bool matches(std::array<unsigned char, 16> const& bytes, address_range const& r) {
    for (unsigned bit = 0; bit < r.prefix; bit += 8) {
        unsigned const i = bit / 8;
        unsigned const bits = std::min(8u, r.prefix - bit);
        auto const mask = static_cast<unsigned char>(0xff << (8 - bits));
        if ((bytes[i] & mask) != (r.bytes[i] & mask))
            return false;
    }
    return true;
}

// An X-Forwarded-For entry: an address, perhaps with a port some proxies add
// ("1.2.3.4:5678", "[2001:db8::1]:443"), in canonical text; nullopt if none.
std::optional<std::string> forwarded_address(std::string_view entry) {
    entry = core::trim(entry);
    if (!entry.empty() && entry.front() == '[') {
        auto const close = entry.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        entry = entry.substr(1, close - 1);
    } else if (auto const colon = entry.find(':');
               colon != std::string_view::npos && entry.find(':', colon + 1) == entry.npos) {
        entry = entry.substr(0, colon); // IPv4 with a port
    }
    boost::system::error_code ec;
    auto const a = boost::asio::ip::make_address(std::string(entry), ec);
    if (ec)
        return std::nullopt;
    return a.to_string();
}

// The entries of a comma-separated header value, right-most last.
std::vector<std::string_view> entries(std::string_view list) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        auto const comma = list.find(',', start);
        auto const part =
            core::trim(list.substr(start, comma == list.npos ? list.npos : comma - start));
        if (!part.empty())
            out.push_back(part);
        if (comma == list.npos)
            break;
        start = comma + 1;
    }
    return out;
}

bool same_text_lower(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i])
            return false;
    return true;
}

} // namespace

std::optional<address_range> parse_address_range(std::string_view text) {
    text = core::trim(text);
    auto const slash = text.find('/');
    auto const address = parse_address(text.substr(0, slash));
    if (!address)
        return std::nullopt;
    address_range r;
    r.bytes = address->to_bytes();
    bool const v4 = address->is_v4_mapped();
    if (slash != std::string_view::npos) {
        auto const bits_text = text.substr(slash + 1);
        unsigned bits = 0;
        auto const [end, ec] =
            std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
        if (ec != std::errc() || end != bits_text.data() + bits_text.size() || bits_text.empty() ||
            bits > (v4 ? 32u : 128u))
            return std::nullopt;
        r.prefix = v4 ? bits + 96 : bits;
    }
    // Host bits set beyond the prefix: most likely not the range meant.
    for (unsigned bit = r.prefix; bit < 128; ++bit)
        if (r.bytes[bit / 8] & (0x80 >> (bit % 8)))
            return std::nullopt;
    return r;
}

bool in_ranges(std::string_view address, std::vector<address_range> const& ranges) {
    auto const a = parse_address(address);
    if (!a)
        return false;
    auto const bytes = a->to_bytes();
    for (auto const& r : ranges)
        if (matches(bytes, r))
            return true;
    return false;
}

client_view effective_client(std::string_view peer, bool tls, std::string_view forwarded_for,
                             std::string_view forwarded_proto,
                             std::vector<address_range> const& trusted) {
    client_view v{std::string(peer), tls};
    if (!in_ranges(peer, trusted))
        return v;
    auto const hops = entries(forwarded_for);
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        auto const address = forwarded_address(*it);
        if (!address)
            break; // garbage: the last trusted hop is all that is known
        v.address = *address;
        if (!in_ranges(*address, trusted))
            break;
    }
    if (!tls) {
        auto const protos = entries(forwarded_proto);
        v.https = !protos.empty() && same_text_lower(protos.back(), "https");
    }
    return v;
}

} // namespace tavolo::net
