#include "tavolo/plans/text_blocks.hpp"

#include <catch2/catch.hpp>

using tavolo::plans::line_and_items;
using tavolo::plans::one_line;
using tavolo::plans::text_block;
using tavolo::plans::text_blocks;

namespace {

bool same(std::vector<text_block> const& got, std::vector<text_block> const& want) {
    if (got.size() != want.size())
        return false;
    for (std::size_t i = 0; i < got.size(); ++i)
        if (got[i].list != want[i].list || got[i].lines != want[i].lines)
            return false;
    return true;
}

} // namespace

TEST_CASE("bullet lines make lists; other lines paragraphs", "[plans][text]") {
    CHECK(text_blocks("").empty());
    CHECK(text_blocks(" \n\n").empty());
    CHECK(same(text_blocks("Una riga\nseconda riga"), {{false, {"Una riga", "seconda riga"}}}));
    CHECK(same(text_blocks("Prima:\r\n- uno\r\n  * due \n\xE2\x80\xA2 tre\nDopo\n\nAltro"),
               {{false, {"Prima:"}},
                {true, {"uno", "due", "tre"}},
                {false, {"Dopo"}},
                {false, {"Altro"}}}));
    // A blank line between items ends one list and starts another.
    CHECK(same(text_blocks("- a\n\n- b"), {{true, {"a"}}, {true, {"b"}}}));
}

TEST_CASE("a dash or star that starts a word is text, and an empty bullet no item",
          "[plans][text]") {
    CHECK(same(text_blocks("-5 % di costi\n**grassetto**"),
               {{false, {"-5 % di costi", "**grassetto**"}}}));
    CHECK(same(text_blocks("- a\n-\n- b"), {{true, {"a", "b"}}}));
}

TEST_CASE("a one-line text keeps its list items apart", "[plans][text]") {
    auto const [line, items] = one_line("Linee guida\nper i comuni\n- uno\n- due");
    CHECK(line == "Linee guida per i comuni");
    CHECK(items == std::vector<std::string>{"uno", "due"});
    CHECK(one_line("").line.empty());
}
