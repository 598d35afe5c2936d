// Every export format with hostile text in every field of a plan: each field
// must stay text for its format (no markup, link, formula or broken row made
// from it), and a deliverable's link must stay one http(s) link.
#include "support/csv_rows.hpp"
#include "tavolo/plans/plan_document.hpp"
#include "tavolo/plans/quotes.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace tavolo;
using nlohmann::json;

namespace {

// Markup of every format at once: a formula, quotes and a line break (CSV),
// Markdown syntax and raw HTML (Markdown), tags and attribute breakouts (HTML).
std::string const hostile = "=HYPERLINK(\"http://evil\") \"q\" 'a' <img src=x onerror=alert(1)> "
                            "[l](javascript:alert(1)) *e* _u_ `c` ~~s~~ & &lt; | ! \\x\n"
                            "# title\n- item\n1. uno\n<script>alert(2)</script>";

json hostile_document(std::string const& status) {
    plans::objective_record o;
    o.id = "obj-1";
    o.status = "approved";
    o.year = 2027;
    o.title = hostile;
    o.description = hostile;
    o.needs_working_group = true;
    o.start_month = hostile;
    o.end_month = hostile;
    o.owners = {hostile, "+" + hostile};
    o.deliverable = {.description = hostile,
                     .due_month = hostile,
                     .status = hostile,
                     .link = "https://example.org/a b\"><img src=x>)(<script>",
                     .file_name = hostile,
                     .file_type = "text/plain",
                     .has_file = true};
    o.working_group = plans::working_group_row{
        hostile, hostile, {{"Anna", hostile, "", true, 1}, {"Bruno", "@" + hostile, "", true, 2}}};
    o.contributions = {{1, 1, "c1", hostile, hostile, "Dario", hostile, false, 3},
                       {2, 1, "c2", "need", "-" + hostile, "Elena", "ASL", false, std::nullopt}};
    plans::plan_header h;
    h.community = {1, "ct", hostile, ""};
    h.year = 2027;
    h.version = 1;
    h.status = status;
    return plans::plan_document(h, {o});
}

} // namespace

TEST_CASE("the JSON export carries hostile text exactly, as JSON strings", "[plans][escaping]") {
    auto const doc = hostile_document("published");
    auto const j = plans::render_plan(doc, plans::export_format::json);
    auto const back = json::parse(j.body);
    CHECK(back == doc);
    CHECK(back["objectives"][0]["title"] == hostile);
}

TEST_CASE("the CSV export: every field quoted whole, no formula, one row per objective",
          "[plans][escaping]") {
    auto const doc = hostile_document("published");
    auto const csv = plans::render_plan(doc, plans::export_format::csv).body;
    auto const rows = test::csv_rows(csv);
    REQUIRE(rows.size() == 2); // the header and the one objective
    REQUIRE(rows[1].size() == rows[0].size());
    for (auto const& cell : rows[1]) {
        auto const first = cell.find_first_not_of(' ');
        if (first == std::string::npos)
            continue;
        INFO(cell);
        CHECK(std::string("=+-@\t\r\n").find(cell[first]) == std::string::npos);
    }
    // The texts come back whole (after the apostrophe that makes them inert).
    CHECK(rows[1][0] == "'" + hostile); // the community
    CHECK(rows[1][4] == "'" + hostile); // the title
    CHECK(rows[1][5] == "'" + hostile); // the description
}

