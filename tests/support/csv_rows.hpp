// Reads a CSV text back into its cells, strictly by RFC 4180 (quoted cells,
// doubled quotes, CRLF record ends): a test of an export fails on any byte a
// conforming reader would not accept.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace tavolo::test {

// The cells of a CSV text split by `separator` (RFC 4180 quoting), row by row.
inline std::vector<std::vector<std::string>> csv_rows(std::string const& text,
                                                      char separator = ',') {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                cell += text[++i];
            else if (c == '"')
                quoted = false;
            else
                cell += c;
        } else if (c == '"')
            quoted = true;
        else if (c == separator) {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
            ++i;
        } else
            FAIL("a byte outside a quoted cell: " << text.substr(i, 20));
    }
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

} // namespace tavolo::test
