#include "tavolo/live/protocol.hpp"

#include "tavolo/live/utf8.hpp"

#include <cctype>

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
        auto const trimmed = trim(it->get_ref<std::string const&>());
        if (has_control_chars(trimmed, multiline))
            return fail(errc::control_characters,
                        std::string("field '") + name + "' holds control characters");
        if (trimmed.empty() && !allow_empty)
            return fail(errc::text_empty, std::string("field '") + name + "' is empty");
        if (auto const n = count_code_points(trimmed); n > max_chars)
            return fail(errc::text_too_long, std::string("field '") + name + "' has " +
                                                 std::to_string(n) + " characters, at most " +
                                                 std::to_string(max_chars) + " allowed");
        return std::string(trimmed);
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
    m.code = normalize_join_code(r.text("code", 32, false));
    if (r.has("secret"))
        m.secret = r.text("secret", 128, false);
    m.name = r.text("name", limits.max_name_chars, false);
    // A facilitator may leave the body empty; a participant must name it.
    m.organization =
        r.text("organization", limits.max_organization_chars, false, m.secret.has_value());
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

} // namespace

parse_result parse_client_message(std::string_view frame, message_limits const& limits) {
    if (!is_valid_utf8(frame))
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
    if (type == "ping")
        return client_message{ref, ping_message{}};
    return fail(ref, errc::unknown_type, "unknown message type '" + type.substr(0, 32) + "'");
}

std::string normalize_join_code(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (char c : typed) {
        auto const u = static_cast<unsigned char>(c);
        if (c == '-' || c == ' ')
            continue;
        out.push_back(static_cast<char>(std::toupper(u)));
    }
    return out;
}

std::string make_ack(nlohmann::json const& ref, nlohmann::json result) {
    json j{{"type", "ack"}, {"ref", ref}};
    if (!result.is_null())
        j["result"] = std::move(result);
    return j.dump();
}

std::string make_error(nlohmann::json const& ref, std::string_view code, std::string_view message) {
    return json{{"type", "error"}, {"ref", ref}, {"code", code}, {"message", message}}.dump();
}

nlohmann::json contribution_json(contribution const& c) {
    return json{{"id", c.id},
                {"seq", c.seq},
                {"kind", to_string(c.kind)},
                {"text", c.text},
                {"author", {{"name", c.author_name}, {"organization", c.author_organization}}},
                {"created_at", c.created_at_ms}};
}

std::string make_contribution_event(contribution const& c) {
    return json{{"type", "contribution"}, {"seq", c.seq}, {"contribution", contribution_json(c)}}
        .dump();
}

} // namespace tavolo::live
