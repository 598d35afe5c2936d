#include "tavolo/core/text_checks.hpp"

#include "tavolo/core/utf8.hpp"

namespace tavolo::core {

bool has_bidi_controls(std::string_view s) noexcept {
    // U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9.
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) != 0xE2)
            continue;
        auto const b1 = static_cast<unsigned char>(s[i + 1]);
        auto const b2 = static_cast<unsigned char>(s[i + 2]);
        if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE)
            return true;
        if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)
            return true;
    }
    return false;
}

text_verdict check_text(std::string_view raw, text_rule const& rule) noexcept {
    text_verdict v{trim(raw)};
    auto const refuse = [&](text_problem p) {
        v.problem = p;
        return v;
    };
    if (!is_valid_utf8(v.text))
        return refuse(text_problem::invalid_utf8);
    if (has_control_chars(v.text, rule.multiline))
        return refuse(text_problem::control_characters);
    if (!rule.multiline && has_bidi_controls(v.text))
        return refuse(text_problem::bidi_controls);
    if (v.text.empty() && !rule.allow_empty)
        return refuse(text_problem::empty);
    v.chars = count_code_points(v.text);
    if (v.chars > rule.max_chars)
        return refuse(text_problem::too_long);
    return v;
}

std::string double_quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace tavolo::core
