#include "tavolo/cluster/word_vectors.hpp"

#include "tavolo/cluster/text_analysis.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include "vector_math.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tavolo::cluster {
namespace {

constexpr std::string_view compact_magic_v1 = "tavolo-vectors 1";
constexpr std::string_view compact_magic = "tavolo-vectors 2";
// Stems are indexed, and concepts linked in advance, for the most frequent
// words only: a deployer's file of millions of words would otherwise need
// gigabytes and minutes for rare forms (their concepts are found when asked).
constexpr std::size_t max_stemmed_words = 200'000;
// A concept for about every thirty words of the vocabulary it is made of;
// none under thirty words.
constexpr std::size_t words_per_concept = 30;

[[noreturn]] void fail(std::filesystem::path const& path, std::string const& what) {
    throw std::runtime_error("vector file " + path.string() + ": " + what);
}

bool parse_float(std::string_view s, float& out) {
    auto const* end = s.data() + s.size();
    auto const [p, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc{} && p == end && std::isfinite(out);
}

// fastText's text format. Words are folded as the engine folds them; a word
// that folds to one already read keeps the first (more frequent) vector.
word_vectors load_text(std::filesystem::path const& path, std::istream& in,
                       std::string const& header) {
    std::size_t count = 0, dimension = 0;
    {
        std::istringstream h(header);
        if (!(h >> count >> dimension) || dimension == 0 || dimension > 4096)
            fail(path, "the first line must be \"<words> <dimension>\"");
    }
    std::vector<std::string> words;
    std::vector<float> data;
    words.reserve(count);
    data.reserve(count * dimension);
    std::string line;
    std::size_t line_no = 1;
    std::unordered_map<std::string, bool> seen;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty())
            continue;
        std::string_view rest(line);
        auto const space = rest.find(' ');
        if (space == std::string_view::npos)
            fail(path, "line " + std::to_string(line_no) + " has no vector");
        auto word = fold_case(rest.substr(0, space));
        rest.remove_prefix(space + 1);
        std::vector<float> v;
        v.reserve(dimension);
        while (!rest.empty()) {
            auto const next = rest.find(' ');
            auto const field = rest.substr(0, next);
            rest.remove_prefix(next == std::string_view::npos ? rest.size() : next + 1);
            if (field.empty())
                continue;
            float x = 0;
            if (!parse_float(field, x))
                fail(path, "line " + std::to_string(line_no) + " has a value that is not a number");
            v.push_back(x);
        }
        if (v.size() != dimension)
            fail(path, "line " + std::to_string(line_no) + " has " + std::to_string(v.size()) +
                           " values, the header says " + std::to_string(dimension));
        if (!seen.emplace(word, true).second)
            continue;
        words.push_back(std::move(word));
        data.insert(data.end(), v.begin(), v.end());
    }
    if (words.empty())
        fail(path, "no vectors");
    std::vector<std::uint64_t> counts(words.size(), 0);
    return word_vectors(std::move(words), std::move(counts), std::move(data), dimension);
}

} // namespace

word_vectors word_vectors::load(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot be read");
    std::string first;
    std::getline(in, first);
    if (first == compact_magic)
        return load_compact(path, in, 2);
    if (first == compact_magic_v1)
        return load_compact(path, in, 1);
    return load_text(path, in, first);
}

word_vectors::word_vectors(std::vector<std::string> words, std::vector<std::uint64_t> counts,
                           std::vector<float> data, std::size_t dimension, keys key)
    : word_vectors(std::move(words), std::move(counts), std::move(data), dimension, key,
                   stored_concepts{}) {}

