#include "titles.hpp"

#include "tavolo/cluster/text_analysis.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace tavolo::cluster::detail {
namespace {

// Words a title may hold between two content words: articles, prepositions
// and the conjunctions "e"/"o" ("Catalogo condiviso di API", "Formazione su
// GDPR e privacy"). Other stop words end a phrase.
std::unordered_set<std::string_view> const italian_connectors{
    "il",    "lo",   "la",    "i",     "gli",   "le",    "l",     "un",    "uno",   "una",
    "di",    "d",    "a",     "ad",    "da",    "in",    "con",   "su",    "per",   "tra",
    "fra",   "e",    "ed",    "o",     "del",   "dello", "della", "dei",   "degli", "delle",
    "dell",  "al",   "allo",  "alla",  "ai",    "agli",  "alle",  "all",   "dal",   "dallo",
    "dalla", "dai",  "dagli", "dalle", "dall",  "nel",   "nello", "nella", "nei",   "negli",
    "nelle", "nell", "sul",   "sullo", "sulla", "sui",   "sugli", "sulle", "sull"};
std::unordered_set<std::string_view> const english_connectors{
    "of", "for", "the", "and", "or", "in", "on", "with", "to", "a", "an", "at", "by", "from"};

// Finite verbs that open contributions and that neither the analysis's stop
// words (which hold "manca", "propone", "potremmo"...) nor the endings below
// catch.
std::unordered_set<std::string_view> const italian_opening_verbs{"chiedono", "usano"};

// Words that carry no topic but are not stop words of the analysis: a title
// holds none of them ("poco", "davvero").
std::unordered_set<std::string_view> const fillers{
    "poco",   "pochi",   "poca",   "poche",   "piu",      "po",       "bene",    "meglio", "peggio",
    "spesso", "davvero", "ora",    "adesso",  "insieme",  "subito",   "magari",  "almeno", "invece",
    "troppo", "troppi",  "troppe", "tanto",   "tanti",    "tante",    "cosa",    "cose",   "modo",
    "volta",  "volte",   "dopo",   "prima",   "qualche",  "ciascuno", "nessuno", "niente", "nulla",
    "fanno",  "vanno",   "possa",  "possano", "riescono", "esempio",  "really",  "often",  "today",
    "lot",    "lots",    "thing",  "things",  "way",      "better",   "etc",     "es",     "ecc"};

bool all_digits(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether a case-folded Italian word reads as a verb at the head of a title:
// an infinitive (with or without a clitic), a gerund, or a common finite form.
bool verb_like(std::string_view w, language lang) {
    if (lang != language::it)
        return false;
    auto ends = [&](std::string_view e) { return w.size() > e.size() + 2 && w.ends_with(e); };
    if (italian_opening_verbs.count(w))
        return true;
    if ((ends("are") || ends("ere") || ends("ire")) && !ends("iere") && !ends("olare") &&
        !ends("ulare") && !ends("iliare"))
        return true;
    for (std::string_view clitic : {"rli", "rlo", "rla", "rle", "rsi", "rci", "rvi"})
        if (ends(clitic) && std::string_view("aei").find(w[w.size() - 4]) != std::string_view::npos)
            return true;
    return (w.size() >= 7 && (ends("ando") || ends("endo"))) || ends("iamo") || ends("emmo") ||
           ends("ebbe") || ends("ebbero");
}

// Whether a case-folded word is an adverb by its ending ("internamente",
// "originally").
bool adverb(std::string_view w, language lang) {
    if (lang == language::it)
        return w.size() > 7 && w.ends_with("mente");
    if (w.size() <= 6)
        return false;
    for (std::string_view e : {"ally", "ively", "ously", "ently", "antly", "edly", "ately"})
        if (w.ends_with(e))
            return true;
    return false;
}

// Whether a case-folded Italian word reads as a past participle, which ends
// a clause rather than a title ("Documenti digitali affidata").
bool participle_like(std::string_view w, language lang) {
    static std::unordered_set<std::string_view> const nouns{
        "contenuto", "contenuti", "risultato", "risultati", "mercato", "mercati",  "comitato",
        "comitati",  "stato",     "stati",     "dato",      "dati",    "sito",     "siti",
        "credito",   "crediti",   "debito",    "debiti",    "minuti",  "istituto", "istituti",
        "invito",    "inviti",    "partito",   "partiti",   "senato",  "ducato"};
    if (lang != language::it || w.size() < 6 || nouns.count(w))
        return false;
    for (std::string_view e :
         {"ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute"})
        if (w.ends_with(e))
            return true;
    return false;
}

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    else if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC3 &&
             static_cast<unsigned char>(s[1]) >= 0xA0 && static_cast<unsigned char>(s[1]) <= 0xBE &&
             static_cast<unsigned char>(s[1]) != 0xB7) // Latin-1 small letters, not ÷
        s[1] = static_cast<char>(static_cast<unsigned char>(s[1]) - 0x20);
    return s;
}

