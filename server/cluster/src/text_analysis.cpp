#include "tavolo/cluster/text_analysis.hpp"

#include <cstdint>

namespace tavolo::cluster {
namespace {

// Decodes one code point at `i`, advancing it; returns 0xFFFD on a bad byte.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    auto const c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        auto const b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid
    // too: passed on, they would leave invalid UTF-8 (or a NUL) in the output.
    static constexpr std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::uint32_t lower(std::uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) // Latin-1 capitals, not ×
        return cp + 32;
    // Latin Extended-A pairs each capital with the next code point, except
    // where a letter with no pair shifts the parity.
    if (cp == 0x130) // İ
        return 'i';
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp % 2 == 1 ? cp + 1 : cp;
    if (cp == 0x178) // Ÿ
        return 0xFF;
    return cp;
}

bool is_word_char(std::uint32_t cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
        return true;
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) // Latin-1 small letters, not ÷
        return true;
    return cp >= 0x100 && cp <= 0x24F; // Latin Extended-A and -B
}

} // namespace

std::string fold_case(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto cp = next_code_point(text, i);
        if (cp == 0xFFFD)
            cp = ' ';
        else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x0060 || cp == 0x00B4)
            cp = '\'';
        append_utf8(out, lower(cp));
    }
    return out;
}

std::vector<std::string> tokenize(std::string_view text) {
    auto const folded = fold_case(text);
    std::vector<std::string> words;
    std::string current;
    for (std::size_t i = 0; i < folded.size();) {
        auto const start = i;
        auto const cp = next_code_point(folded, i);
        if (is_word_char(cp)) {
            current.append(folded, start, i - start);
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty())
        words.push_back(std::move(current));
    return words;
}

} // namespace tavolo::cluster
