#include "tavolo/cluster/text_analyzer.hpp"

#include "tavolo/cluster/text_analysis.hpp"

#include "glossary.hpp"

#include <libstemmer.h>

#include <stdexcept>

namespace tavolo::cluster {

void text_analyzer::stemmer_deleter::operator()(sb_stemmer* s) const noexcept {
    sb_stemmer_delete(s);
}

text_analyzer::text_analyzer()
    : italian_(sb_stemmer_new("italian", "UTF_8")), english_(sb_stemmer_new("english", "UTF_8")) {
    if (!italian_ || !english_)
        throw std::runtime_error("libstemmer has no Italian or English stemmer");
}

text_analyzer::~text_analyzer() = default;

std::string text_analyzer::stem(std::string_view word, language lang) {
    auto* s = lang == language::en ? english_.get() : italian_.get();
    auto const* out = sb_stemmer_stem(s, reinterpret_cast<sb_symbol const*>(word.data()),
                                      static_cast<int>(word.size()));
    if (!out)
        return std::string(word); // out of memory in the stemmer: keep the word
    return std::string(reinterpret_cast<char const*>(out),
                       static_cast<std::size_t>(sb_stemmer_length(s)));
}

// A family's term: its words' stems, so that "scuola" as a family meets the
// word.
std::string text_analyzer::family_term(std::string_view family, language lang) {
    std::string term;
    for (auto const& f : tokenize(family))
        if (!is_stop_word(f, lang)) {
            if (!term.empty())
                term += ' ';
            term += stem(f, lang);
        }
    return term;
}

analyzed_text text_analyzer::analyze(std::string_view text, std::optional<language> lang) {
    analyzed_text out;
    auto tokens = tokenize(text);
    out.lang = lang ? *lang : detect_language(tokens);
    std::size_t glossary_until = 0; // tokens before it were part of a glossary form
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        // A glossary form adds its acronym (when spelled out or in another
        // spelling) and its family as terms; its own words stay terms too,
        // as the word vectors know them.
        if (out.lang == language::it && i >= glossary_until)
            if (auto const m = detail::match_glossary(tokens, i); m.entry) {
                glossary_until = i + m.length;
                if (m.length > 1 || stem(tokens[i], out.lang) != m.entry->term) {
                    out.words.push_back(m.entry->term);
                    out.terms.push_back(m.entry->term);
                }
                if (!m.entry->family.empty()) {
                    out.words.push_back(m.entry->family);
                    out.terms.push_back(family_term(m.entry->family, out.lang));
                }
            }
        auto& w = tokens[i];
        // One-letter tokens are elided articles or stray letters.
        if (w.size() < 2 || is_stop_word(w, out.lang))
            continue;
        out.terms.push_back(stem(w, out.lang));
        out.words.push_back(std::move(w));
    }
    return out;
}

} // namespace tavolo::cluster
