#include "features.hpp"

#include "tavolo/cluster/word_vectors.hpp"

#include "vector_math.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tavolo::cluster::detail {
namespace {

constexpr double sif_a = word_vectors::sif_a;

float sparse_dot(sparse_vector const& a, sparse_vector const& b) {
    float s = 0;
    auto i = a.begin(), j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (i->first < j->first)
            ++i;
        else if (j->first < i->first)
            ++j;
        else
            s += (i++)->second * (j++)->second;
    }
    return s;
}

// The concepts each text names: its words' nearest concepts, weighted by the
// words' SIF weights and nearness, by how few of the meeting's texts name the
// same concept (as TF-IDF does for words), at unit length, `share` of the
// text's vector.
void add_concepts(features& f, word_vectors const& wv, double share) {
    auto const count = wv.concept_count();
    std::vector<std::map<std::uint32_t, double>> named(f.n);
    std::vector<double> df(count, 0);
    for (std::size_t i = 0; i < f.n; ++i) {
        auto const& t = f.analyzed[i];
        for (std::size_t w = 0; w < t.words.size(); ++w) {
            auto const e = wv.find(t.words[w], t.terms[w], t.lang);
            if (e.vector.empty())
                continue;
            auto const weight = sif_a / (sif_a + e.probability);
            for (auto const& link : e.concepts)
                if (link.weight > 0)
                    named[i][link.id] += weight * link.weight;
        }
        for (auto const& [c, w] : named[i])
            df[c] += 1;
    }
    auto const n = static_cast<double>(f.n);
    auto const keep = static_cast<float>(std::sqrt(1 - share));
    auto const give = std::sqrt(share);
    for (std::size_t i = 0; i < f.n; ++i) {
        if (named[i].empty())
            continue;
        double norm = 0;
        for (auto& [c, w] : named[i]) {
            w *= std::log((1.0 + n) / (1.0 + df[c])) + 1.0;
            norm += w * w;
        }
        if (norm <= 0)
            continue;
        for (auto& [term, w] : f.sparse[i])
            w *= keep;
        if (f.dim)
            for (std::size_t k = 0; k < f.dim; ++k)
                f.dense[i * f.dim + k] *= keep;
        for (auto const& [c, w] : named[i]) // ids ascending, after the words
            f.sparse[i].emplace_back(static_cast<std::uint32_t>(f.words + c),
                                     static_cast<float>(give * w / std::sqrt(norm)));
    }
    f.terms = f.words + count;
}

} // namespace

