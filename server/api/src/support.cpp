#include "support.hpp"

#include <cctype>
#include <charconv>
#include <regex>

namespace tavolo::api {

void refuse(std::string message) {
    throw refusal{400, "bad_request", std::move(message)};
}

void refuse_if_bad(core::json_fields const& fields) {
    if (auto const& e = fields.error())
        refuse(e->message);
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

void expect_no_fields(std::string const& body) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        return;
    auto const parsed = parse_body(body);
    core::json_fields f(parsed);
    f.allow_only({});
    refuse_if_bad(f);
}

std::vector<std::string> text_list(core::json_fields& fields, std::string_view name,
                                   std::size_t max_items, core::text_rule const& rule) {
    std::vector<std::string> out;
    auto const* list = fields.array(name, max_items);
    if (!list)
        return out;
    for (std::size_t i = 0; i < list->size() && fields.ok(); ++i) {
        // Each element is read as a field of its own, named as in the body.
        auto const key = std::string(name) + "[" + std::to_string(i) + "]";
        json const one{{key, (*list)[i]}};
        core::json_fields element(one);
        out.push_back(element.text(key, rule));
        fields.take_error_from(element);
    }
    return out;
}

bool is_slug(std::string const& s) {
    static std::regex const slug(R"([a-z0-9]+(-[a-z0-9]+)*)");
    return s.size() <= 60 && std::regex_match(s, slug);
}

std::optional<std::int64_t> whole_number(std::string const& text, std::int64_t low,
                                         std::int64_t high) {
    // The whole text, digits only (from_chars takes no '+', space or "0x"):
    // "2027x", " 2027" and "+5" are not numbers here.
    std::int64_t n = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && end == text.data() + text.size() && n >= low && n <= high)
        return n;
    return std::nullopt;
}

std::string facilitator_link(std::string const& shown_code, std::string const& secret) {
    return "/#/facilitate/" + shown_code + "/" + secret;
}

std::optional<std::string> public_base_url(site_options const& site, net::api_request const& req) {
    if (!site.public_url.empty())
        return site.public_url;
    auto const host = req.headers.find("host");
    if (host == req.headers.end() || host->second.empty() || host->second.size() > 255)
        return std::nullopt;
    for (unsigned char c : host->second)
        if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']')
            return std::nullopt;
    return std::string(req.secure ? "https://" : "http://") + host->second;
}

} // namespace tavolo::api
