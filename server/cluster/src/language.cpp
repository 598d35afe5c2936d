#include "tavolo/cluster/language.hpp"

#include <unordered_set>

namespace tavolo::cluster {
namespace {

// Italian: articles, prepositions (simple, articulated and elided), pronouns,
// conjunctions, forms of essere/avere/stare/fare used as auxiliaries, and
// frequent adverbs. Elided forms appear without the apostrophe, as the
// tokenizer splits "dell'ente" into "dell" and "ente".
std::unordered_set<std::string_view> const italian{
    "a",      "ad",       "al",     "alla",    "alle",   "allo",    "agli",   "ai",     "all",
    "anche",  "ancora",   "avere",  "abbiamo", "avete",  "hanno",   "ha",     "ho",     "hai",
    "aveva",  "avevano",  "avrà",   "avranno", "c",      "che",     "chi",    "ci",     "coi",
    "col",    "come",     "con",    "contro",  "cui",    "d",       "da",     "dagli",  "dai",
    "dal",    "dall",     "dalla",  "dalle",   "dallo",  "de",      "degli",  "dei",    "del",
    "dell",   "della",    "delle",  "dello",   "di",     "dove",    "e",      "ed",     "è",
    "era",    "erano",    "essere", "esso",    "essa",   "essi",    "esse",   "fa",     "fare",
    "fino",   "fra",      "gli",    "già",     "i",      "il",      "in",     "io",     "l",
    "la",     "le",       "lei",    "li",      "lo",     "loro",    "lui",    "ma",     "mi",
    "mia",    "mie",      "miei",   "mio",     "molto",  "molti",   "molta",  "molte",  "ne",
    "negli",  "nei",      "nel",    "nell",    "nella",  "nelle",   "nello",  "noi",    "non",
    "nostra", "nostre",   "nostri", "nostro",  "o",      "od",      "ogni",   "oppure", "per",
    "perché", "però",     "più",    "poi",     "può",    "possono", "qua",    "qual",   "quale",
    "quali",  "quando",   "quanto", "quella",  "quelle", "quelli",  "quello", "quest",  "questa",
    "queste", "questi",   "questo", "qui",     "se",     "sé",      "sei",    "senza",  "si",
    "sia",    "siamo",    "siano",  "siete",   "sono",   "sta",     "stato",  "stata",  "stati",
    "state",  "su",       "sugli",  "sui",     "sul",    "sull",    "sulla",  "sulle",  "sullo",
    "suo",    "sua",      "sue",    "suoi",    "ti",     "tra",     "tu",     "tua",    "tue",
    "tuo",    "tuoi",     "tutti",  "tutto",   "tutta",  "tutte",   "un",     "una",    "uno",
    "vi",     "voi",      "vostro", "vostra",  "vostri", "vostre",  "dunque", "quindi", "cioè",
    "così",   "sempre",   "mai",    "solo",    "viene",  "vengono", "fatto",  "fatta",  "deve",
    "devono", "dovrebbe", "sarà",   "sarebbe", "altri",  "altro",   "altra",  "altre",  "stesso",
    "stessa", "tale",     "tali",   "sì",      "no",     "bisogna", "serve",  "servono"};

// Italian words that say what kind of contribution a text is (a proposal, a
// need, an offer) rather than what it is about: "possiamo condividere…",
// "servirebbe…", "si propone…". Every kick-off mixes the three kinds in
// every theme, so these words would group texts by kind.
std::unordered_set<std::string_view> const italian_speech{
    "possiamo",     "potremmo",     "potrebbe",   "potrebbero",   "potremo",   "posso",
    "proponiamo",   "propongo",     "propone",    "proporre",     "proposta",  "proposte",
    "servirebbe",   "servirebbero", "serviva",    "bisognerebbe", "occorre",   "occorrono",
    "occorrerebbe", "manca",        "mancano",    "vorremmo",     "vorrei",    "vorrebbe",
    "chiediamo",    "chiedo",       "chiede",     "ritiene",      "ritengo",   "opportuno",
    "utile",        "necessario",   "necessaria", "necessità",    "necessita", "esigenza",
    "piacerebbe",   "sentiamo",     "qualcuno",   "abbia",        "nostro",    "disposizione",
    "mettere",      "mettiamo",     "mettere",    "avere",        "dare",      "vorremo",
    "sarebbe",      "sarebbero",    "siamo",      "noi",          "oggi"};

std::unordered_set<std::string_view> const english{
    "a",      "about",  "above", "after",  "again",    "against",    "all",  "am",
    "an",     "and",    "any",   "are",    "as",       "at",         "be",   "because",
    "been",   "before", "being", "below",  "between",  "both",       "but",  "by",
    "can",    "could",  "did",   "do",     "does",     "doing",      "down", "during",
    "each",   "few",    "for",   "from",   "further",  "had",        "has",  "have",
    "having", "he",     "her",   "here",   "hers",     "herself",    "him",  "himself",
    "his",    "how",    "i",     "if",     "in",       "into",       "is",   "it",
    "its",    "itself", "just",  "me",     "more",     "most",       "my",   "myself",
    "no",     "nor",    "not",   "now",    "of",       "off",        "on",   "once",
    "only",   "or",     "other", "our",    "ours",     "ourselves",  "out",  "over",
    "own",    "same",   "she",   "should", "so",       "some",       "such", "than",
    "that",   "the",    "their", "theirs", "them",     "themselves", "then", "there",
    "these",  "they",   "this",  "those",  "through",  "to",         "too",  "under",
    "until",  "up",     "very",  "was",    "we",       "were",       "what", "when",
    "where",  "which",  "while", "who",    "whom",     "why",        "will", "with",
    "would",  "you",    "your",  "yours",  "yourself", "yourselves", "s",    "t",
    "don",    "also",   "need",  "needs",  "must",     "shall",      "may",  "might",
    "us",     "let",    "get",   "make"};

bool has_italian_ending(std::string_view w) {
    // Accented final vowels are common in Italian and rare in English.
    for (std::string_view ending : {"à", "è", "é", "ì", "ò", "ù"})
        if (w.size() > ending.size() && w.substr(w.size() - ending.size()) == ending)
            return true;
    return false;
}

} // namespace

std::string_view to_string(language l) noexcept {
    return l == language::en ? "en" : "it";
}

std::optional<language> language_from_string(std::string_view s) noexcept {
    if (s == "it")
        return language::it;
    if (s == "en")
        return language::en;
    return std::nullopt;
}

bool is_stop_word(std::string_view word, language l) {
    if (l == language::it)
        return italian.count(word) > 0 || italian_speech.count(word) > 0;
    return english.count(word) > 0;
}

language detect_language(std::vector<std::string> const& words) {
    int it = 0, en = 0;
    for (auto const& w : words) {
        // A word in both lists ("a", "in", "no") is no evidence either way.
        bool const in_it = italian.count(w) > 0;
        bool const in_en = english.count(w) > 0;
        if (in_it && !in_en)
            ++it;
        else if (in_en && !in_it)
            ++en;
        if (has_italian_ending(w))
            ++it;
    }
    return en > it ? language::en : language::it;
}

} // namespace tavolo::cluster
