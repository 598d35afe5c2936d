// Turns a contribution's text into the terms clustering compares: case
// folding, tokenisation with Italian elisions, stop words and Snowball
// stemming (libstemmer) in the text's language; in Italian, the acronyms of
// the public administration's glossary (server/cluster/data/glossary-it.tsv)
// and their expansions meet as one more term, with their family. An analyzer owns its
// stemmers, which are not thread-safe: use one analyzer per thread.
#pragma once

#include "tavolo/cluster/language.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace tavolo::cluster {

struct analyzed_text {
    language lang = language::it;
    std::vector<std::string> words; // case-folded tokens, stop words removed
    std::vector<std::string> terms; // the stems of `words`, in order
};

class text_analyzer {
public:
    text_analyzer();
    ~text_analyzer();
    text_analyzer(text_analyzer const&) = delete;
    text_analyzer& operator=(text_analyzer const&) = delete;

    // Analyzes `text` in `lang`, or in its detected language when nullopt.
    analyzed_text analyze(std::string_view text, std::optional<language> lang = std::nullopt);

    // The Snowball stem of one case-folded word.
    std::string stem(std::string_view word, language lang);

private:
    std::string family_term(std::string_view family, language lang);

    struct stemmer_deleter {
        void operator()(sb_stemmer* s) const noexcept;
    };
    std::unique_ptr<sb_stemmer, stemmer_deleter> italian_;
    std::unique_ptr<sb_stemmer, stemmer_deleter> english_;
};

} // namespace tavolo::cluster
