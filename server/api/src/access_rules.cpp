#include "access_rules.hpp"

namespace tavolo::api {

access_rule const* rule_of_route(std::string_view method, std::string_view pattern) noexcept {
    for (auto const& r : access_table)
        if (r.method == method && r.pattern == pattern)
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