features describe(text_analyzer& analyzer, std::vector<std::string> const& texts,
                  cluster_options const& options) {
    features f;
    f.n = texts.size();
    f.analyzed.resize(f.n);
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<std::vector<std::pair<std::uint32_t, int>>> counts(f.n);
    std::vector<int> df;
    for (std::size_t i = 0; i < f.n; ++i) {
        f.analyzed[i] = analyzer.analyze(texts[i], options.lang);
        auto const& a = f.analyzed[i];
        std::map<std::uint32_t, int> tf;
        for (std::size_t t = 0; t < a.terms.size(); ++t) {
            auto const [it, added] =
                index.emplace(a.terms[t], static_cast<std::uint32_t>(f.term_names.size()));
            if (added) {
                f.term_names.push_back(a.terms[t]);
                f.forms.emplace_back();
                df.push_back(0);
            }
            ++tf[it->second];
            ++f.forms[it->second][a.words[t]];
        }
        for (auto const& [term, c] : tf) {
            ++df[term];
            counts[i].emplace_back(term, c);
        }
    }
    f.terms = f.words = f.term_names.size();
    auto const n = static_cast<double>(f.n);

    // How common each term is outside the meeting: words every document of
    // the corpus uses ("digitale", "dati") tell groups apart less.
    std::vector<double> general(f.terms, 1.0);
    if (options.vectors) {
        std::vector<language> term_lang(f.terms, language::it);
        for (auto const& a : f.analyzed)
            for (auto const& t : a.terms)
                term_lang[index[t]] = a.lang;
        for (std::size_t t = 0; t < f.terms; ++t) {
            auto const& word = f.forms[t].begin()->first;
            auto const e = options.vectors->find(word, f.term_names[t], term_lang[t]);
            if (!e.vector.empty())
                general[t] = sif_a / (sif_a + e.probability);
        }
    }

    // TF-IDF with sublinear term frequency, unit length.
    f.sparse.resize(f.n);
    for (std::size_t i = 0; i < f.n; ++i) {
        double norm = 0;
        for (auto const& [term, c] : counts[i]) {
            auto const idf = std::log((1.0 + n) / (1.0 + df[term])) + 1.0;
            auto const w = (1.0 + std::log(c)) * idf * general[term];
            f.sparse[i].emplace_back(term, static_cast<float>(w));
            norm += w * w;
        }
        if (norm > 0)
            for (auto& [term, w] : f.sparse[i])
                w = static_cast<float>(w / std::sqrt(norm));
    }

    // Word vectors: each text's words averaged with SIF weights.
    std::vector<bool> present(f.n, false);
    if (options.vectors) {
        auto const& wv = *options.vectors;
        f.dim = wv.dimension();
        f.dense.assign(f.n * f.dim, 0.f);
        for (std::size_t i = 0; i < f.n; ++i) {
            auto const& t = f.analyzed[i];
            auto* row = f.dense.data() + i * f.dim;
            for (std::size_t w = 0; w < t.words.size(); ++w) {
                auto const e = wv.find(t.words[w], t.terms[w], t.lang);
                if (e.vector.empty())
                    continue;
                auto const weight = static_cast<float>(sif_a / (sif_a + e.probability));
                for (std::size_t k = 0; k < f.dim; ++k)
                    row[k] += weight * e.vector[k];
                present[i] = true;
            }
            normalise(row, f.dim);
        }
        // What every text leans towards says nothing about its group. Taken
        // from the corpus, not the meeting, so that it holds for six texts as
        // for six thousand.
        auto const u = wv.common_direction();
        for (std::size_t i = 0; i < f.n; ++i) {
            auto* row = f.dense.data() + i * f.dim;
            auto const p = dense_dot(row, u.data(), f.dim);
            for (std::size_t k = 0; k < f.dim; ++k)
                row[k] -= p * u[k];
        }
    }
    auto const share = f.dim ? std::clamp(options.vector_weight, 0.0, 1.0) : 0.0;
    for (std::size_t i = 0; i < f.n; ++i) {
        bool const has_dense = present[i] && share > 0;
        auto* row = f.dense.data() + i * f.dim;
        if (has_dense) {
            normalise(row, f.dim);
            for (std::size_t k = 0; k < f.dim; ++k)
                row[k] = static_cast<float>(row[k] * std::sqrt(share));
        } else if (f.dim) {
            std::fill(row, row + f.dim, 0.f);
        }
        auto const scale = static_cast<float>(has_dense ? std::sqrt(1 - share) : 1.0);
        for (auto& [term, w] : f.sparse[i])
            w *= scale;
    }
    if (f.dim && options.vectors->concept_count() > 0 && options.concept_weight > 0)
        add_concepts(f, *options.vectors, std::min(options.concept_weight, 1.0));
    return f;
}

float similarity(features const& f, std::size_t i, std::size_t j) {
    float s = sparse_dot(f.sparse[i], f.sparse[j]);
    if (f.dim)
        s += dense_dot(f.dense.data() + i * f.dim, f.dense.data() + j * f.dim, f.dim);
    return s;
}

std::vector<centroid> group_sums(features const& f, std::vector<std::size_t> const& items,
                                 std::vector<std::uint32_t> const& label, std::size_t k) {
    std::vector<centroid> sums(k);
    for (auto& c : sums) {
        c.dense.assign(f.dim, 0.f);
        c.sparse.assign(f.terms, 0.f);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& c = sums[label[i]];
        auto const x = items[i];
        for (auto const& [term, w] : f.sparse[x])
            c.sparse[term] += w;
        for (std::size_t d = 0; d < f.dim; ++d)
            c.dense[d] += f.dense[x * f.dim + d];
    }
    return sums;
}

float dot(features const& f, std::size_t i, centroid const& c) {
    float s = 0;
    for (auto const& [term, w] : f.sparse[i])
        s += w * c.sparse[term];
    if (f.dim)
        s += dense_dot(f.dense.data() + i * f.dim, c.dense.data(), f.dim);
    return s;
}

} // namespace tavolo::cluster::detail
