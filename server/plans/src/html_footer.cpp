// The footer of the HTML exports: the same three things every page of
// tavolo shows at its foot (client-web/js/ui/site_footer.js), built from the
// same settings, so a plan opened from its public link carries the body's
// accessibility statement as the pages do (AgID's guidelines want it on
// every page of a public body's site).
#include "renderers.hpp"

namespace tavolo::plans::detail {
namespace {

struct footer_words {
    char const* statement;
    char const* feedback;
    char const* label; // the landmark's name
};

footer_words const& words_for(std::string_view html_lang) {
    static footer_words const it{.statement = "Dichiarazione di accessibilità",
                                 .feedback = "Segnala un problema di accessibilità",
                                 .label = "Accessibilità"};
    static footer_words const en{.statement = "Accessibility statement",
                                 .feedback = "Report an accessibility problem",
                                 .label = "Accessibility"};
    return html_lang == "en" ? en : it;
}

// Only an absolute web address becomes a link (never javascript: or a
// relative path a setting got wrong).
bool web_address(std::string const& url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

} // namespace

std::string html_footer(page_footer const& footer, std::string_view html_lang) {
    bool const statement = web_address(footer.accessibility_statement_url);
    bool const feedback = footer.feedback_email.find('@') != std::string::npos;
    if (footer.body_name.empty() && !statement && !feedback)
        return {};
    auto const& w = words_for(html_lang);
    std::string out = "<footer class=\"site-footer\">\n";
    if (!footer.body_name.empty())
        out += "<p class=\"site-body\">" + html_escape(footer.body_name) + "</p>\n";
    if (statement || feedback) {
        out += "<ul class=\"site-links\" aria-label=\"" + std::string(w.label) + "\">\n";
        if (statement)
            out += "<li><a href=\"" + html_escape(footer.accessibility_statement_url) + "\">" +
                   w.statement + "</a></li>\n";
        if (feedback)
            out += "<li><a href=\"mailto:" + html_escape(footer.feedback_email) + "\">" +
                   w.feedback + "</a></li>\n";
        out += "</ul>\n";
    }
    return out + "</footer>\n";
}

} // namespace tavolo::plans::detail
