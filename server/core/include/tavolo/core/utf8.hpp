// UTF-8 checks for text that arrives from clients: validity, length in code
// points, and control characters. Pure functions, callable from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace tavolo::core {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

// Number of code points in `s`, which must be valid UTF-8.
std::size_t count_code_points(std::string_view s) noexcept;

// True when `s` holds a C0/C1 control character or DEL. Newline and tab are
// allowed when `allow_newlines` (free text), refused in one-line fields (names).
bool has_control_chars(std::string_view s, bool allow_newlines) noexcept;

// `s` without leading and trailing ASCII white space.
std::string_view trim(std::string_view s) noexcept;

} // namespace tavolo::core
