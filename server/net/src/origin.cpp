#include "tavolo/net/origin.hpp"

#include "tavolo/core/utf8.hpp"

#include <algorithm>
#include <cctype>

namespace tavolo::net {
namespace {

bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool from_own_pages(api_call const& c, std::vector<std::string> const& allowed) {
    if (!c.origin)
        return c.sec_fetch_site && same_text(core::trim(*c.sec_fetch_site), "same-origin");
    for (auto const& a : allowed)
        if (same_text(*c.origin, a))
            return true;
    auto const scheme_end = c.origin->find("://");
    return scheme_end != std::string_view::npos && !c.host.empty() &&
           same_text(c.origin->substr(0, scheme_end), c.scheme) &&
           same_text(c.origin->substr(scheme_end + 3), c.host);
}

bool json_type(std::optional<std::string_view> type) {
    return type && same_text(core::trim(type->substr(0, type->find(';'))), "application/json");
}

} // namespace

api_call_verdict check_api_call(api_call const& c, std::vector<std::string> const& allowed) {
    if (c.method == "GET" || c.method == "HEAD" || c.method == "OPTIONS")
        return api_call_verdict::allowed;
    if (!from_own_pages(c, allowed))
        return api_call_verdict::foreign_origin;
    if (c.has_body && !c.any_body_type && !json_type(c.content_type))
        return api_call_verdict::not_json;
    return api_call_verdict::allowed;
}

bool origin_allowed(std::string_view origin, std::string_view host,
                    std::vector<std::string> const& allowed) {
    for (auto const& a : allowed)
        if (same_text(origin, a))
            return true;
    std::string_view rest;
    if (origin.substr(0, 7) == "http://")
        rest = origin.substr(7);
    else if (origin.substr(0, 8) == "https://")
        rest = origin.substr(8);
    else
        return false; // "null", or not an origin at all
    return !rest.empty() && same_text(rest, host);
}

} // namespace tavolo::net
