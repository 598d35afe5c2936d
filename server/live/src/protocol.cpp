#include "tavolo/live/protocol.hpp"

#include "tavolo/core/json_fields.hpp"
#include "tavolo/core/secrets.hpp"
#include "tavolo/core/utf8.hpp"

#include <limits>
#include <map>
#include <mutex>

namespace tavolo::live {
namespace {

using json = nlohmann::json;

// Deepest nesting of arrays and objects in a JSON text, counted before parsing
// so that a hostile frame never reaches the parser's recursion.
std::size_t nesting_depth(std::string_view s) noexcept {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : s) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > deepest)
                deepest = depth;
        } else if ((c == '}' || c == ']') && depth > 0)
            --depth;
    }
    return deepest;
}

parse_failure fail(json ref, std::string_view code, std::string message) {
    return parse_failure{std::move(ref), protocol_error{code, std::move(message)}};
}

// At most the first `max_bytes` of `s`, cut between characters: a quote in an
// error message goes out as JSON, which refuses (throws on) broken UTF-8.
std::string quote_start(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes)
        return std::string(s);
    while (max_bytes > 0 && (static_cast<unsigned char>(s[max_bytes]) & 0xC0) == 0x80)
        --max_bytes; // s[max_bytes] continues a character: cut before it starts
    return std::string(s.substr(0, max_bytes));
}

// The protocol's error code for a field the core reader refused: the text
// rules have their own codes, every other problem is a bad_message (the frame
// was checked for UTF-8 before parsing, so invalid_utf8 does not arise here).
std::string_view code_for(core::field_problem p) noexcept {
    switch (p) {
    case core::field_problem::control_characters:
    case core::field_problem::bidi_controls:
        return errc::control_characters;
    case core::field_problem::empty:
        return errc::text_empty;
    case core::field_problem::too_long:
        return errc::text_too_long;
    case core::field_problem::invalid_utf8:
        return errc::invalid_utf8;
    default:
        return errc::bad_message;
    }
}

// One-line fields (names, titles, ids) and multi-line ones (texts).
core::text_rule line(std::size_t max_chars, bool allow_empty = false) {
    return {.max_chars = max_chars, .multiline = false, .allow_empty = allow_empty};
}
core::text_rule lines(std::size_t max_chars, bool allow_empty = false) {
    return {.max_chars = max_chars, .multiline = true, .allow_empty = allow_empty};
}

// Every message's fields are read with one core::json_fields, which keeps the
// first problem; a reader states its fields in order and finishes here.
template <typename Body>
parse_result finish(json const& ref, core::json_fields const& reader, Body body) {
    if (auto const& e = reader.error())
        return parse_failure{ref, protocol_error{code_for(e->problem), e->message}};
    return client_message{ref, std::move(body)};
}

parse_result read_join(json const& ref, json const& obj, message_limits const& limits) {
    core::json_fields r(obj);
    join_message m;
    m.code = core::normalize_join_code(r.text("code", line(32)));
    m.secret = r.optional_text("secret", line(128));
    m.coordinator_token = r.optional_text("coordinator_token", line(256));
    m.resume = r.optional_text("resume", line(128));
    m.since = r.integer("since", 0, std::numeric_limits<std::int64_t>::max());
    m.name = r.text("name", line(limits.max_name_chars));
    // Staff may leave the body empty; a participant must name it.
    m.organization = r.text("organization",
                            line(limits.max_organization_chars, m.secret || m.coordinator_token));
    return finish(ref, r, std::move(m));
}

contribution_kind read_kind(core::json_fields& r) {
    return kind_from_string(r.choice("kind", {"proposal", "need", "activity"}))
        .value_or(contribution_kind::proposal);
}

parse_result read_submit(json const& ref, json const& obj, message_limits const& limits) {
    core::json_fields r(obj);
    submit_message m;
    m.id = r.text("id", line(limits.max_id_chars));
    m.kind = read_kind(r);
    m.text = r.text("text", lines(limits.max_text_chars));
    return finish(ref, r, std::move(m));
}

parse_result read_edit(json const& ref, json const& obj, message_limits const& limits) {
    core::json_fields r(obj);
    edit_message m;
    m.id = r.text("id", line(limits.max_id_chars));
    m.text = r.text("text", lines(limits.max_text_chars));
    return finish(ref, r, std::move(m));
}

parse_result read_target(json const& ref, json const& obj, message_limits const& limits,
                         target_action action) {
    core::json_fields r(obj);
    target_message m{action, r.text("id", line(limits.max_id_chars))};
    return finish(ref, r, std::move(m));
}

