#include "support.hpp"

#include "tavolo/core/utf8.hpp"

#include <regex>

namespace tavolo::api {

void refuse(std::string message) {
    throw refusal{400, "bad_request", std::move(message)};
}

net::api_response ok(json const& body, unsigned status) {
    net::api_response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

json parse_body(std::string const& text) {
    auto body = json::parse(text, nullptr, false);
    if (body.is_discarded())
        refuse("the body must be JSON");
    return body;
}

std::string text_field(json const& body, char const* key, std::size_t max_chars, bool allow_empty) {
    auto const& v = body[key];
    if (!v.is_string())
        refuse(std::string("'") + key + "' must be a string");
    auto s = v.get<std::string>();
    if (!core::is_valid_utf8(s))
        refuse(std::string("'") + key + "' is not valid UTF-8");
    if (core::has_control_chars(s, true))
        refuse(std::string("'") + key + "' has a control character");
    if (core::count_code_points(s) > max_chars)
        refuse(std::string("'") + key + "' is longer than " + std::to_string(max_chars) +
               " characters");
    if (!allow_empty && s.find_first_not_of(" \t\r\n") == std::string::npos)
        refuse(std::string("'") + key + "' must not be empty");
    return s;
}

bool flag(json const& body, char const* key) {
    if (!body.contains(key))
        return false;
    if (!body[key].is_boolean())
        refuse(std::string("'") + key + "' must be true or false");
    return body[key].get<bool>();
}

bool is_month(std::string const& s) {
    static std::regex const month(R"(\d{4}-(0[1-9]|1[0-2]))");
    return std::regex_match(s, month);
}

bool is_date(std::string const& s) {
    static std::regex const date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    return std::regex_match(s, date);
}

bool is_slug(std::string const& s) {
    static std::regex const slug(R"([a-z0-9]+(-[a-z0-9]+)*)");
    return s.size() <= 60 && std::regex_match(s, slug);
}

std::optional<std::int64_t> whole_number(std::string const& text, std::int64_t low,
                                         std::int64_t high) {
    try {
        std::size_t used = 0;
        auto const n = std::stoll(text, &used);
        if (used == text.size() && n >= low && n <= high)
            return n;
    } catch (std::exception const&) {
    }
    return std::nullopt;
}

std::string facilitator_link(std::string const& shown_code, std::string const& secret) {
    return "/#/facilitate/" + shown_code + "/" + secret;
}

} // namespace tavolo::api
