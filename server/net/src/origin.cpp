#include "tavolo/net/origin.hpp"

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

} // namespace

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
