// An objective's text as its author typed it, read as blocks: paragraphs,
// and bulleted lists where lines start with "- ", "* " or "• ". The exports
// render each block in their own markup (HTML <ul>, Markdown "- " items).
// A pure function over a value; any thread.
#pragma once

#include <string>
#include <vector>

namespace tavolo::plans {

struct text_block {
    bool list = false;              // a bulleted list: one line per item, markers removed
    std::vector<std::string> lines; // a paragraph's lines, or the list's items
};

// Blank lines end a block; a bullet line after a paragraph line starts a
// list and a plain line after a list starts a paragraph. Lines are trimmed
// of spaces at both ends; a bullet with nothing after it is no item.
std::vector<text_block> text_blocks(std::string const& text);

// A text shown on one line (a deliverable's, after its label): its
// paragraphs joined with spaces, and its list items apart, to go under it.
struct line_and_items {
    std::string line;
    std::vector<std::string> items;
};
line_and_items one_line(std::string const& text);

} // namespace tavolo::plans