TEST_CASE("the Markdown export: no HTML, link, heading or list made from a field",
          "[plans][escaping]") {
    auto const md =
        plans::render_plan(hostile_document("published"), plans::export_format::markdown).body;
    INFO(md);
    // Every < is escaped, but for the deliverable's link and the list closer.
    for (std::size_t at = 0; (at = md.find('<', at)) != std::string::npos; ++at) {
        if (at > 0 && md[at - 1] == '\\')
            continue;
        auto const rest = md.substr(at, 60);
        bool const allowed = rest.rfind("<https://example.org/", 0) == 0 || rest == "<!-- -->\n\n";
        CHECK((allowed ? "" : rest) == std::string());
    }
    // The link: one autolink, its spaces, quotes, brackets and parentheses encoded.
    CHECK(md.find("<https://example.org/a%20b%22%3E%3Cimg%20src=x%3E%29%28%3Cscript%3E>") !=
          std::string::npos);
    // The file's link is the only one; every [ of the texts is escaped.
    CHECK(md.find("](/api/v1/public/objectives/obj-1/deliverable/file)") != std::string::npos);
    std::size_t links = 0;
    for (std::size_t at = 0; (at = md.find('[', at)) != std::string::npos; ++at)
        if (at == 0 || md[at - 1] != '\\')
            ++links;
    CHECK(links == 1);
    // No line of a field starts a heading, a numbered list or a block quote
    // (its "- " lines are the bullet list the description's author wrote).
    for (std::string const line : {"\n# title", "\n1. uno", "\n> "})
        CHECK(md.find(line) == std::string::npos);
    CHECK(md.find("1\\. uno") != std::string::npos);
    CHECK(md.find("\\<img src=x onerror=alert(1)\\>") != std::string::npos);
    CHECK(md.find("\\&lt;") != std::string::npos); // an entity stays its text
    CHECK(md.find("\\*e\\* \\_u\\_ \\`c\\` \\~\\~s\\~\\~") != std::string::npos);
}

TEST_CASE("a deliverable link that is not http(s) is left out of Markdown and HTML",
          "[plans][escaping]") {
    auto doc = hostile_document("published");
    doc["objectives"][0]["deliverable"]["link"] = "javascript:alert(1)";
    for (auto const format : {plans::export_format::markdown, plans::export_format::html})
        CHECK(plans::render_plan(doc, format).body.find("javascript:alert(1)\"") ==
              std::string::npos);
    auto const md = plans::render_plan(doc, plans::export_format::markdown).body;
    CHECK(md.find("<javascript") == std::string::npos);
}

TEST_CASE("the HTML export: every field escaped, the link inside its attribute",
          "[plans][escaping]") {
    auto const html =
        plans::render_plan(hostile_document("published"), plans::export_format::html).body;
    INFO(html);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("javascript:alert(1)\"") == std::string::npos);
    CHECK(html.find(
              "<a href=\"https://example.org/a b&quot;&gt;&lt;img src=x&gt;)(&lt;script&gt;\">") !=
          std::string::npos);
    // The only elements are the page's own.
    std::regex const tag(R"(<([a-z0-9]+))");
    std::set<std::string> const known{
        "html",    "head",    "meta", "title", "style", "body", "main", "section", "h1", "h2",
        "p",       "article", "dl",   "dt",    "dd",    "a",    "ul",   "li",      "br", "details",
        "summary", "em",      "span", "h3",    "table", "tr",   "th",   "td"};
    for (auto it = std::sregex_iterator(html.begin(), html.end(), tag);
         it != std::sregex_iterator(); ++it)
        CHECK(known.count((*it)[1]) == 1);
}

TEST_CASE("a description quotes a contribution when six of its words follow each other",
          "[plans][quotes]") {
    auto const said = "Serve un catalogo unico dei dati aperti della provincia, aggiornato.";
    CHECK(plans::quotes("Obiettivo: SERVE un catalogo — unico dei dati! E altro.", said));
    CHECK(plans::quotes("... dei «dati» aperti della provincia, aggiornato ogni mese", said));
    CHECK_FALSE(plans::quotes("Serve un catalogo dei dati", said)); // five words, not in a row
    CHECK_FALSE(plans::quotes("", said));
    // A short contribution counts whole; one or two words never do.
    CHECK(plans::quotes("Noi vogliamo più piste ciclabili.", "Più piste ciclabili"));
    CHECK_FALSE(plans::quotes("Noi vogliamo più piste.", "Più piste ciclabili"));
    CHECK_FALSE(plans::quotes("Sì, certo.", "Sì"));
}
