#include "tavolo/net/api.hpp"

#include "tavolo/core/utf8.hpp"

#include <nlohmann/json.hpp>

namespace tavolo::net {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto const slash = path.find('/', start);
        auto const end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            out.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 &&
                   hex_digit(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

} // namespace

api_response api_error(unsigned status, std::string_view code, std::string_view message) {
    api_response r;
    r.status = status;
    r.body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    return r;
}

std::optional<std::string> query_value(std::string_view query, std::string_view name) {
    std::size_t start = 0;
    while (start <= query.size()) {
        auto const amp = query.find('&', start);
        auto const part = query.substr(start, amp == std::string_view::npos ? std::string_view::npos
                                                                            : amp - start);
        auto const eq = part.find('=');
        if (percent_decode(part.substr(0, eq)) == name)
            return eq == std::string_view::npos ? std::string()
                                                : percent_decode(part.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        start = amp + 1;
    }
    return std::nullopt;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    std::size_t start = 0;
    while (start < header.size()) {
        auto const semi = header.find(';', start);
        auto const part = core::trim(header.substr(
            start, semi == std::string_view::npos ? std::string_view::npos : semi - start));
        auto const eq = part.find('=');
        if (eq != std::string_view::npos && core::trim(part.substr(0, eq)) == name)
            return std::string(core::trim(part.substr(eq + 1)));
        if (semi == std::string_view::npos)
            break;
        start = semi + 1;
    }
    return std::nullopt;
}

void api_router::add(std::string method, std::string const& pattern, api_handler handler,
                     body_kind body) {
    entries_.push_back({std::move(method), pattern, split_path(pattern), std::move(handler), body});
}

void api_router::add(std::string method, std::string const& pattern, api_sync_handler handler,
                     body_kind body) {
    add(std::move(method), pattern,
        api_handler(
            [h = std::move(handler)](api_request req, api_respond respond) { respond(h(req)); }),
        body);
}

api_router::match api_router::route(std::string_view method, std::string_view path) const {
    auto const segments = split_path(path);
    match m;
    for (auto const& e : entries_) {
        if (e.segments.size() != segments.size())
            continue;
        std::map<std::string, std::string> params;
        bool same = true;
        for (std::size_t i = 0; i < segments.size() && same; ++i) {
            auto const& p = e.segments[i];
            if (p.size() >= 2 && p.front() == '{' && p.back() == '}')
                params[p.substr(1, p.size() - 2)] = percent_decode(segments[i]);
            else
                same = p == segments[i];
        }
        if (!same)
            continue;
        bool const head_as_get = method == "HEAD" && e.method == "GET";
        if (e.method == method || head_as_get) {
            m.result = match::kind::found;
            m.handler = &e.handler;
            m.body = e.body;
            m.params = std::move(params);
            m.pattern = e.pattern;
            return m;
        }
        m.result = match::kind::no_method;
        if (m.allowed.find(e.method) == std::string::npos)
            m.allowed += (m.allowed.empty() ? "" : ", ") + e.method;
    }
    return m;
}

bool api_router::serves(std::string_view path) const {
    auto const segments = split_path(path);
    for (auto const& e : entries_) {
        // Under the same first two segments ("/api/v1"), or the same path.
        std::size_t const depth = std::min<std::size_t>(2, e.segments.size());
        if (segments.size() < depth)
            continue;
        bool same = true;
        for (std::size_t i = 0; i < depth && same; ++i)
            same = e.segments[i] == segments[i];
        if (same)
            return true;
    }
    return false;
}

std::vector<std::pair<std::string, std::string>> api_router::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto const& e : entries_)
        out.emplace_back(e.method, e.pattern);
    return out;
}

} // namespace tavolo::net
