#include "access_rules.hpp"

#include <algorithm>
#include <vector>

namespace tavolo::api {
namespace {

// The path's segments, empty ones skipped: the router's split, so that a
// path the router matches to a route finds that route's rule.
std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto const slash = std::min(path.find('/', start), path.size());
        if (slash > start)
            out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

// Whether `path` fits `pattern`, "{name}" matching any one segment.
bool fits(std::string_view pattern, std::string_view path) {
    auto const want = segments_of(pattern);
    auto const got = segments_of(path);
    if (want.size() != got.size())
        return false;
    for (std::size_t i = 0; i < want.size(); ++i) {
        bool const any = want[i].size() >= 2 && want[i].front() == '{' && want[i].back() == '}';
        if (!any && want[i] != got[i])
            return false;
    }
    return true;
}

} // namespace

access_rule const* rule_of_route(std::string_view method, std::string_view pattern) noexcept {
    for (auto const& r : access_table)
        if (r.method == method && r.pattern == pattern)
            return &r;
    return nullptr;
}

access_rule const* rule_of_request(std::string_view method, std::string_view path) {
    if (method == "HEAD")
        method = "GET";
    for (auto const& r : access_table)
        if (r.method == method && fits(r.pattern, path))
            return &r;
    return nullptr;
}

bool is_role(std::string_view role) noexcept {
    return role == role_admin || role == role_referent || role == role_co_coordinator;
}

bool may(std::string_view role, std::map<std::int64_t, std::string> const& communities,
         access_need need, std::optional<std::int64_t> community) noexcept {
    bool const admin = role == role_admin;
    // An admin holds a referent's powers too: a small organisation's one
    // account must be able to do everything.
    bool const referent = admin || role == role_referent;
    switch (need) {
    case access_need::anyone:
    case access_need::signed_in:
        return true;
    case access_need::admin:
        return admin;
    case access_need::referent:
        return referent;
    case access_need::community:
        if (referent)
            return true;
        // A community that does not exist: the handler answers 404.
        return role == role_co_coordinator && (!community || communities.count(*community) > 0);
    }
    return false;
}

std::string needed_role_message(access_need need) {
    switch (need) {
    case access_need::admin:
        return "this needs an admin account";
    case access_need::referent:
        return "this needs a referent or admin account";
    case access_need::community:
        return "this needs a referent or admin account, or a co-coordinator account of this "
               "community";
    default:
        return "this needs another account";
    }
}

} // namespace tavolo::api