std::size_t characters(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Whether a case-folded word marks a noun after it: an article or an
// articulated preposition ("la formazione", "dei dirigenti").
bool determiner(std::string_view w, language lang) {
    static std::unordered_set<std::string_view> const italian{
        "il",    "lo",    "la",    "i",     "gli",   "le",    "l",     "un",   "uno",   "una",
        "del",   "dello", "della", "dei",   "degli", "delle", "dell",  "al",   "allo",  "alla",
        "ai",    "agli",  "alle",  "all",   "dal",   "dallo", "dalla", "dai",  "dagli", "dalle",
        "dall",  "nel",   "nello", "nella", "nei",   "negli", "nelle", "nell", "sul",   "sullo",
        "sulla", "sui",   "sugli", "sulle", "sull",  "di",    "tra",   "fra",  "con",   "su"};
    static std::unordered_set<std::string_view> const english{"the", "a", "an", "of"};
    return (lang == language::en ? english : italian).count(w) > 0;
}

bool bare_article(std::string_view w, language lang) {
    static std::unordered_set<std::string_view> const italian{"il", "lo", "la", "i",   "gli",
                                                              "le", "l",  "un", "uno", "una"};
    static std::unordered_set<std::string_view> const english{"the", "a", "an"};
    return (lang == language::en ? english : italian).count(w) > 0;
}

// The words of a folded word as the analysis sees them: "e-learning" is
// "e" and "learning". Most words are one, and need no decoding.
std::vector<std::string> parts_of(std::string const& folded) {
    if (std::all_of(folded.begin(), folded.end(),
                    [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }))
        return {folded};
    return tokenize(folded);
}

// The group's words: each spelling's role, and what the group's texts say
// about each content stem. Worked out once per spelling.
class group_words {
public:
    struct stem_facts {
        std::size_t users = 0; // the members that use it
        std::size_t last_user = 0;
        double specificity = 0; // the best of its words' (see word_standing)
        double centrality = 0;  // likewise
        int seen = 0, after_article = 0, after_content = 0;
    };

    group_words(text_analyzer& analyzer, standings const& standing, language lang)
        : analyzer_(analyzer), standing_(standing), lang_(lang) {}

    // Sets the role and stem of the words of member `m`, and counts them. A
    // word written in capitals is content even where its folded form is a
    // stop word ("IO" of AppIO, "IT").
    void add(std::vector<segment>& segments, std::size_t m, bool text_shouted) {
        for (auto& s : segments)
            for (std::size_t k = 0; k < s.size(); ++k) {
                auto& w = s[k];
                bool const capitals = !text_shouted && in_capitals(w.surface);
                // Words in capitals are classified apart ("IO" is not "io").
                auto& spellings = capitals ? capitals_ : spellings_;
                auto it = spellings.find(w.folded);
                if (it == spellings.end())
                    it = spellings.emplace(w.folded, classify(w.folded, capitals)).first;
                w.kind = it->second.first;
                w.stem = it->second.second;
                if (w.kind != role::content)
                    continue;
                auto& f = stems_[w.stem];
                if (f.users == 0 || f.last_user != m) {
                    ++f.users;
                    f.last_user = m;
                }
                ++f.seen;
                f.after_article += k > 0 && determiner(s[k - 1].folded, lang_) ? 1 : 0;
                f.after_content += k > 0 && s[k - 1].kind == role::content ? 1 : 0;
            }
    }

    std::vector<stem_facts> const& stems() const { return stems_; }

private:
    std::pair<role, std::uint32_t> classify(std::string const& folded, bool capitals) {
        auto const& connectors = lang_ == language::en ? english_connectors : italian_connectors;
        // Italian verbs no noun ends like: "iniziò", "avrebbe", "potrebbero".
        bool const past =
            lang_ == language::it && folded.size() > 4 &&
            (folded.ends_with("ò") || folded.ends_with("ebbe") || folded.ends_with("ebbero"));
        if (fillers.count(folded) || adverb(folded, lang_) || past)
            return {role::other, 0};
        std::string stem;
        double specificity = 0, centrality = 0, parts = 0;
        for (auto const& part : parts_of(folded)) {
            if (part.size() < 2 || all_digits(part) || (is_stop_word(part, lang_) && !capitals))
                continue;
            if (!stem.empty())
                stem += '-';
            // The analysis has stemmed the group's words already. A
            // hyphenated word stands as the mean of its parts.
            auto const known = standing_.find(part);
            auto const& one = known == standing_.end() ? missing_ : known->second;
            stem += one.term.empty() ? analyzer_.stem(part, lang_) : one.term;
            specificity += one.specificity;
            centrality += one.centrality;
            parts += 1;
        }
        if (stem.empty())
            return {connectors.count(folded) ? role::connector : role::other, 0};
        auto const [id, added] =
            stem_ids_.try_emplace(stem, static_cast<std::uint32_t>(stems_.size()));
        if (added)
            stems_.emplace_back();
        auto& f = stems_[id->second];
        f.specificity = std::max(f.specificity, specificity / parts);
        f.centrality = std::max(f.centrality, centrality / parts);
        return {role::content, id->second};
    }

    text_analyzer& analyzer_;
    standings const& standing_;
    language lang_;
    word_standing const missing_;
    std::unordered_map<std::string, std::pair<role, std::uint32_t>> spellings_, capitals_;
    std::unordered_map<std::string, std::uint32_t> stem_ids_;
    std::vector<stem_facts> stems_;
};

// One phrase that could be the title, with what it is scored on.
struct candidate {
    segment const* from = nullptr; // where it was first seen: words first..last
    std::size_t first = 0, last = 0;
    std::size_t characters = 0;       // as folded, with the spaces
    std::vector<std::uint32_t> stems; // of its content words, in order
    std::size_t members = 0;          // how many members' texts hold it
    std::size_t last_member = 0;
};

bool conjunction(std::string_view w) {
    return w == "e" || w == "ed" || w == "o" || w == "and" || w == "or";
}

// Whether `next` may follow `word` inside a title: an article right after a
// content word starts a new clause ("PagoPA gli uffici"), and a preposition
// right after a conjunction joins what the title has cut off ("Smartphone e
// delle app").
bool may_follow(written_word const& w, written_word const& next, language lang) {
    if (w.kind == role::content)
        return !bare_article(next.folded, lang);
    if (conjunction(w.folded))
        return next.kind == role::content || bare_article(next.folded, lang);
    return true;
}

// Every run of words of one text from a content word to a content word,
// with only connectors between them (see may_follow), that starts at one of
// `heads`.
std::unordered_map<std::string, candidate>
phrases_of(std::vector<std::vector<segment>> const& texts, language lang,
           std::vector<bool> const& heads) {
    constexpr std::size_t max_words = 6, max_content = 4;
    std::unordered_map<std::string, candidate> candidates; // by the phrase, case-folded
    for (std::size_t m = 0; m < texts.size(); ++m)
        for (auto const& s : texts[m])
            for (std::size_t a = 0; a < s.size(); ++a) {
                if (s[a].kind != role::content || !heads[s[a].stem])
                    continue;
                std::vector<std::uint32_t> stems;
                std::string key;
                for (std::size_t b = a; b < s.size() && b < a + max_words; ++b) {
                    if (s[b].kind == role::other || (b > a && !may_follow(s[b - 1], s[b], lang)))
                        break;
                    key += s[b].folded;
                    key += s[b].elided ? '\'' : ' ';
                    if (s[b].kind != role::content)
                        continue;
                    stems.push_back(s[b].stem);
                    if (stems.size() > max_content)
                        break;
                    auto [it, added] = candidates.try_emplace(key);
                    auto& c = it->second;
                    if (added) {
                        c = {.from = &s,
                             .first = a,
                             .last = b,
                             .characters = characters(key) - 1,
                             .stems = stems,
                             .members = 1,
                             .last_member = m};
                    } else if (c.last_member != m) {
                        ++c.members;
                        c.last_member = m;
                    }
                }
            }
    return candidates;
}

// What each stem brings to a title (see title_of).
struct stem_values {
    std::vector<double> value;   // how much it says about the group
    std::vector<double> nominal; // how likely it is a noun
    std::vector<bool> head;      // phrases may start with it
};

// What a word brings to a title: how many members use it, how much it
// belongs to the group rather than the meeting, and how near its meaning is
// to the group's. And how likely it is a noun, the head a title wants: how
// often the group writes an article or preposition before it, and in
// Italian how seldom right after another content word, where adjectives go
// ("rischio informatico", "attacchi informatici"). Phrases start at the
// words worth most: a large group's rare words would not head its title,
// and skipping them keeps the cost linear.
stem_values values_of(std::vector<group_words::stem_facts> const& facts, language lang) {
    constexpr std::size_t max_heads = 24;
    std::size_t most_users = 1;
    for (auto const& f : facts)
        most_users = std::max(most_users, f.users);
    double const modifier = lang == language::it ? 0.6 : 0.0;
    stem_values v;
    for (auto const& f : facts) {
        v.value.push_back(static_cast<double>(f.users) / static_cast<double>(most_users) *
                              (0.5 + 0.5 * f.specificity) +
                          0.5 * f.centrality);
        v.nominal.push_back((f.after_article + 0.3 - modifier * f.after_content) / (f.seen + 1.0));
    }
    std::vector<std::uint32_t> order(facts.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](auto a, auto b) { return v.value[a] > v.value[b]; });
    v.head.assign(facts.size(), false);
    for (std::size_t r = 0; r < order.size() && r < max_heads; ++r)
        v.head[order[r]] = true;
    return v;
}

