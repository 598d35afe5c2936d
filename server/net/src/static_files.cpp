#include "tavolo/net/static_files.hpp"

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

} // namespace tavolo::net
