#include "tavolo/core/json_fields.hpp"

#include "tavolo/core/calendar.hpp"
#include "tavolo/core/utf8.hpp"

#include <algorithm>

namespace tavolo::core {
namespace {

using json = nlohmann::json;

// At most the first `max_bytes` of `s`, cut between characters: a key quoted
// in a message goes out as JSON, which refuses broken UTF-8.
std::string quote_start(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes)
        return std::string(s);
    while (max_bytes > 0 && (static_cast<unsigned char>(s[max_bytes]) & 0xC0) == 0x80)
        --max_bytes;
    return std::string(s.substr(0, max_bytes));
}

// "a, b or c"
std::string one_of(std::initializer_list<std::string_view> options) {
    std::string out;
    std::size_t i = 0;
    for (auto o : options) {
        if (i > 0)
            out += i + 1 == options.size() ? " or " : ", ";
        out += o;
        ++i;
    }
    return out;
}

} // namespace

std::string_view problem_code(field_problem p) noexcept {
    switch (p) {
    case field_problem::not_an_object:
        return "not_an_object";
    case field_problem::unknown_field:
        return "unknown_field";
    case field_problem::missing:
        return "missing";
    case field_problem::wrong_type:
        return "wrong_type";
    case field_problem::out_of_range:
        return "out_of_range";
    case field_problem::invalid_utf8:
        return "invalid_utf8";
    case field_problem::control_characters:
        return "control_characters";
    case field_problem::bidi_controls:
        return "bidi_controls";
    case field_problem::empty:
        return "empty";
    case field_problem::too_long:
        return "too_long";
    case field_problem::bad_date:
        return "bad_date";
    case field_problem::bad_month:
        return "bad_month";
    case field_problem::bad_choice:
        return "bad_choice";
    }
    return "unknown";
}

json_fields::json_fields(json const& obj, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {
    if (obj_.is_object())
        return;
    if (prefix_.empty()) {
        error_ = field_error{"", field_problem::not_an_object, "the body must be a JSON object"};
    } else {
        auto name = prefix_.substr(0, prefix_.size() - 1); // without its '.'
        auto message = "field '" + name + "' must be a JSON object";
        error_ = field_error{std::move(name), field_problem::not_an_object, std::move(message)};
    }
}

std::string json_fields::quoted(std::string_view name) const {
    return "field '" + prefix_ + std::string(name) + "'";
}

json const* json_fields::find(std::string_view name) const {
    if (!obj_.is_object())
        return nullptr;
    auto const it = obj_.find(std::string(name));
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
}

bool json_fields::has(std::string_view name) const {
    return find(name) != nullptr;
}

void json_fields::fail(std::string_view name, field_problem problem, std::string message) {
    if (!error_)
        error_ = field_error{prefix_ + std::string(name), problem, std::move(message)};
}

void json_fields::take_error_from(json_fields const& inner) {
    if (!error_ && inner.error_)
        error_ = inner.error_;
}

void json_fields::allow_only(std::initializer_list<std::string_view> known) {
    if (error_)
        return;
    for (auto const& [key, value] : obj_.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            auto const k = quote_start(key, 64);
            fail(k, field_problem::unknown_field, quoted(k) + " is not known");
            return;
        }
    }
}

std::string json_fields::text(std::string_view name, text_rule const& rule) {
    if (error_)
        return {};
    auto const* v = find(name);
    if (!v || !v->is_string()) {
        fail(name, v ? field_problem::wrong_type : field_problem::missing,
             quoted(name) + " must be a string");
        return {};
    }
    auto const verdict = check_text(v->get_ref<std::string const&>(), rule);
    switch (verdict.problem) {
    case text_problem::none:
        return std::string(verdict.text);
    case text_problem::invalid_utf8:
        fail(name, field_problem::invalid_utf8, quoted(name) + " is not valid UTF-8");
        break;
    case text_problem::control_characters:
        fail(name, field_problem::control_characters, quoted(name) + " holds control characters");
        break;
    case text_problem::bidi_controls:
        fail(name, field_problem::bidi_controls,
             quoted(name) + " holds bidirectional control characters");
        break;
    case text_problem::empty:
        fail(name, field_problem::empty, quoted(name) + " is empty");
        break;
    case text_problem::too_long:
        fail(name, field_problem::too_long,
             quoted(name) + " has " + std::to_string(verdict.chars) + " characters, at most " +
                 std::to_string(rule.max_chars) + " allowed");
        break;
    }
    return {};
}

std::optional<std::string> json_fields::optional_text(std::string_view name,
                                                      text_rule const& rule) {
    if (error_ || !has(name))
        return std::nullopt;
    auto s = text(name, rule);
    if (error_)
        return std::nullopt;
    return s;
}