// A phrase's score: the value of its words, and more of its first word's
// the more it reads as a noun; less for each word, for a lone word, for a
// verb at its head or a verb or participle at its end; more when several of the
// group's `members` wrote it.
double score_of(candidate const& c, stem_values const& v, language lang, std::size_t members) {
    auto distinct = c.stems;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    double score = 0;
    for (auto stem : distinct)
        score += v.value[stem];
    score += v.value[c.stems.front()] * (0.2 + v.nominal[c.stems.front()]);
    auto const length = static_cast<double>(c.last - c.first + 1);
    auto const connectors = length - static_cast<double>(c.stems.size());
    score -=
        0.12 * static_cast<double>(c.stems.size()) + 0.06 * connectors + 0.03 * length * length;
    if (c.stems.size() == 1)
        score -= 0.25;
    auto const& from = *c.from;
    if (verb_like(from[c.first].folded, lang))
        score -= 0.6;
    if (c.last > c.first &&
        (participle_like(from[c.last].folded, lang) || verb_like(from[c.last].folded, lang)))
        score -= 0.3;
    if (c.members > 1)
        score += 0.5 * static_cast<double>(c.members - 1) / static_cast<double>(members - 1);
    return score;
}

} // namespace

group_title title_of(text_analyzer& analyzer, std::vector<std::string_view> const& members,
                     language lang, standings const& standing,
                     std::vector<std::string> const& keywords) {
    surface_forms forms;
    group_words words(analyzer, standing, lang);
    std::vector<std::vector<segment>> texts;
    for (std::size_t m = 0; m < members.size(); ++m) {
        texts.push_back(segments_of(members[m]));
        bool const loud = shouted(members[m]);
        words.add(texts.back(), m, loud);
        if (!loud)
            for (auto const& s : texts.back())
                for (auto const& w : s)
                    forms.add_word(w.surface, w.folded, w.starts_sentence);
    }
    auto const values = values_of(words.stems(), lang);
    group_title out;
    double best_score = -1e9;
    for (auto const& [key, c] : phrases_of(texts, lang, values.head)) {
        if (c.characters > 60)
            continue;
        auto const score = score_of(c, values, lang, members.size());
        if (score < best_score)
            continue;
        std::string title;
        for (auto w = c.first; w <= c.last; ++w) {
            title += forms.of((*c.from)[w].folded, lang);
            title += (*c.from)[w].elided ? '\'' : ' ';
        }
        title.pop_back();
        title = capitalised(std::move(title));
        // Ties go to the shorter, then the alphabetically first title.
        if (score > best_score || title.size() < out.title.size() ||
            (title.size() == out.title.size() && title < out.title)) {
            best_score = score;
            out.title = std::move(title);
        }
    }
    if (out.title.empty() && !keywords.empty())
        out.title = capitalised(forms.of(keywords.front(), lang));
    for (auto const& k : keywords)
        out.keywords.push_back(forms.of(k, lang));
    return out;
}

} // namespace tavolo::cluster::detail
