// The rules for serving files under the web root: which file a request
// target names (refusing anything that would leave the root), its type, and
// the HTTP caching and content-coding decisions. Pure functions, callable
// from any thread; static_cache.hpp holds the files themselves.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace tavolo::net {

// The file under `root` that `target` names ("/" and directories give
// index.html), or nullopt when the target is malformed or leaves the root.
std::optional<std::filesystem::path> resolve_static_path(std::filesystem::path const& root,
                                                         std::string_view target);

// The Content-Type for a file name, by extension.
std::string_view mime_type(std::filesystem::path const& file);

// Whether a file of this name is worth compressing: text (html, css, js,
// mjs, svg, json, txt, map), not fonts or images, which are compressed already.
bool compressible(std::filesystem::path const& file);

// Whether an Accept-Encoding header value lets us answer with gzip: "gzip"
// (or "x-gzip", or "*" when gzip is not named) with a q-value above 0.
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match header value names `etag` (a quoted strong tag)
// or is "*". Compared weakly, as RFC 9110 says for If-None-Match.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// The Cache-Control for a request path. Vendor files live under a path
// segment naming the npm package and its version (/vendor/chart.js@4.6.1/...,
// made by scripts/vendor from the installed package.json): a new version is a
// new URL, so those bytes never change and may be kept for a year without
// asking. A path rather than a `?v=` query because the file lookup ignores
// the query: a stale `?v=` would get today's bytes, kept for a year, while a
// stale path is a 404 that the browser tests see. Everything else (the pages and the app's own JS
// and CSS, edited without renaming) is revalidated on each use, which the ETag makes cheap.
std::string_view cache_control(std::string_view path);

} // namespace tavolo::net