std::optional<std::string> json_fields::date(std::string_view name, bool allow_empty) {
    auto s = optional_text(name, text_rule{10, false, allow_empty});
    if (s && !s->empty() && !is_iso_date(*s)) {
        fail(name, field_problem::bad_date, quoted(name) + " must be a date YYYY-MM-DD");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> json_fields::month(std::string_view name, bool allow_empty) {
    auto s = optional_text(name, text_rule{7, false, allow_empty});
    if (s && !s->empty() && !is_iso_month(*s)) {
        fail(name, field_problem::bad_month, quoted(name) + " must be a month YYYY-MM");
        return std::nullopt;
    }
    return s;
}

std::string json_fields::choice(std::string_view name,
                                std::initializer_list<std::string_view> options) {
    if (error_)
        return {};
    auto const* v = find(name);
    auto const value = v && v->is_string() ? trim(v->get_ref<std::string const&>()) : "";
    if (std::find(options.begin(), options.end(), value) != options.end() && !value.empty())
        return std::string(value);
    fail(name,
         !v               ? field_problem::missing
         : v->is_string() ? field_problem::bad_choice
                          : field_problem::wrong_type,
         quoted(name) + " must be " + one_of(options));
    return {};
}

std::optional<bool> json_fields::flag(std::string_view name) {
    if (error_ || !has(name))
        return std::nullopt;
    auto const* v = find(name);
    if (!v->is_boolean()) {
        fail(name, field_problem::wrong_type, quoted(name) + " must be true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

bool json_fields::required_flag(std::string_view name) {
    if (!error_ && !has(name))
        fail(name, field_problem::missing, quoted(name) + " is missing");
    return flag(name).value_or(false);
}

std::optional<std::int64_t> json_fields::integer(std::string_view name, std::int64_t lo,
                                                 std::int64_t hi) {
    if (error_ || !has(name))
        return std::nullopt;
    auto const* v = find(name);
    bool const integral = v->is_number_integer();
    // An unsigned value above INT64_MAX would wrap in get<int64_t>().
    bool const in_range =
        integral &&
        (v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(hi) &&
                                       static_cast<std::int64_t>(v->get<std::uint64_t>()) >= lo
                                 : v->get<std::int64_t>() >= lo && v->get<std::int64_t>() <= hi);
    if (!in_range) {
        fail(name, integral ? field_problem::out_of_range : field_problem::wrong_type,
             quoted(name) + " must be an integer from " + std::to_string(lo) + " to " +
                 std::to_string(hi));
        return std::nullopt;
    }
    return v->get<std::int64_t>();
}

std::int64_t json_fields::required_integer(std::string_view name, std::int64_t lo,
                                           std::int64_t hi) {
    if (!error_ && !has(name))
        fail(name, field_problem::missing, quoted(name) + " is missing");
    return integer(name, lo, hi).value_or(0);
}

std::vector<std::string> json_fields::id_list(std::string_view name, std::size_t max_items,
                                              std::size_t max_chars) {
    if (error_)
        return {};
    auto const* v = find(name);
    if (!v || !v->is_array() || v->empty() || v->size() > max_items) {
        fail(name,
             !v               ? field_problem::missing
             : !v->is_array() ? field_problem::wrong_type
                              : field_problem::out_of_range,
             quoted(name) + " must be a list of 1 to " + std::to_string(max_items) + " ids");
        return {};
    }
    std::vector<std::string> out;
    out.reserve(v->size());
    for (auto const& id : *v) {
        if (!id.is_string() || id.get_ref<std::string const&>().empty() ||
            count_code_points(id.get_ref<std::string const&>()) > max_chars) {
            fail(name, id.is_string() ? field_problem::out_of_range : field_problem::wrong_type,
                 quoted(name) + " must hold ids");
            return {};
        }
        out.push_back(id.get<std::string>());
    }
    return out;
}

json const* json_fields::array(std::string_view name, std::size_t max_items) {
    if (error_)
        return nullptr;
    auto const* v = find(name);
    if (!v || !v->is_array() || v->size() > max_items) {
        fail(name,
             !v               ? field_problem::missing
             : !v->is_array() ? field_problem::wrong_type
                              : field_problem::out_of_range,
             quoted(name) + " must be a list of at most " + std::to_string(max_items) + " items");
        return nullptr;
    }
    return v;
}

std::string json_fields::element_prefix(std::string_view name, std::size_t index) const {
    return prefix_ + std::string(name) + "[" + std::to_string(index) + "].";
}

} // namespace tavolo::core
