#include "tavolo/net/static_files.hpp"

#include "tavolo/core/utf8.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace tavolo::net {

std::optional<std::filesystem::path> resolve_static_path(std::filesystem::path const& root,
                                                         std::string_view target) {
    auto const query = target.find_first_of("?#");
    if (query != std::string_view::npos)
        target = target.substr(0, query);
    if (target.empty() || target.front() != '/')
        return std::nullopt;
    // No escapes, back-slashes or NULs: a plain path or nothing.
    if (target.find_first_of("%\\") != std::string_view::npos ||
        target.find('\0') != std::string_view::npos)
        return std::nullopt;
    std::filesystem::path relative;
    std::string_view rest = target.substr(1);
    while (!rest.empty()) {
        auto const slash = rest.find('/');
        auto const part = rest.substr(0, slash);
        if (part == "." || part == ".." || (!part.empty() && part.front() == '.'))
            return std::nullopt; // no parent steps, no hidden files
        if (!part.empty())
            relative /= std::filesystem::path(part);
        if (slash == std::string_view::npos)
            break;
        rest = rest.substr(slash + 1);
    }
    auto full = root / relative;
    std::error_code ec;
    if (relative.empty() || std::filesystem::is_directory(full, ec))
        full /= "index.html";
    return full;
}

std::string_view mime_type(std::filesystem::path const& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> types{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    }};
    auto const ext = file.extension().string();
    for (auto const& [e, t] : types)
        if (e == ext)
            return t;
    return "application/octet-stream";
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto const lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

// Calls `each(item)` for every comma-separated, trimmed, non-empty item.
template <typename Each> void for_each_item(std::string_view list, Each each) {
    while (!list.empty()) {
        auto const comma = list.find(',');
        if (auto const item = core::trim(list.substr(0, comma)); !item.empty())
            each(item);
        if (comma == std::string_view::npos)
            break;
        list = list.substr(comma + 1);
    }
}

// The q-value of one Accept-Encoding item ("gzip;q=0.5"): 1 when absent,
// 0 when malformed (a coding we cannot read is one we do not use).
double q_value(std::string_view params) {
    while (!params.empty()) {
        auto const semi = params.find(';');
        auto const param = core::trim(params.substr(0, semi));
        if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
            auto const value = param.substr(2);
            // RFC 9110's qvalue: 0[.ddd] or 1[.000].
            if (value.empty() || (value[0] != '0' && value[0] != '1'))
                return 0;
            double q = value[0] - '0';
            if (value.size() > 1) {
                if (value[1] != '.')
                    return 0;
                double scale = 0.1;
                for (auto const c : value.substr(2)) {
                    if (c < '0' || c > '9')
                        return 0;
                    q += (c - '0') * scale;
                    scale /= 10;
                }
            }
            return std::min(q, 1.0);
        }
        if (semi == std::string_view::npos)
            break;
        params = params.substr(semi + 1);
    }
    return 1;
}

} // namespace

bool compressible(std::filesystem::path const& file) {
    static constexpr std::array<std::string_view, 8> text{".html", ".css",  ".js",  ".mjs",
                                                          ".svg",  ".json", ".txt", ".map"};
    auto const ext = file.extension().string();
    return std::find(text.begin(), text.end(), ext) != text.end();
}

bool accepts_gzip(std::string_view accept_encoding) {
    std::optional<double> gzip, any;
    for_each_item(accept_encoding, [&](std::string_view item) {
        auto const semi = item.find(';');
        auto const coding = core::trim(item.substr(0, semi));
        auto const q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
            gzip = std::max(gzip.value_or(0), q);
        else if (coding == "*")
            any = q;
    });
    if (gzip)
        return *gzip > 0;
    return any && *any > 0;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    bool found = false;
    for_each_item(if_none_match, [&](std::string_view tag) {
        if (tag == "*")
            found = true;
        if (tag.size() > 2 && tag.substr(0, 2) == "W/")
            tag = tag.substr(2);
        if (tag == etag)
            found = true;
    });
    return found;
}

std::string_view cache_control(std::string_view path) {
    constexpr std::string_view vendor = "/vendor/";
    if (path.substr(0, vendor.size()) == vendor) {
        auto const segment =
            path.substr(vendor.size(), path.find('/', vendor.size()) - vendor.size());
        auto const at = segment.find('@');
        // name@version with a version that starts with a digit: 4.6.1, 2.0.0-rc.1
        if (at != std::string_view::npos && at > 0 && at + 1 < segment.size() &&
            segment[at + 1] >= '0' && segment[at + 1] <= '9' &&
            segment.size() < path.size() - vendor.size())
            return "public, max-age=31536000, immutable";
    }
    return "no-cache";
}

} // namespace tavolo::net