parse_result read_merge(json const& ref, json const& obj, message_limits const& limits) {
    core::json_fields r(obj);
    merge_message m;
    m.keep = r.text("keep", line(limits.max_id_chars));
    m.ids = r.id_list("ids", limits.max_merge_ids, limits.max_id_chars);
    return finish(ref, r, std::move(m));
}

parse_result read_phase(json const& ref, json const& obj) {
    core::json_fields r(obj);
    auto const phase = phase_from_string(
        r.choice("phase", {"lobby", "collect", "cluster", "vote", "plan", "closed"}));
    return finish(ref, r, phase_message{phase.value_or(meeting_phase::lobby)});
}

parse_result read_configure(json const& ref, json const& obj) {
    core::json_fields r(obj);
    configure_message m;
    m.anonymous = r.flag("anonymous");
    m.private_writing = r.flag("private_writing");
    m.support_budget =
        r.integer("support_budget", support_budget_range.min, support_budget_range.max);
    m.max_supports_per_contribution =
        r.integer("max_supports_per_contribution", max_supports_range.min, max_supports_range.max);
    return finish(ref, r, m);
}

parse_result read_board_message(json const& ref, json const& obj, message_limits const& limits,
                                std::string const& type) {
    core::json_fields r(obj);
    auto const id = line(limits.max_id_chars);
    auto const title = line(limits.max_title_chars);
    if (type == "group_move") {
        group_move_message m;
        m.contribution = r.text("contribution", id);
        // "group": null (or absent) takes the contribution out of every group.
        m.group = r.optional_text("group", id).value_or("");
        return finish(ref, r, std::move(m));
    }
    if (type == "group_merge") {
        group_merge_message m;
        m.keep = r.text("keep", id);
        m.groups = r.id_list("groups", limits.max_merge_ids, limits.max_id_chars);
        return finish(ref, r, std::move(m));
    }
    if (type == "group_split") {
        group_split_message m;
        m.group = r.text("group", id);
        m.ids = r.id_list("ids", limits.max_split_ids, limits.max_id_chars);
        m.title = r.optional_text("title", title).value_or("");
        return finish(ref, r, std::move(m));
    }
    if (type == "group_rename") {
        group_rename_message m;
        m.group = r.text("group", id);
        m.title = r.text("title", title);
        return finish(ref, r, std::move(m));
    }
    group_promote_message m;
    m.group = r.text("group", id);
    m.title = r.optional_text("title", title);
    m.description = r.optional_text("description", lines(limits.max_description_chars, true));
    return finish(ref, r, std::move(m));
}

parse_result read_working_group_message(json const& ref, json const& obj,
                                        message_limits const& limits, std::string const& type) {
    core::json_fields r(obj);
    auto const objective = r.text("objective", line(limits.max_id_chars));
    if (type == "volunteer" || type == "unvolunteer")
        return finish(ref, r, volunteer_message{objective, type == "unvolunteer"});
    if (type == "working_group_remove") {
        working_group_remove_message m{
            objective, r.text("name", line(limits.max_name_chars)),
            r.text("organization", line(limits.max_organization_chars, true))};
        return finish(ref, r, std::move(m));
    }
    working_group_status_message m;
    m.objective = objective;
    m.status = group_status_from_string(r.choice("status", {"forming", "composed", "enabled"}))
                   .value_or(group_status::forming);
    m.start_date = r.date("start_date").value_or("");
    if (r.ok() && m.status == group_status::enabled && m.start_date.empty())
        r.fail("start_date", core::field_problem::missing,
               "field 'start_date' is needed to enable a working group");
    return finish(ref, r, std::move(m));
}

} // namespace

