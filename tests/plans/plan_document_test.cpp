#include "tavolo/plans/plan_document.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

namespace {

plans::objective_record objective(std::string title, std::string status) {
    plans::objective_record o;
    o.id = "obj-" + title;
    o.title = std::move(title);
    o.status = std::move(status);
    o.year = 2027;
    return o;
}

json sample() {
    auto a = objective("Catalogo \"dati\", aperto", "approved");
    a.description = "Riga uno\nriga due <script>alert(1)</script>";
    a.needs_working_group = true;
    a.start_month = "2027-07";
    a.end_month = "2027-12";
    a.owners = {"Comune di Lecce"};
    a.deliverable = {
        "=HYPERLINK(\"http://x\")", "2027-11", "delivered", "https://example.org/c", "", "", false};
    a.working_group = plans::working_group_row{"enabled",
                                               "2027-07-01",
                                               {{"Anna Bianchi", "Comune di Lecce", "", true, 1},
                                                {"Bruno Verdi", "Comune di Lecce", "", true, 2},
                                                {"Carla Neri", "ASL", "", true, 3}}};
    a.contributions = {
        {1, 1, "c1", "need", "Serve un catalogo", "Dario Rossi", "Comune di Bari", false, 3},
        {2, 2, "c2", "proposal", "Segreto di chi?", "Elena Gialli", "Regione", true, 0},
        // linked by hand after the promotion: its supports then are not known
        {3, 1, "c3", "activity", "Collegato dopo", "Dario Rossi", "Comune di Bari", false,
         std::nullopt}};
    a.supports = 3; // the group's total when it was promoted
    auto const draft = objective("Bozza", "draft");
    auto const dropped = objective("Scartato", "dropped");
    auto b = objective("# Titolo *enfasi* [link](http://x)", "approved");
    plans::plan_header h;
    h.community = {1, "ct-dati", "Comunità Dati", ""};
    h.year = 2027;
    h.version = 2;
    h.status = "published";
    h.published_at = 99;
    return plans::plan_document(h, {a, draft, b, dropped});
}

} // namespace

TEST_CASE("a plan document holds the approved objectives, with bodies and no names",
          "[app][plan]") {
    auto const doc = sample();
    CHECK(doc["community"]["slug"] == "ct-dati");
    CHECK(doc["version"] == 2);
    CHECK(doc["status"] == "published");
    REQUIRE(doc["objectives"].size() == 2); // not the draft, not the dropped one
    auto const& o = doc["objectives"][0];
    CHECK(o["working_group"]["members"] == 3);
    CHECK(o["working_group"]["bodies"] == json::array({"Comune di Lecce", "ASL"}));
    REQUIRE(o["contributions"].size() == 3);
    CHECK(o["contributions"][0]["body"] == "Comune di Bari");
    CHECK(o["contributions"][1]["body"] == ""); // an anonymous meeting's author stays unknown
    auto const text = doc.dump();
    for (auto const* name : {"Anna Bianchi", "Dario Rossi", "Elena Gialli", "Regione"})
        CHECK(text.find(name) == std::string::npos);

    auto const figures = plans::plan_figures({doc, doc});
    CHECK(figures["communities"] == 2);
    CHECK(figures["objectives"] == 4);
    CHECK(figures["need_working_group"] == 2);
    CHECK(figures["working_groups_enabled_by_month"] == json{{"2027-07", 2}});
}