// tavolo's compact format: the magic line, "<words> <dimension> <keys>
// <concepts>" (keys: "words" or "stems-it"; version 1 has no concepts), one
// "<word> <count>" line per word, then per word a float32 scale and
// <dimension> int8 values; then (version 2) the concepts' centres as float32
// and per word its nearest concepts as (uint16 id, float32 weight) pairs.
// Little-endian throughout.
word_vectors word_vectors::load_compact(std::filesystem::path const& path, std::istream& in,
                                        int version) {
    std::string line;
    std::size_t count = 0, dimension = 0, concepts = 0;
    std::string key;
    if (!std::getline(in, line))
        fail(path, "truncated header");
    {
        std::istringstream h(line);
        if (!(h >> count >> dimension >> key) || dimension == 0 || dimension > 4096 || count == 0 ||
            (key != "words" && key != "stems-it") ||
            (version >= 2 && (!(h >> concepts) || concepts > 65535)))
            fail(path, "bad header");
    }
    std::vector<std::string> words(count);
    std::vector<std::uint64_t> counts(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (!std::getline(in, line))
            fail(path, "truncated word list");
        auto const space = line.rfind(' ');
        if (space == std::string::npos || space == 0)
            fail(path, "bad word line " + std::to_string(i + 1));
        words[i] = line.substr(0, space);
        auto const* b = line.data() + space + 1;
        auto const* e = line.data() + line.size();
        if (auto const [p, ec] = std::from_chars(b, e, counts[i]); ec != std::errc{} || p != e)
            fail(path, "bad count on word line " + std::to_string(i + 1));
    }
    std::vector<float> data(count * dimension);
    std::vector<std::int8_t> q(dimension);
    for (std::size_t i = 0; i < count; ++i) {
        float scale = 0;
        in.read(reinterpret_cast<char*>(&scale), sizeof scale);
        in.read(reinterpret_cast<char*>(q.data()), static_cast<std::streamsize>(dimension));
        if (!in || !std::isfinite(scale))
            fail(path, "truncated vectors");
        for (std::size_t d = 0; d < dimension; ++d)
            data[i * dimension + d] = scale * static_cast<float>(q[d]);
    }
    auto const keyed = key == "words" ? keys::words : keys::italian_stems;
    if (version < 2)
        return word_vectors(std::move(words), std::move(counts), std::move(data), dimension, keyed);
    stored_concepts stored;
    stored.count = concepts;
    stored.centres.resize(concepts * dimension);
    in.read(reinterpret_cast<char*>(stored.centres.data()),
            static_cast<std::streamsize>(stored.centres.size() * sizeof(float)));
    stored.present = true;
    stored.links.resize(concepts ? count : 0);
    for (auto& links : stored.links)
        for (auto& l : links) {
            in.read(reinterpret_cast<char*>(&l.id), sizeof l.id);
            in.read(reinterpret_cast<char*>(&l.weight), sizeof l.weight);
            if (in && (l.id >= concepts || !std::isfinite(l.weight)))
                fail(path, "bad concept link");
        }
    if (!in)
        fail(path, "truncated concepts");
    if (!std::all_of(stored.centres.begin(), stored.centres.end(),
                     [](float x) { return std::isfinite(x); }))
        fail(path, "bad concept centre");
    return word_vectors(std::move(words), std::move(counts), std::move(data), dimension, keyed,
                        std::move(stored));
}

