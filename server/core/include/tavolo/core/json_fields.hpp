// Reading the fields of a JSON object sent by a client, for the live protocol
// and the REST API alike: the text rules of text_checks.hpp, real dates,
// integers in a range, booleans, lists of ids, and unknown keys refused.
// Never throws on the client's input: the reader keeps the first problem,
// with the field it concerns and a stable code, and turns every later read
// into a no-op, so a caller states its fields in order and looks at error()
// once. The live protocol maps the problem to its error codes, the API to a
// 400 naming the field. Not thread-safe (one reader per message); holds a
// reference to the object, which must outlive it.
//
// A REST handler, for example:
//
//   core::json_fields f(body);
//   f.allow_only({"status", "start_date", "members"});
//   auto const status = f.choice("status", {"forming", "composed", "enabled"});
//   auto const start = f.date("start_date", /*allow_empty=*/true);
//   if (auto const& e = f.error())
//       throw refusal{400, "bad_request", e->message}; // names e->field
#pragma once

#include "tavolo/core/text_checks.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::core {

enum class field_problem {
    not_an_object,      // the value read is not a JSON object
    unknown_field,      // a key the reader was not told about
    missing,            // a required field is absent or null
    wrong_type,         // a string where a boolean belongs, and so on
    out_of_range,       // a number outside its bounds, a list too long or empty
    invalid_utf8,       // only from text not parsed by nlohmann::json
    control_characters, // text_problem::control_characters
    bidi_controls,      // text_problem::bidi_controls
    empty,              // text_problem::empty
    too_long,           // text_problem::too_long
    bad_date,           // not a real YYYY-MM-DD date
    bad_month,          // not a YYYY-MM month
    bad_choice,         // not one of the values the field allows
};

// A stable name for the problem ("wrong_type", "too_long", ...), for logs and
// for protocols that pass it on.
std::string_view problem_code(field_problem p) noexcept;

struct field_error {
    std::string field; // as named in the message, "" for the object itself
    field_problem problem = field_problem::wrong_type;
    std::string message; // "field 'name' is empty": fit for the client
};

class json_fields {
public:
    // `prefix` names the object inside a larger one in messages, e.g.
    // "members[2]." gives "field 'members[2].confirmed' ...".
    explicit json_fields(nlohmann::json const& obj, std::string prefix = {});
    // The reader keeps a reference: a temporary object would dangle.
    json_fields(nlohmann::json&& obj, std::string prefix = {}) = delete;

    // Refuses the first key of the object that is not in `known`.
    void allow_only(std::initializer_list<std::string_view> known);

    // Whether the field is present and not null.
    bool has(std::string_view name) const;

    // A required string field, trimmed and checked by `rule`. Missing or not a
    // string: wrong_type ("must be a string").
    std::string text(std::string_view name, text_rule const& rule);
    // The same, for a field that may be absent or null (then nullopt).
    std::optional<std::string> optional_text(std::string_view name, text_rule const& rule);

    // An optional date YYYY-MM-DD or month YYYY-MM, trimmed; absent or null:
    // nullopt. With `allow_empty`, "" is read as "" (no date).
    std::optional<std::string> date(std::string_view name, bool allow_empty = false);
    std::optional<std::string> month(std::string_view name, bool allow_empty = false);

    // A required string field that must be one of `options`.
    std::string choice(std::string_view name, std::initializer_list<std::string_view> options);

    std::optional<bool> flag(std::string_view name);
    bool required_flag(std::string_view name);

    // An integer within [lo, hi]; a fractional number is a wrong type.
    std::optional<std::int64_t> integer(std::string_view name, std::int64_t lo, std::int64_t hi);
    std::int64_t required_integer(std::string_view name, std::int64_t lo, std::int64_t hi);

    // A required list of 1..max_items non-empty strings of at most max_chars
    // code points each (ids: not trimmed, compared as sent).
    std::vector<std::string> id_list(std::string_view name, std::size_t max_items,
                                     std::size_t max_chars);

    // A required array of at most max_items (possibly none); nullptr on error.
    // Read its objects with a json_fields of prefix element_prefix(name, i).
    nlohmann::json const* array(std::string_view name, std::size_t max_items);
    std::string element_prefix(std::string_view name, std::size_t index) const;

    // Records a problem found by the caller's own rule (kept only if first).
    void fail(std::string_view name, field_problem problem, std::string message);
    // Takes the error of a reader of a nested object, if this one has none.
    void take_error_from(json_fields const& inner);

    bool ok() const noexcept { return !error_; }
    std::optional<field_error> const& error() const noexcept { return error_; }

    // "field 'name'" with the prefix, for messages of the caller's own rules.
    std::string quoted(std::string_view name) const;

private:
    nlohmann::json const* find(std::string_view name) const;

    nlohmann::json const& obj_;
    std::string prefix_;
    std::optional<field_error> error_;
};

} // namespace tavolo::core
