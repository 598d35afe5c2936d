#include "tavolo/live/protocol.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/core/utf8.hpp"

#include <cctype>
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

// Reads the fields of one message object; keeps the first error and turns
// every later read into a no-op, so a reader states its fields in order.
class field_reader {
public:
    explicit field_reader(json const& obj) : obj_(obj) {}

    bool has(char const* name) const {
        auto const it = obj_.find(name);
        return it != obj_.end() && !it->is_null();
    }

    // A string field, trimmed, checked for control characters and for its
    // length in code points.
    std::string text(char const* name, std::size_t max_chars, bool multiline,
                     bool allow_empty = false) {
        if (error_)
            return {};
        auto const it = obj_.find(name);
        if (it == obj_.end() || !it->is_string())
            return fail(errc::bad_message, std::string("field '") + name + "' must be a string");
        auto const trimmed = core::trim(it->get_ref<std::string const&>());
        if (core::has_control_chars(trimmed, multiline))
            return fail(errc::control_characters,
                        std::string("field '") + name + "' holds control characters");
        if (trimmed.empty() && !allow_empty)
            return fail(errc::text_empty, std::string("field '") + name + "' is empty");
        if (auto const n = core::count_code_points(trimmed); n > max_chars)
            return fail(errc::text_too_long, std::string("field '") + name + "' has " +
                                                 std::to_string(n) + " characters, at most " +
                                                 std::to_string(max_chars) + " allowed");
        return std::string(trimmed);
    }

    // An optional boolean.
    std::optional<bool> flag(char const* name) {
        if (error_ || !has(name))
            return std::nullopt;
        auto const& v = obj_.at(name);
        if (!v.is_boolean()) {
            fail(errc::bad_message, std::string("field '") + name + "' must be true or false");
            return std::nullopt;
        }
        return v.get<bool>();
    }

    // An optional integer within [lo, hi].
    std::optional<std::int64_t> integer(char const* name, std::int64_t lo, std::int64_t hi) {
        if (error_ || !has(name))
            return std::nullopt;
        auto const& v = obj_.at(name);
        if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi ||
            (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi))) {
            fail(errc::bad_message, std::string("field '") + name + "' must be an integer from " +
                                        std::to_string(lo) + " to " + std::to_string(hi));
            return std::nullopt;
        }
        return v.get<std::int64_t>();
    }

    std::int64_t required_integer(char const* name, std::int64_t lo, std::int64_t hi) {
        if (!error_ && !has(name))
            fail(errc::bad_message, std::string("field '") + name + "' is missing");
        return integer(name, lo, hi).value_or(0);
    }

    bool required_flag(char const* name) {
        if (!error_ && !has(name))
            fail(errc::bad_message, std::string("field '") + name + "' is missing");
        return flag(name).value_or(false);
    }

    // A list of 1..max_items short strings.
    std::vector<std::string> id_list(char const* name, std::size_t max_items,
                                     std::size_t max_chars) {
        if (error_)
            return {};
        auto const it = obj_.find(name);
        if (it == obj_.end() || !it->is_array() || it->empty() || it->size() > max_items) {
            fail(errc::bad_message, std::string("field '") + name + "' must be a list of 1 to " +
                                        std::to_string(max_items) + " ids");
            return {};
        }
        std::vector<std::string> out;
        for (auto const& v : *it) {
            if (!v.is_string() || v.get_ref<std::string const&>().empty() ||
                core::count_code_points(v.get_ref<std::string const&>()) > max_chars) {
                fail(errc::bad_message, std::string("field '") + name + "' must hold ids");
                return {};
            }
            out.push_back(v.get<std::string>());
        }
        return out;
    }

    contribution_kind kind(char const* name) {
        auto const k = kind_from_string(text(name, 16, false));
        if (!k && !error_)
            fail(errc::bad_message,
                 std::string("field '") + name + "' must be proposal, need or activity");
        return k.value_or(contribution_kind::proposal);
    }

    std::optional<protocol_error> const& error() const { return error_; }

private:
    std::string fail(std::string_view code, std::string message) {
        error_ = protocol_error{code, std::move(message)};
        return {};
    }

    json const& obj_;
    std::optional<protocol_error> error_;
};

template <typename Body>
parse_result finish(json const& ref, field_reader const& reader, Body body) {
    if (reader.error())
        return parse_failure{ref, *reader.error()};
    return client_message{ref, std::move(body)};
}

parse_result read_join(json const& ref, json const& obj, message_limits const& limits) {
    field_reader r(obj);
    join_message m;
    m.code = core::normalize_join_code(r.text("code", 32, false));
    if (r.has("secret"))
        m.secret = r.text("secret", 128, false);
    if (r.has("coordinator_token"))
        m.coordinator_token = r.text("coordinator_token", 256, false);
    if (r.has("resume"))
        m.resume = r.text("resume", 128, false);
    m.since = r.integer("since", 0, std::numeric_limits<std::int64_t>::max());
    m.name = r.text("name", limits.max_name_chars, false);
    // Staff may leave the body empty; a participant must name it.
    m.organization = r.text("organization", limits.max_organization_chars, false,
                            m.secret.has_value() || m.coordinator_token.has_value());
    return finish(ref, r, std::move(m));
}

parse_result read_submit(json const& ref, json const& obj, message_limits const& limits) {
    field_reader r(obj);
    submit_message m;
    m.id = r.text("id", limits.max_id_chars, false);
    m.kind = r.kind("kind");
    m.text = r.text("text", limits.max_text_chars, true);
    return finish(ref, r, std::move(m));
}

parse_result read_edit(json const& ref, json const& obj, message_limits const& limits) {
    field_reader r(obj);
    edit_message m;
    m.id = r.text("id", limits.max_id_chars, false);
    m.text = r.text("text", limits.max_text_chars, true);
    return finish(ref, r, std::move(m));
}

