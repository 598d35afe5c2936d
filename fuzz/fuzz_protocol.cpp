// libFuzzer target: any frame a client could send, through the live protocol's
// parser and on to what the hub makes of the result (an error frame for a
// failure, an ack for a message). Besides crashes and sanitizer reports it
// checks what parsing promises: it never throws, and every field it hands on
// is valid UTF-8, trimmed, within its limit and free of control characters
// (and of bidi controls in one-line fields).
#include "fuzz_support.hpp"

#include "tavolo/core/calendar.hpp"
#include "tavolo/core/secrets.hpp"
#include "tavolo/core/text_checks.hpp"
#include "tavolo/core/utf8.hpp"
#include "tavolo/live/protocol.hpp"

#include <cstdint>

using namespace tavolo::live;
namespace core = tavolo::core;
using nlohmann::json;
using tavolo::core::normalize_join_code;

using tavolo::fuzz::expect;
using tavolo::fuzz::json_writes;

namespace {

void check_text(std::string_view s, std::size_t max_chars, bool multiline = false) {
    expect(core::is_valid_utf8(s), "a field is not valid UTF-8");
    expect(core::trim(s) == s, "a field is not trimmed");
    expect(!core::has_control_chars(s, multiline), "a field holds control characters");
    expect(multiline || !core::has_bidi_controls(s), "a one-line field holds bidi controls");
    expect(core::count_code_points(s) <= max_chars, "a field is over its limit");
}

void check_ids(std::vector<std::string> const& ids, std::size_t max_items,
               message_limits const& limits) {
    expect(!ids.empty() && ids.size() <= max_items, "an id list is empty or too long");
    for (auto const& id : ids) {
        expect(!id.empty() && core::is_valid_utf8(id), "an id is empty or not UTF-8");
        expect(core::count_code_points(id) <= limits.max_id_chars, "an id is over its limit");
    }
}

template <typename... F> struct overloaded : F... { using F::operator()...; };
template <typename... F> overloaded(F...) -> overloaded<F...>; // clang 14 needs the guide

void check_message(client_message const& m, message_limits const& limits) {
    auto const ack = json::parse(make_ack(m.ref));
    expect(ack.at("ref") == m.ref, "the ack does not echo the ref");
    auto const id = limits.max_id_chars;
    std::visit(
        overloaded{
            [&](join_message const& j) {
                expect(normalize_join_code(j.code) == j.code, "the join code is not canonical");
                check_text(j.name, limits.max_name_chars);
                expect(!j.name.empty(), "a participant joins without a name");
                check_text(j.organization, limits.max_organization_chars);
                expect(!j.since || *j.since >= 0, "since is negative");
            },
            [&](submit_message const& s) {
                check_text(s.id, id);
                check_text(s.text, limits.max_text_chars, true);
            },
            [&](edit_message const& e) {
                check_text(e.id, id);
                check_text(e.text, limits.max_text_chars, true);
            },
            [&](target_message const& t) { check_text(t.id, id); },
            [&](merge_message const& mm) { check_ids(mm.ids, limits.max_merge_ids, limits); },
            [&](group_merge_message const& g) {
                check_ids(g.groups, limits.max_merge_ids, limits);
            },
            [&](group_split_message const& g) {
                check_ids(g.ids, limits.max_split_ids, limits);
                check_text(g.title, limits.max_title_chars);
            },
            [&](group_rename_message const& g) { check_text(g.title, limits.max_title_chars); },
            [&](group_promote_message const& g) {
                if (g.title)
                    check_text(*g.title, limits.max_title_chars);
                if (g.description)
                    check_text(*g.description, limits.max_description_chars, true);
            },
            [&](timer_message const& t) {
                expect(t.seconds >= 0 && t.seconds <= 86400, "timer out of range");
            },
            [&](working_group_status_message const& w) {
                expect(w.start_date.empty() || core::is_iso_date(w.start_date),
                       "start_date not a date");
            },
            [](auto const&) {}, // nothing else to check
        },
        m.body);
}

void check(std::string_view frame, message_limits const& limits) {
    auto const result = parse_client_message(frame, limits);
    if (auto const* f = std::get_if<parse_failure>(&result)) {
        // What hub::on_message answers; must not throw, whatever the frame held.
        auto const reply = json::parse(make_error(f->ref, f->error.code, f->error.message));
        expect(reply.at("ref") == f->ref && reply.at("code") == f->error.code,
               "the error frame does not say what failed");
        return;
    }
    check_message(std::get<client_message>(result), limits);
}

// The server's defaults, and limits small enough for short inputs to cross.
message_limits const defaults{};
message_limits const tight{.max_text_chars = 8,
                           .max_name_chars = 4,
                           .max_organization_chars = 4,
                           .max_id_chars = 3,
                           .max_json_depth = 3,
                           .max_merge_ids = 2,
                           .max_title_chars = 5,
                           .max_description_chars = 10,
                           .max_split_ids = 2};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const frame(reinterpret_cast<char const*>(data), size);

    // The UTF-8 helpers on raw bytes; nlohmann::json's check is a second opinion.
    bool const valid = core::is_valid_utf8(frame);
    expect(valid == json_writes(frame), "is_valid_utf8 and nlohmann::json disagree");
    if (valid)
        expect(core::count_code_points(frame) <= frame.size(), "more code points than bytes");
    (void)core::has_control_chars(frame, false);
    auto const trimmed = core::trim(frame);
    expect(core::trim(trimmed) == trimmed, "trim is not idempotent");
    auto const code = normalize_join_code(frame);
    expect(normalize_join_code(code) == code, "normalize_join_code is not idempotent");
    (void)core::is_iso_date(frame);
    (void)core::has_bidi_controls(frame);

    check(frame, defaults);
    check(frame, tight);
    return 0;
}