word_vectors::word_vectors(std::vector<std::string> words, std::vector<std::uint64_t> counts,
                           std::vector<float> data, std::size_t dimension, keys key,
                           stored_concepts concepts)
    : words_(std::move(words)), counts_(std::move(counts)), data_(std::move(data)),
      dimension_(dimension), key_(key) {
    if (counts_.size() != words_.size() || data_.size() != words_.size() * dimension_)
        throw std::invalid_argument("word_vectors: sizes do not match");
    // Without corpus counts, frequencies follow Zipf's law over the rank.
    bool const known = std::any_of(counts_.begin(), counts_.end(), [](auto c) { return c > 0; });
    if (!known) {
        for (std::size_t i = 0; i < counts_.size(); ++i)
            counts_[i] = static_cast<std::uint64_t>(1e9 / static_cast<double>(i + 1));
    }
    for (auto c : counts_)
        total_count_ += static_cast<double>(c);
    // Unit length: a text's vector is a weighted mean of directions.
    for (std::size_t i = 0; i < words_.size(); ++i)
        detail::normalise(data_.data() + i * dimension_, dimension_);
    by_word_.reserve(words_.size());
    for (std::size_t i = 0; i < words_.size(); ++i)
        by_word_.emplace(words_[i], static_cast<std::uint32_t>(i));
    if (key_ == keys::words)
        index_stems();
    std::vector<double> sum(dimension_, 0.0);
    for (std::size_t i = 0; i < words_.size(); ++i) {
        auto const p = static_cast<double>(counts_[i]) / total_count_;
        auto const w = p * sif_a / (sif_a + p);
        for (std::size_t d = 0; d < dimension_; ++d)
            sum[d] += w * data_[i * dimension_ + d];
    }
    double norm = 0;
    for (auto x : sum)
        norm += x * x;
    common_.assign(dimension_, 0.f);
    if (norm > 0)
        for (std::size_t d = 0; d < dimension_; ++d)
            common_[d] = static_cast<float>(sum[d] / std::sqrt(norm));
    if (concepts.present) {
        concept_count_ = concepts.count;
        centres_ = std::move(concepts.centres);
        links_ = std::move(concepts.links);
    } else {
        make_concepts(std::min(default_concepts,
                               std::min(words_.size(), concept_vocabulary) / words_per_concept));
    }
}

// Spherical k-means of the most frequent words' vectors, seeded by
// k-means++ from a fixed seed: the same file always gives the same concepts.
void word_vectors::make_concepts(std::size_t count) {
    concept_count_ = count;
    centres_.clear();
    links_.clear();
    if (count == 0)
        return;
    auto const d = dimension_;
    auto const top = std::min(words_.size(), concept_vocabulary);
    centres_.resize(count * d);
    {
        detail::splitmix rng{0xc0ffeeULL};
        std::vector<double> far(top, 4.0); // squared distance to the nearest seed
        auto seed = static_cast<std::size_t>(rng.next() % top);
        for (std::size_t c = 0; c < count; ++c) {
            auto const* s = data_.data() + seed * d;
            std::copy_n(s, d, centres_.begin() + static_cast<std::ptrdiff_t>(c * d));
            double total = 0;
            for (std::size_t i = 0; i < top; ++i) {
                auto const dist =
                    std::max(0.0, 2.0 - 2.0 * detail::dense_dot(data_.data() + i * d, s, d));
                far[i] = std::min(far[i], dist);
                total += far[i];
            }
            auto target = rng.uniform() * total;
            seed = top - 1;
            for (std::size_t i = 0; i < top; ++i) {
                target -= far[i];
                if (target <= 0 && far[i] > 0) {
                    seed = i;
                    break;
                }
            }
        }
    }
    std::vector<std::uint32_t> label(top, 0);
    std::vector<float> sum(count * d);
    for (int iteration = 0; iteration < 15; ++iteration) {
        bool changed = iteration == 0;
        for (std::size_t i = 0; i < top; ++i) {
            auto const nearest = nearest_concepts(data_.data() + i * d)[0].id;
            changed = changed || nearest != label[i];
            label[i] = nearest;
        }
        if (!changed)
            break;
        std::fill(sum.begin(), sum.end(), 0.f);
        for (std::size_t i = 0; i < top; ++i)
            for (std::size_t k = 0; k < d; ++k)
                sum[label[i] * d + k] += data_[i * d + k];
        for (std::size_t c = 0; c < count; ++c) {
            auto* s = sum.data() + c * d;
            if (detail::length(s, d) == 0)
                continue; // an empty concept keeps its centre
            detail::normalise(s, d);
            std::copy_n(s, d, centres_.begin() + static_cast<std::ptrdiff_t>(c * d));
        }
    }
    auto const linked = std::min(words_.size(), max_stemmed_words);
    links_.resize(linked);
    for (std::size_t i = 0; i < linked; ++i)
        links_[i] = nearest_concepts(data_.data() + i * d);
}

