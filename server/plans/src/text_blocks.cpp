#include "tavolo/plans/text_blocks.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace tavolo::plans {
namespace {

std::string_view trimmed(std::string_view s) {
    auto const first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Whether `line` is a bullet line ("- x", "* x", "• x", or the bullet
// alone); if so, `item` is its text.
bool is_bullet(std::string_view line, std::string_view& item) {
    static constexpr std::array<std::string_view, 3> markers{"-", "*", "\xE2\x80\xA2"};
    for (auto const m : markers) {
        if (line.substr(0, m.size()) != m)
            continue;
        auto const rest = line.substr(m.size());
        if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t')
            continue; // "-5 %" or "**bold**": text, not a bullet
        item = trimmed(rest);
        return true;
    }
    return false;
}

} // namespace

std::vector<text_block> text_blocks(std::string const& text) {
    std::vector<text_block> blocks;
    bool open = false; // the last block takes the next line
    std::string_view const all = text;
    for (std::size_t at = 0; at <= all.size();) {
        auto const end = std::min(all.find('\n', at), all.size());
        auto const line = trimmed(all.substr(at, end - at));
        at = end + 1;
        if (line.empty()) {
            open = false;
            continue;
        }
        std::string_view item;
        bool const bullet = is_bullet(line, item);
        if (bullet && item.empty())
            continue;
        if (!open || blocks.back().list != bullet)
            blocks.push_back({bullet, {}});
        blocks.back().lines.emplace_back(bullet ? item : line);
        open = true;
    }
    return blocks;
}

line_and_items one_line(std::string const& text) {
    line_and_items out;
    for (auto const& b : text_blocks(text))
        for (auto const& line : b.lines)
            if (b.list)
                out.items.push_back(line);
            else
                out.line += (out.line.empty() ? "" : " ") + line;
    return out;
}

} // namespace tavolo::plans