TEST_CASE("the exports keep user text as text", "[app][plan]") {
    auto const doc = sample();
    CHECK(plans::export_format_from("md") == plans::export_format::markdown);
    CHECK_FALSE(plans::export_format_from("pdf"));

    auto const j = plans::render_plan(doc, plans::export_format::json);
    CHECK(j.content_type == "application/json");
    CHECK(json::parse(j.body) == doc);

    auto const csv = plans::render_plan(doc, plans::export_format::csv);
    CHECK(csv.content_type == "text/csv; charset=utf-8; header=present");
    CHECK(csv.body.rfind("\"comunita\",\"anno\"", 0) == 0);
    // Quotes doubled, a formula made inert, one line per objective (+ header),
    // newlines kept inside their quoted cell.
    CHECK(csv.body.find("\"Catalogo \"\"dati\"\", aperto\"") != std::string::npos);
    CHECK(csv.body.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
    CHECK(csv.body.find("\"Riga uno\nriga due") != std::string::npos);
    std::size_t rows = 0;
    for (std::size_t at = 0; (at = csv.body.find("\r\n", at)) != std::string::npos; at += 2)
        ++rows;
    CHECK(rows == 3);

    auto const md = plans::render_plan(doc, plans::export_format::markdown);
    CHECK(md.content_type == "text/markdown; charset=utf-8");
    CHECK(md.body.find("<script>") == std::string::npos);
    CHECK(md.body.find("\\<script\\>") != std::string::npos);
    CHECK(md.body.find("\\# Titolo \\*enfasi\\* \\[link\\](http://x)") != std::string::npos);
    CHECK(md.body.find("Versione 2, pubblicata.") != std::string::npos);

    auto const html = plans::render_plan(doc, plans::export_format::html);
    CHECK(html.content_type == "text/html; charset=utf-8");
    CHECK(html.body.find("<script") == std::string::npos); // no script, not even the user's
    CHECK(html.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.body.find("Catalogo &quot;dati&quot;, aperto") != std::string::npos);
    CHECK(html.body.find("<a href=\"https://example.org/c\">") != std::string::npos);
    CHECK(html.body.find("style=") == std::string::npos); // CSP: no inline styles
    CHECK(html.body.find("<html lang=\"it\">") != std::string::npos);

    json system{{"year", 2027}, {"figures", plans::plan_figures({doc})}, {"plans", {doc}}};
    auto const page = plans::render_system_plan(system, plans::export_format::html);
    CHECK(page.body.find("Piano di sistema 2027") != std::string::npos);
    CHECK(page.body.find("<th scope=\"row\">Obiettivi</th><td>2</td>") != std::string::npos);
    auto const sys_md = plans::render_system_plan(system, plans::export_format::markdown);
    CHECK(sys_md.body.find("- Gruppi di lavoro attivati con avvio luglio 2027: 1") !=
          std::string::npos);
}

TEST_CASE("the exports speak English when asked; the plan's own texts stay as written",
          "[app][plan]") {
    auto const doc = sample();
    CHECK(plans::export_language_from("en") == plans::export_language::en);
    CHECK(plans::export_language_from("it") == plans::export_language::it);
    CHECK_FALSE(plans::export_language_from("fr"));
    auto const en = plans::export_language::en;

    auto const csv = plans::render_plan(doc, plans::export_format::csv, en);
    CHECK(csv.body.rfind("\"community\",\"year\",\"version\",\"plan_status\"", 0) == 0);
    CHECK(csv.body.find("\"Catalogo \"\"dati\"\", aperto\"") != std::string::npos);

    auto const md = plans::render_plan(doc, plans::export_format::markdown, en);
    CHECK(md.body.find("activity plan 2027") != std::string::npos);
    CHECK(md.body.find("Version 2, published.") != std::string::npos);
    CHECK(md.body.find("- **Working group:** enabled from 1 July 2027") != std::string::npos);
    CHECK(md.body.find("Versione") == std::string::npos);
    CHECK(md.body.find("Gruppo di lavoro") == std::string::npos);

    auto const html = plans::render_plan(doc, plans::export_format::html, en);
    CHECK(html.body.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.body.find("<dt>Deliverable</dt>") != std::string::npos);
    CHECK(html.body.find("Prodotto") == std::string::npos);
    CHECK(html.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);

    json system{{"year", 2027}, {"figures", plans::plan_figures({doc})}, {"plans", {doc}}};
    auto const page = plans::render_system_plan(system, plans::export_format::html, en);
    CHECK(page.body.find("System plan 2027") != std::string::npos);
    CHECK(page.body.find("<th scope=\"row\">Objectives that need a working group</th><td>1</td>") !=
          std::string::npos);
    auto const sys_md = plans::render_system_plan(system, plans::export_format::markdown, en);
    CHECK(sys_md.body.find("- Working groups enabled starting July 2027: 1") != std::string::npos);
}

TEST_CASE("a need is an esigenza in the Italian exports, as everywhere in the page",
          "[plans][plan]") {
    auto const doc = sample();
    for (auto format :
         {plans::export_format::csv, plans::export_format::markdown, plans::export_format::html}) {
        auto const body = plans::render_plan(doc, format).body;
        CHECK(body.find("Esigenza") != std::string::npos);
        CHECK(body.find("Bisogno") == std::string::npos);
    }
}

TEST_CASE("each export shows an objective's supports at its promotion and its contributions'",
          "[plans][plan]") {
    auto const doc = sample();
    auto const& promoted = doc["objectives"][0];
    CHECK(promoted["supports"] == 3);
    CHECK(promoted["contributions"][0]["supports"] == 3);
    CHECK(promoted["contributions"][1]["supports"] == 0);
    CHECK(promoted["contributions"][2]["supports"].is_null()); // linked by hand
    CHECK(doc["objectives"][1]["supports"].is_null());         // written by hand

    auto const csv = plans::render_plan(doc, plans::export_format::csv).body;
    CHECK(csv.find("\"sostegni\",\"sostegni_contributi\"\r\n") != std::string::npos);
    // The promoted objective's row ends with its total and its contributions'
    // supports in their order; the objective written by hand with two empty cells.
    CHECK(csv.find(",\"3\",\"3 | 0 | \"\r\n") != std::string::npos);
    CHECK(csv.find(",\"\",\"\"\r\n") != std::string::npos);
    auto const csv_en =
        plans::render_plan(doc, plans::export_format::csv, plans::export_language::en).body;
    CHECK(csv_en.find("\"supports\",\"contribution_supports\"\r\n") != std::string::npos);

    auto const md = plans::render_plan(doc, plans::export_format::markdown).body;
    CHECK(md.find("- **Sostegni:** 3\n") != std::string::npos);
    CHECK(md.find("Serve un catalogo — Comune di Bari (Sostegni: 3)\n") != std::string::npos);
    CHECK(md.find("Segreto di chi? (Sostegni: 0)\n") != std::string::npos);
    CHECK(md.find("Collegato dopo — Comune di Bari\n") != std::string::npos);
    auto const md_en =
        plans::render_plan(doc, plans::export_format::markdown, plans::export_language::en).body;
    CHECK(md_en.find("- **Supports:** 3\n") != std::string::npos);

    auto const html = plans::render_plan(doc, plans::export_format::html).body;
    CHECK(html.find("<dt>Sostegni</dt><dd>3</dd>") != std::string::npos);
    CHECK(html.find("Serve un catalogo — Comune di Bari (Sostegni: 3)</li>") != std::string::npos);
    CHECK(html.find("Collegato dopo — Comune di Bari</li>") != std::string::npos);
    auto const html_en =
        plans::render_plan(doc, plans::export_format::html, plans::export_language::en).body;
    CHECK(html_en.find("<dt>Supports</dt><dd>3</dd>") != std::string::npos);
    // Only the promoted objective has a total.
    std::size_t totals = 0;
    for (std::size_t at = 0; (at = html.find("<dt>Sostegni</dt>", at)) != std::string::npos; ++at)
        ++totals;
    CHECK(totals == 1);

    SECTION("a snapshot published before supports were kept renders without them") {
        auto old = doc;
        for (auto& o : old["objectives"]) {
            o.erase("supports");
            for (auto& c : o["contributions"])
                c.erase("supports");
        }
        for (auto format : {plans::export_format::csv, plans::export_format::markdown,
                            plans::export_format::html}) {
            auto const body = plans::render_plan(old, format).body;
            CHECK(body.find("Sostegni:") == std::string::npos);
            CHECK(body.find("<dt>Sostegni") == std::string::npos);
        }
    }
}

TEST_CASE("the HTML export is one file: its style sheet inside, print styles included",
          "[plans][plan]") {
    auto const doc = sample();
    json system{{"year", 2027}, {"figures", plans::plan_figures({doc})}, {"plans", {doc}}};
    for (auto const& page : {plans::render_plan(doc, plans::export_format::html),
                             plans::render_system_plan(system, plans::export_format::html)}) {
        auto const& body = page.body;
        CHECK(body.find("<style>" + std::string(plans::html_style()) + "</style>") !=
              std::string::npos);
        CHECK(body.find("<link") == std::string::npos); // nothing fetched from a server
        CHECK(body.find("/css/") == std::string::npos);
    }
    CHECK(plans::html_style().find("@media print") != std::string::npos);
    CHECK(plans::html_style().find("</") == std::string::npos); // cannot close its element
}

TEST_CASE("bullet lines of an objective's texts are lists in HTML and Markdown", "[plans][plan]") {
    auto a = objective("Elenchi", "approved");
    a.description = "Obiettivi:\n- uno\n* due\n\xE2\x80\xA2 tre <b>\n\nFine";
    a.deliverable.description = "Linee guida\n- capitolo *1*\n- capitolo 2";
    a.deliverable.due_month = "2027-11";
    plans::plan_header h;
    h.community = {1, "ct", "CT", ""};
    h.year = 2027;
    auto const doc = plans::plan_document(h, {a});

    auto const html = plans::render_plan(doc, plans::export_format::html).body;
    CHECK(html.find("<p>Obiettivi:</p>\n<ul>\n<li>uno</li>\n<li>due</li>\n<li>tre &lt;b&gt;</li>\n"
                    "</ul>\n<p>Fine</p>\n") != std::string::npos);
    CHECK(html.find("<dt>Prodotto</dt><dd>Linee guida (entro novembre 2027), previsto\n<ul>\n"
                    "<li>capitolo *1*</li>\n<li>capitolo 2</li>\n</ul>\n</dd>") !=
          std::string::npos);

    auto const md = plans::render_plan(doc, plans::export_format::markdown).body;
    CHECK(md.find("# 1. Elenchi\n\nObiettivi:\n\n- uno\n- due\n- tre \\<b\\>\n\nFine\n\n- "
                  "**Prodotto:** Linee guida (entro novembre 2027), previsto\n"
                  "  - capitolo \\*1\\*\n  - capitolo 2\n") != std::string::npos);

    // A list that ends the text is its own list, not the first of the facts.
    a.description = "Azioni:\n- una\n- due";
    auto const md2 =
        plans::render_plan(plans::plan_document(h, {a}), plans::export_format::markdown).body;
    CHECK(md2.find("Azioni:\n\n- una\n- due\n\n<!-- -->\n\n- **Prodotto:**") != std::string::npos);
}

TEST_CASE("the contributions an objective came from are open, so they print", "[plans][plan]") {
    auto const html = plans::render_plan(sample(), plans::export_format::html).body;
    CHECK(html.find("<details open><summary>Dai contributi (3)</summary>") != std::string::npos);
    CHECK(html.find("<details>") == std::string::npos);
}

TEST_CASE("the Italian exports agree: Versione 2, pubblicata", "[plans][plan]") {
    auto doc = sample();
    for (auto format : {plans::export_format::html, plans::export_format::markdown}) {
        auto const body = plans::render_plan(doc, format).body;
        CHECK(body.find("Versione 2, pubblicata") != std::string::npos);
        CHECK(body.find("pubblicato") == std::string::npos);
    }
    doc["status"] = "shared";
    CHECK(plans::render_plan(doc, plans::export_format::html).body.find("Versione 2, condivisa") !=
          std::string::npos);
    CHECK(plans::render_plan(doc, plans::export_format::html, plans::export_language::en)
              .body.find("Version 2, shared") != std::string::npos);
}

TEST_CASE("an approved objective without a deliverable says so, with no status of nothing",
          "[plans][plan]") {
    auto const doc = sample(); // its second objective has no deliverable
    auto const html = plans::render_plan(doc, plans::export_format::html).body;
    CHECK(html.find("<dt>Prodotto</dt><dd><span class=\"undefined\">da definire</span></dd>") !=
          std::string::npos);
    CHECK(html.find("</dd><dd>, ") == std::string::npos);
    auto const md = plans::render_plan(doc, plans::export_format::markdown).body;
    CHECK(md.find("- **Prodotto:** da definire\n") != std::string::npos);
    CHECK(md.find(":** , ") == std::string::npos);
    auto const en =
        plans::render_plan(doc, plans::export_format::markdown, plans::export_language::en).body;
    CHECK(en.find("- **Deliverable:** not yet defined\n") != std::string::npos);
}

TEST_CASE("the exports write dates as the pages do: 1 luglio 2027, novembre 2027",
          "[plans][plan]") {
    auto const doc = sample();
    auto const html = plans::render_plan(doc, plans::export_format::html).body;
    CHECK(html.find("(entro novembre 2027), consegnato") != std::string::npos);
    CHECK(html.find("<dt>Periodo</dt><dd>luglio 2027 – dicembre 2027</dd>") != std::string::npos);
    CHECK(html.find("attivato dal 1 luglio 2027, 3 membri") != std::string::npos);
    CHECK(html.find("2027-07") == std::string::npos);
    auto const md =
        plans::render_plan(doc, plans::export_format::markdown, plans::export_language::en).body;
    CHECK(md.find("(by November 2027), delivered") != std::string::npos);
    CHECK(md.find("- **Period:** July 2027 – December 2027") != std::string::npos);
    // The CSV is data for a spreadsheet: its dates stay ISO 8601.
    auto const csv = plans::render_plan(doc, plans::export_format::csv).body;
    CHECK(csv.find("\"2027-07-01\"") != std::string::npos);
}