word_vectors::concept_links word_vectors::nearest_concepts(float const* v) const {
    concept_links best{};
    for (auto& l : best)
        l.weight = -2.f;
    for (std::size_t c = 0; c < concept_count_; ++c) {
        auto const s = detail::dense_dot(v, centres_.data() + c * dimension_, dimension_);
        // Insert in order, nearest first (ties: the lower id).
        if (s <= best.back().weight)
            continue;
        std::size_t at = best.size() - 1;
        while (at > 0 && s > best[at - 1].weight) {
            best[at] = best[at - 1];
            --at;
        }
        best[at] = {static_cast<std::uint16_t>(c), s};
    }
    for (auto& l : best)
        l.weight = std::max(0.f, l.weight);
    return best;
}

void word_vectors::index_stems() {
    text_analyzer analyzer;
    auto const n = std::min(words_.size(), max_stemmed_words);
    for (auto const lang : {language::it, language::en}) {
        auto& table = stems_[static_cast<int>(lang)];
        for (std::size_t i = 0; i < n; ++i) {
            auto& e = table[analyzer.stem(words_[i], lang)];
            if (e.vector.empty())
                e.vector.assign(dimension_, 0.f);
            auto const w = static_cast<float>(counts_[i]) + 1.f;
            for (std::size_t d = 0; d < dimension_; ++d)
                e.vector[d] += w * data_[i * dimension_ + d];
            e.probability += static_cast<double>(counts_[i]);
        }
        for (auto& [stem, e] : table) {
            detail::normalise(e.vector.data(), dimension_);
            e.probability /= total_count_;
        }
    }
}

word_vectors::entry word_vectors::find(std::string_view word, std::string_view stem,
                                       language lang) const {
    if (key_ == keys::italian_stems) {
        if (lang != language::it)
            return {}; // an English word spelled like an Italian stem means something else
        word = stem;
    }
    if (auto const it = by_word_.find(word); it != by_word_.end()) {
        auto const i = it->second;
        auto const* v = data_.data() + i * dimension_;
        return {std::span<float const>(v, dimension_),
                static_cast<double>(counts_[i]) / total_count_,
                i < links_.size() ? links_[i] : nearest_concepts(v)};
    }
    auto const& table = stems_[static_cast<int>(lang)];
    if (auto const it = table.find(std::string(stem)); it != table.end())
        return {it->second.vector, it->second.probability,
                nearest_concepts(it->second.vector.data())};
    return {};
}

void word_vectors::save_compact(std::filesystem::path const& path, std::size_t max_words) const {
    auto const n = std::min(max_words, words_.size());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        fail(path, "cannot be written");
    out << compact_magic << '\n'
        << n << ' ' << dimension_ << ' ' << (key_ == keys::words ? "words" : "stems-it") << ' '
        << concept_count_ << '\n';
    for (std::size_t i = 0; i < n; ++i)
        out << words_[i] << ' ' << counts_[i] << '\n';
    std::vector<std::int8_t> q(dimension_);
    for (std::size_t i = 0; i < n; ++i) {
        float top = 0;
        for (std::size_t d = 0; d < dimension_; ++d)
            top = std::max(top, std::abs(data_[i * dimension_ + d]));
        float const scale = top > 0 ? top / 127.f : 1.f;
        for (std::size_t d = 0; d < dimension_; ++d)
            q[d] = static_cast<std::int8_t>(std::lround(data_[i * dimension_ + d] / scale));
        out.write(reinterpret_cast<char const*>(&scale), sizeof scale);
        out.write(reinterpret_cast<char const*>(q.data()),
                  static_cast<std::streamsize>(dimension_));
    }
    out.write(reinterpret_cast<char const*>(centres_.data()),
              static_cast<std::streamsize>(centres_.size() * sizeof(float)));
    for (std::size_t i = 0; i < n && concept_count_; ++i) {
        auto const links =
            i < links_.size() ? links_[i] : nearest_concepts(data_.data() + i * dimension_);
        for (auto const& l : links) {
            out.write(reinterpret_cast<char const*>(&l.id), sizeof l.id);
            out.write(reinterpret_cast<char const*>(&l.weight), sizeof l.weight);
        }
    }
    if (!out.flush())
        fail(path, "write failed");
}

} // namespace tavolo::cluster
