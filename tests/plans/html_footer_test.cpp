// The footer of the HTML exports: the body, its accessibility statement and
// feedback address, in the export's language; nothing without settings;
// only web addresses become links; every text escaped.
#include "tavolo/plans/plan_document.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

namespace {

json small_plan() {
    plans::plan_header h;
    h.community = {1, "ct-dati", "Comunità Dati", ""};
    h.year = 2027;
    return plans::plan_document(h, {});
}

bool has(std::string const& body, std::string const& what) {
    return body.find(what) != std::string::npos;
}

plans::page_footer const full{.body_name = "Regione Esempio",
                              .accessibility_statement_url = "https://form.agid.gov.it/view/abc",
                              .feedback_email = "accessibilita@regione.example"};

} // namespace

TEST_CASE("a plan page and the system plan end with the body's accessibility footer",
          "[plans][footer]") {
    auto const doc = small_plan();
    json system{{"year", 2027}, {"figures", plans::plan_figures({doc})}, {"plans", {doc}}};
    for (auto const& page :
         {plans::render_plan(doc, plans::export_format::html, plans::export_language::it, full),
          plans::render_system_plan(system, plans::export_format::html, plans::export_language::it,
                                    full)}) {
        auto const& body = page.body;
        CHECK(has(body, "</main>\n<footer class=\"site-footer\">"));
        CHECK(has(body, "<p class=\"site-body\">Regione Esempio</p>"));
        CHECK(has(body, "<a href=\"https://form.agid.gov.it/view/abc\">Dichiarazione di "
                        "accessibilità</a>"));
        CHECK(has(body, "<a href=\"mailto:accessibilita@regione.example\">Segnala un problema di "
                        "accessibilità</a>"));
    }
    auto const en =
        plans::render_plan(doc, plans::export_format::html, plans::export_language::en, full).body;
    CHECK(has(en, ">Accessibility statement</a>"));
    CHECK(has(en, ">Report an accessibility problem</a>"));
}

TEST_CASE("the footer shows only what is set, and nothing without settings", "[plans][footer]") {
    auto const doc = small_plan();
    auto const page = [&](plans::page_footer const& f) {
        return plans::render_plan(doc, plans::export_format::html, plans::export_language::it, f)
            .body;
    };
    auto const none = page({});
    CHECK(!has(none, "<footer"));
    CHECK(has(none, "</main>\n</body>"));
    auto const mail_only =
        page({.body_name = "", .accessibility_statement_url = "", .feedback_email = "a@b.example"});
    CHECK(has(mail_only, "mailto:a@b.example"));
    CHECK(!has(mail_only, "Dichiarazione"));
    CHECK(!has(mail_only, "site-body"));
    auto const name_only = page(
        {.body_name = "Comune di Lecce", .accessibility_statement_url = "", .feedback_email = ""});
    CHECK(has(name_only, "Comune di Lecce"));
    CHECK(!has(name_only, "<ul class=\"site-links\""));
    // Other exports carry no footer.
    CHECK(!has(
        plans::render_plan(doc, plans::export_format::markdown, plans::export_language::it, full)
            .body,
        "accessibilit"));
}

TEST_CASE("the footer links only web addresses and escapes every text", "[plans][footer]") {
    auto const body =
        plans::render_plan(small_plan(), plans::export_format::html, plans::export_language::it,
                           {.body_name = "<b>Ente</b> & \"altri\"",
                            .accessibility_statement_url = "javascript:alert(1)",
                            .feedback_email = "x\"><script>@y"})
            .body;
    CHECK(!has(body, "javascript:"));
    CHECK(!has(body, "<script>"));
    CHECK(!has(body, "<b>Ente"));
    CHECK(has(body, "&lt;b&gt;Ente&lt;/b&gt; &amp; &quot;altri&quot;"));
}
