// libFuzzer target: any bytes as a contribution's text, through the text
// analysis behind clustering (case folding, tokens, language, stop words and
// Snowball stems), then its lines, as a small meeting, through the engine
// without word vectors. Besides crashes and sanitizer reports it checks what
// the headers promise: folding leaves valid UTF-8 and is stable, analysis
// keeps no stop words, and a clustering's groups and assignment agree.
#include "fuzz_support.hpp"

#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/language.hpp"
#include "tavolo/cluster/text_analysis.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include <cstdint>

using namespace tavolo::cluster;

using tavolo::fuzz::expect;
using tavolo::fuzz::json_writes;

namespace {

void check_analysis(text_analyzer& analyzer, std::string_view text, std::optional<language> lang,
                    language detected) {
    auto const a = analyzer.analyze(text, lang);
    expect(a.lang == lang.value_or(detected), "analysis in another language than asked");
    expect(a.words.size() == a.terms.size(), "not one stem per word");
    for (std::size_t i = 0; i < a.words.size(); ++i) {
        expect(a.words[i].size() >= 2, "a one-letter word was kept");
        expect(!is_stop_word(a.words[i], a.lang), "a stop word was kept");
        expect(json_writes(a.terms[i]), "a stem is not valid UTF-8");
    }
}

// At most this many lines of the input become texts to group: a meeting in
// miniature, fast enough for thousands of runs a second.
constexpr std::size_t max_texts = 12;

void check_clustering(std::string_view input) {
    std::vector<std::string> texts;
    while (!input.empty() && texts.size() < max_texts) {
        auto const end = input.find('\n');
        texts.emplace_back(input.substr(0, end));
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
    }
    bool valid = true;
    for (auto const& t : texts)
        valid = valid && json_writes(t);

    auto const r = cluster_texts(texts);
    expect(r.assignment.size() == texts.size(), "not one assignment per text");
    auto const groups = static_cast<int>(r.groups.size());
    for (auto a : r.assignment)
        expect(a >= -1 && a < groups, "an assignment names no group");
    for (int g = 0; g < groups; ++g) {
        auto const& group = r.groups[static_cast<std::size_t>(g)];
        expect(group.members.size() >= 2, "a group of fewer than two");
        for (auto m : group.members)
            expect(m < texts.size() && r.assignment[m] == g, "a member assigned elsewhere");
        expect(group.cohesion >= 0 && group.cohesion <= 1, "cohesion out of 0..1");
        // The server only groups valid texts; from them, valid titles.
        if (valid) {
            expect(json_writes(group.title), "a title is not valid UTF-8");
            for (auto const& k : group.keywords)
                expect(json_writes(k), "a keyword is not valid UTF-8");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    auto const folded = fold_case(text);
    expect(json_writes(folded), "fold_case left invalid UTF-8");
    expect(fold_case(folded) == folded, "fold_case is not stable");

    auto const words = tokenize(text);
    expect(tokenize(folded) == words, "tokens differ before and after folding");
    for (auto const& w : words)
        expect(!w.empty() && fold_case(w) == w, "a token is empty or not folded");

    auto const detected = detect_language(words);
    // Making the stemmers costs more than a short text's analysis: made once.
    static text_analyzer analyzer;
    check_analysis(analyzer, text, std::nullopt, detected);
    check_analysis(analyzer, text, language::it, detected);
    check_analysis(analyzer, text, language::en, detected);

    check_clustering(text);
    return 0;
}
