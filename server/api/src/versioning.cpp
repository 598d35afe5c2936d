#include "versioning.hpp"

#include "views.hpp"

#include "tavolo/core/secrets.hpp"

#include <atomic>
#include <memory>

namespace tavolo::api {
namespace {

std::string trimmed(std::string_view s) {
    auto const first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    auto const last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

net::api_response gone() {
    return net::api_error(404, "not_found", "no such resource");
}

} // namespace

std::string etag_of(json const& version) {
    return "\"" + core::hash_secret(version.dump()).substr(0, 32) + "\"";
}

std::string objective_etag(store::objective_record const& o) {
    auto fields = objective_json(o);
    // Neither the links nor the notices about them are edited through the
    // objective: a contribution withdrawn in a meeting changes them, and must
    // not make a coordinator's edit stale.
    fields.erase("contributions");
    fields.erase("notices");
    // save_objective writes the file's type with its name: a new file of the
    // same name is a new version.
    fields["deliverable"]["file_type"] = o.deliverable.file_type;
    return etag_of(fields);
}

versioned objective_version(store::plan_store& s, std::string const& id) {
    auto const o = s.plans().objective(id);
    if (!o)
        return std::nullopt;
    return std::pair{json{{"objective", objective_json(*o)}}, objective_etag(*o)};
}

std::function<std::string(store::plan_store&)> objective_etag_now(std::string id) {
    return [id = std::move(id)](store::plan_store& s) {
        auto const o = s.plans().objective(id);
        return o ? objective_etag(*o) : std::string();
    };
}

std::string people_etag(std::vector<store::person_row> const& people) {
    return etag_of(community_people_json(people));
}

net::api_response ok_versioned(json const& body, std::string const& etag, unsigned status) {
    auto r = ok(body, status);
    r.headers.emplace_back("ETag", etag);
    return r;
}

std::optional<if_match> if_match_of(net::api_request const& req) {
    auto const header = req.headers.find("if-match");
    if (header == req.headers.end())
        return std::nullopt;
    if_match m;
    std::string_view rest = header->second;
    bool any_given = false;
    while (!rest.empty()) {
        auto const comma = rest.find(',');
        auto const one = trimmed(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (one.empty())
            continue;
        any_given = true;
        if (one == "*")
            m.any = true;
        else if (one.size() >= 2 && one.front() == '"' && one.back() == '"')
            m.tags.push_back(one); // W/"..." never matches a strong comparison
    }
    if (!any_given)
        return std::nullopt;
    return m;
}

bool matches(if_match const& condition, std::string const& current) {
    if (condition.any)
        return true;
    for (auto const& tag : condition.tags)
        if (tag == current)
            return true;
    return false;
}

net::api_response stale(json const& current, std::string const& etag) {
    json body{{"error",
               {{"code", "precondition_failed"},
                {"message", "someone else changed this since you read it: here is the "
                            "current version"}}},
              {"current", current},
              {"etag", etag}};
    auto r = ok(body, 412);
    r.headers.emplace_back("ETag", etag);
    return r;
}

std::optional<net::api_response>
check_if_match(net::api_request const& req, json const& current_body, std::string const& current) {
    auto const condition = if_match_of(req);
    if (!condition)
        throw refusal{428, "precondition_required",
                      "send If-Match with the ETag of the version you changed"};
    if (!matches(*condition, current))
        return stale(current_body, current);
    return std::nullopt;
}

void write_if_unchanged(api_context& ctx, net::api_respond& respond, std::string base,
                        std::function<std::string(store::plan_store&)> version_now,
                        std::function<void(store::plan_store&)> write, versioned_read read,
                        bool plan_changed) {
    // Set on the writer thread; read on the API thread after the write's
    // completion, which the queue hands over (so it happens after).
    auto const lost = std::make_shared<std::atomic<bool>>(false);
    ctx.write_then(
        respond,
        [lost, base = std::move(base), version_now = std::move(version_now),
         write = std::move(write)](store::plan_store& w) {
            // A write may run twice (its batch retried): decide afresh each time.
            auto const changed = version_now(w) != base;
            lost->store(changed);
            if (!changed)
                write(w);
        },
        [lost, read = std::move(read)](store::plan_store& r) {
            auto const now = read(r);
            if (!now)
                return gone();
            return lost->load() ? stale(now->first, now->second)
                                : ok_versioned(now->first, now->second);
        },
        plan_changed);
}

} // namespace tavolo::api