parse_result read_target(json const& ref, json const& obj, message_limits const& limits,
                         target_action action) {
    field_reader r(obj);
    target_message m{action, r.text("id", limits.max_id_chars, false)};
    return finish(ref, r, std::move(m));
}

parse_result read_merge(json const& ref, json const& obj, message_limits const& limits) {
    field_reader r(obj);
    merge_message m;
    m.keep = r.text("keep", limits.max_id_chars, false);
    m.ids = r.id_list("ids", limits.max_merge_ids, limits.max_id_chars);
    return finish(ref, r, std::move(m));
}

parse_result read_phase(json const& ref, json const& obj) {
    field_reader r(obj);
    phase_message m;
    auto const name = r.text("phase", 16, false);
    auto const phase = phase_from_string(name);
    if (!r.error() && !phase)
        return parse_failure{ref,
                             {errc::bad_message,
                              "field 'phase' must be lobby, collect, cluster, vote, plan "
                              "or closed"}};
    m.phase = phase.value_or(meeting_phase::lobby);
    return finish(ref, r, m);
}

parse_result read_configure(json const& ref, json const& obj) {
    field_reader r(obj);
    configure_message m;
    m.anonymous = r.flag("anonymous");
    m.private_writing = r.flag("private_writing");
    m.support_budget = r.integer("support_budget", 0, 1000);
    m.max_supports_per_contribution = r.integer("max_supports_per_contribution", 1, 100);
    return finish(ref, r, m);
}

parse_result read_board_message(json const& ref, json const& obj, message_limits const& limits,
                                std::string const& type) {
    field_reader r(obj);
    if (type == "group_move") {
        group_move_message m;
        m.contribution = r.text("contribution", limits.max_id_chars, false);
        // "group": null (or absent) takes the contribution out of every group.
        if (r.has("group") && !obj.at("group").is_null())
            m.group = r.text("group", limits.max_id_chars, false);
        return finish(ref, r, std::move(m));
    }
    if (type == "group_merge") {
        group_merge_message m;
        m.keep = r.text("keep", limits.max_id_chars, false);
        m.groups = r.id_list("groups", limits.max_merge_ids, limits.max_id_chars);
        return finish(ref, r, std::move(m));
    }
    if (type == "group_split") {
        group_split_message m;
        m.group = r.text("group", limits.max_id_chars, false);
        m.ids = r.id_list("ids", limits.max_split_ids, limits.max_id_chars);
        if (r.has("title"))
            m.title = r.text("title", limits.max_title_chars, false);
        return finish(ref, r, std::move(m));
    }
    if (type == "group_rename") {
        group_rename_message m;
        m.group = r.text("group", limits.max_id_chars, false);
        m.title = r.text("title", limits.max_title_chars, false);
        return finish(ref, r, std::move(m));
    }
    group_promote_message m;
    m.group = r.text("group", limits.max_id_chars, false);
    if (r.has("title"))
        m.title = r.text("title", limits.max_title_chars, false);
    if (r.has("description"))
        m.description = r.text("description", limits.max_description_chars, true, true);
    return finish(ref, r, std::move(m));
}

parse_result read_working_group_message(json const& ref, json const& obj,
                                        message_limits const& limits, std::string const& type) {
    field_reader r(obj);
    auto const objective = r.text("objective", limits.max_id_chars, false);
    if (type == "volunteer" || type == "unvolunteer")
        return finish(ref, r, volunteer_message{objective, type == "unvolunteer"});
    if (type == "working_group_remove") {
        working_group_remove_message m{
            objective, r.text("name", limits.max_name_chars, false),
            r.text("organization", limits.max_organization_chars, false, true)};
        return finish(ref, r, std::move(m));
    }
    working_group_status_message m;
    m.objective = objective;
    auto const status = group_status_from_string(r.text("status", 16, false));
    if (!r.error() && !status)
        return parse_failure{
            ref, {errc::bad_message, "field 'status' must be forming, composed or enabled"}};
    m.status = status.value_or(group_status::forming);
    if (r.has("start_date") && !obj.at("start_date").is_null())
        m.start_date = r.text("start_date", 10, false);
    if (!r.error() && !m.start_date.empty() && !is_iso_date(m.start_date))
        return parse_failure{ref,
                             {errc::bad_message, "field 'start_date' must be a date YYYY-MM-DD"}};
    if (!r.error() && m.status == group_status::enabled && m.start_date.empty())
        return parse_failure{
            ref, {errc::bad_message, "field 'start_date' is needed to enable a working group"}};
    return finish(ref, r, std::move(m));
}

} // namespace

bool is_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9')
            return false;
    auto const num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (s[i] - '0');
        return v;
    };
    int const year = num(0, 4), month = num(5, 2), day = num(8, 2);
    if (month < 1 || month > 12 || day < 1)
        return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool const leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

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
        field_reader r(obj);
        lock_message m{r.required_flag("locked")};
        return finish(ref, r, m);
    }
    if (type == "configure")
        return read_configure(ref, obj);
    if (type == "reveal")
        return client_message{ref, reveal_message{}};
    if (type == "remove_participant") {
        field_reader r(obj);
        remove_message m{r.text("participant", limits.max_id_chars, false)};
        return finish(ref, r, std::move(m));
    }
    if (type == "timer") {
        field_reader r(obj);
        timer_message m{r.required_integer("seconds", 0, 86400)};
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
    return json{{"type", "error"}, {"ref", ref}, {"code", code}, {"message", message}}.dump(
        -1, ' ', false, json::error_handler_t::replace);
}

} // namespace tavolo::live
