#include "tavolo/core/utf8.hpp"

#include <cstdint>

namespace tavolo::core {

bool is_valid_utf8(std::string_view s) noexcept {
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    auto const* const end = p + s.size();
    while (p < end) {
        unsigned char const c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (static_cast<std::size_t>(end - p) < len)
            return false;
        for (std::size_t i = 1; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        static constexpr std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += len;
    }
    return true;
}

std::size_t count_code_points(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80)
            ++n;
    return n;
}

bool has_control_chars(std::string_view s, bool allow_newlines) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c < 0x20) {
            if (allow_newlines && (c == '\n' || c == '\t' || c == '\r'))
                continue;
            return true;
        }
        if (c == 0x7F)
            return true;
        // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
        if (c == 0xC2 && i + 1 < s.size()) {
            auto const n = static_cast<unsigned char>(s[i + 1]);
            if (n >= 0x80 && n <= 0x9F)
                return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view s) noexcept {
    auto const ws = " \t\r\n\f\v";
    auto const b = s.find_first_not_of(ws);
    if (b == std::string_view::npos)
        return {};
    auto const e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

} // namespace tavolo::core
