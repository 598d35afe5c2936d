// Versions of the API's editable resources (internal to tavolo::api): the
// strong ETag each answers with, the If-Match a PATCH or PUT must carry, and
// the write that happens only if the resource is still the version the
// client saw. The check is made twice: on the API thread, to answer a stale
// request at once, and again inside the write on the store's writer thread,
// so that of two writers naming the same version exactly one wins (the
// writer runs writes one at a time, and the second sees the first's change).
// Functions callable on any thread unless said.
#pragma once

#include "context.hpp"
#include "tavolo/store/plans.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tavolo::api {

// `"` + 32 hex digits of the hash of `version` + `"`.
std::string etag_of(json const& version);

// An objective's ETag: the version of what a PATCH or a working-group PUT
// saves (its fields, status, deliverable, file name and working group), not
// of its linked contributions, which are linked one by one and change with
// the meetings (their supports).
std::string objective_etag(store::objective_record const& o);
// A community's people list's ETag.
std::string people_etag(std::vector<store::person_row> const& people);

// A resource as a GET shows it, with its ETag; nullopt when it is gone.
using versioned = std::optional<std::pair<json, std::string>>;
using versioned_read = std::function<versioned(store::plan_store&)>;

// {"objective": ...} and its ETag.
versioned objective_version(store::plan_store& s, std::string const& id);
// Reads the objective's ETag in a store (on the writer: what
// write_if_unchanged compares); empty when it is gone.
std::function<std::string(store::plan_store&)> objective_etag_now(std::string id);

// A 200 (or `status`) answer with the body and its ETag header.
net::api_response ok_versioned(json const& body, std::string const& etag, unsigned status = 200);

// What a request's If-Match names.
struct if_match {
    bool any = false;              // "*"
    std::vector<std::string> tags; // strong tags, quotes kept; weak ones dropped
};
// The request's If-Match; nullopt without one (or an empty one).
std::optional<if_match> if_match_of(net::api_request const& req);
// Whether `current` satisfies `condition` (RFC 9110: strong comparison).
bool matches(if_match const& condition, std::string const& current);

// The 412 answer: {"error": {...}, "current": body, "etag": tag}, ETag header.
net::api_response stale(json const& current, std::string const& etag);

// For a PATCH or PUT on a resource now at version `current` (read on the API
// thread): throws a 428 refusal without If-Match; returns the 412 answer
// when If-Match names another version; nullopt when the change may go on.
std::optional<net::api_response>
check_if_match(net::api_request const& req, json const& current_body, std::string const& current);

// Queues `write` to run only if the resource, read again on the writer by
// `version_now`, is still at version `base`. The answer, read on the API
// thread by `read`, is the resource with its new ETag, or 412 with the
// current one when another write came first.
void write_if_unchanged(api_context& ctx, net::api_respond& respond, std::string base,
                        std::function<std::string(store::plan_store&)> version_now,
                        std::function<void(store::plan_store&)> write, versioned_read read,
                        bool plan_changed = false);

} // namespace tavolo::api