parse_result parse_client_message(std::string_view frame, message_limits const& limits) {
    if (!core::is_valid_utf8(frame))
        return fail(nullptr, errc::invalid_utf8, "the frame is not valid UTF-8");
    if (nesting_depth(frame) > limits.max_json_depth)
        return fail(nullptr, errc::too_deep,
                    "the frame nests deeper than " + std::to_string(limits.max_json_depth));
    json obj = json::parse(frame, nullptr, /*allow_exceptions=*/false);
    if (obj.is_discarded())
        return fail(nullptr, errc::bad_json, "the frame is not valid JSON");
    if (!obj.is_object())
        return fail(nullptr, errc::bad_message, "a message must be a JSON object");

    json ref = nullptr;
    if (auto const it = obj.find("ref"); it != obj.end()) {
        if (it->is_string() && it->get_ref<std::string const&>().size() <= limits.max_id_chars)
            ref = *it;
        else if (it->is_number_integer())
            ref = *it;
        else
            return fail(nullptr, errc::bad_message,
                        "field 'ref' must be a string of at most " +
                            std::to_string(limits.max_id_chars) + " bytes or an integer");
    } else {
        return fail(nullptr, errc::bad_message, "field 'ref' is missing");
    }

    auto const type_it = obj.find("type");
    if (type_it == obj.end() || !type_it->is_string())
        return fail(ref, errc::bad_message, "field 'type' must be a string");
    auto const& type = type_it->get_ref<std::string const&>();
    if (type == "join")
        return read_join(ref, obj, limits);
    if (type == "submit")
        return read_submit(ref, obj, limits);
    if (type == "edit")
        return read_edit(ref, obj, limits);
    if (type == "withdraw")
        return read_target(ref, obj, limits, target_action::withdraw);
    if (type == "support")
        return read_target(ref, obj, limits, target_action::support);
    if (type == "unsupport")
        return read_target(ref, obj, limits, target_action::unsupport);
    if (type == "hide")
        return read_target(ref, obj, limits, target_action::hide);
    if (type == "restore")
        return read_target(ref, obj, limits, target_action::restore);
    if (type == "merge")
        return read_merge(ref, obj, limits);
    if (type == "set_phase")
        return read_phase(ref, obj);
    if (type == "lock") {
        core::json_fields r(obj);
        lock_message m{r.required_flag("locked")};
        return finish(ref, r, m);
    }
    if (type == "configure")
        return read_configure(ref, obj);
    if (type == "set_question") {
        core::json_fields r(obj);
        question_message m{r.text("question", core::question_rule)};
        return finish(ref, r, std::move(m));
    }
    if (type == "reveal")
        return client_message{ref, reveal_message{}};
    if (type == "remove_participant") {
        core::json_fields r(obj);
        remove_message m{r.text("participant", line(limits.max_id_chars))};
        return finish(ref, r, std::move(m));
    }
    if (type == "timer") {
        core::json_fields r(obj);
        timer_message m{
            r.required_integer("seconds", timer_seconds_range.min, timer_seconds_range.max)};
        return finish(ref, r, m);
    }
    if (type == "ping")
        return client_message{ref, ping_message{}};
    if (type == "cluster_run")
        return client_message{ref, cluster_run_message{}};
    if (type == "group_move" || type == "group_merge" || type == "group_split" ||
        type == "group_rename" || type == "group_promote")
        return read_board_message(ref, obj, limits, type);
    if (type == "volunteer" || type == "unvolunteer" || type == "working_group_remove" ||
        type == "working_group_status")
        return read_working_group_message(ref, obj, limits, type);
    return fail(ref, errc::unknown_type, "unknown message type '" + quote_start(type, 32) + "'");
}

std::string make_ack(nlohmann::json const& ref, nlohmann::json result) {
    json j{{"type", "ack"}, {"ref", ref}};
    if (!result.is_null())
        j["result"] = std::move(result);
    return j.dump();
}

std::string make_alert(std::string_view code, std::string_view message) {
    return json{{"type", "alert"}, {"code", code}, {"message", message}}.dump();
}

namespace {
struct error_tally {
    std::mutex mutex;
    std::map<std::string, std::uint64_t, std::less<>> counts;
};
error_tally& tally() {
    static error_tally t;
    return t;
}
} // namespace

std::map<std::string, std::uint64_t> errors_sent() {
    auto& t = tally();
    std::lock_guard lock(t.mutex);
    return {t.counts.begin(), t.counts.end()};
}

std::string make_error(nlohmann::json const& ref, std::string_view code, std::string_view message) {
    return make_error(ref, code, message, json::object());
}

std::string make_error(nlohmann::json const& ref, std::string_view code, std::string_view message,
                       nlohmann::json const& more) {
    {
        auto& t = tally();
        std::lock_guard lock(t.mutex);
        auto const it = t.counts.find(code);
        if (it == t.counts.end())
            t.counts.emplace(std::string(code), 1);
        else
            ++it->second;
    }
    // A message quoting client text must never throw: invalid UTF-8 in it
    // comes out as U+FFFD.
    json frame{{"type", "error"}, {"ref", ref}, {"code", code}, {"message", message}};
    for (auto const& [key, value] : more.items())
        frame[key] = value;
    return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace tavolo::live
