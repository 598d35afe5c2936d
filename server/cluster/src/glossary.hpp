// The glossary of Italian public-administration acronyms shipped in
// server/cluster/data/glossary-it.tsv (embedded at build time): an acronym,
// its expansions and variant spellings all become one term, so that "SPID"
// and "sistema pubblico di identità digitale", "PagoPA" and "pago pa" meet;
// and each entry may name its family ("piattaforme abilitanti"), a second
// term shared by its members. Internal to tavolo::cluster; read-only after
// its first use, any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::cluster::detail {

struct glossary_entry {
    std::string term;     // the acronym, case-folded ("pagopa")
    std::string spelling; // as usually written ("PagoPA")
    std::string family;   // the family's words, case-folded, or empty
};

struct glossary_match {
    glossary_entry const* entry = nullptr;
    std::size_t length = 0; // tokens matched
};

// The longest glossary form starting at `tokens[at]` (case-folded tokens, as
// tokenize gives them), or no entry.
glossary_match match_glossary(std::vector<std::string> const& tokens, std::size_t at);

// The entry whose acronym, case-folded, is `term` ("pagopa"), or null.
glossary_entry const* glossary_acronym(std::string_view term);

// The length of the longest acronym (case-folded bytes).
std::size_t glossary_longest_acronym();

// The number of entries (for tests).
std::size_t glossary_size();

} // namespace tavolo::cluster::detail
