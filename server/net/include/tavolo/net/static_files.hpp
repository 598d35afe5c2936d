// Mapping request targets to files under the web root, refusing anything that
// would leave it. Pure functions, callable from any thread.
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

} // namespace tavolo::net
