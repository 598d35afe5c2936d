// What both fuzz targets use to state the promises they check.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tavolo::fuzz {

// A broken promise aborts, so that libFuzzer keeps the input as a crash.
inline void expect(bool ok, char const* what) {
    if (!ok) {
        std::fprintf(stderr, "broken promise: %s\n", what);
        std::abort();
    }
}

// Whether nlohmann::json writes `s`: its strict UTF-8 check, which every
// text the server sends (frames, titles, keywords) goes through.
inline bool json_writes(std::string_view s) {
    try {
        (void)nlohmann::json(std::string(s)).dump();
        return true;
    } catch (nlohmann::json::type_error const&) {
        return false;
    }
}

} // namespace tavolo::fuzz
