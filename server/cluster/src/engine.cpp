#include "tavolo/cluster/engine.hpp"

#include "tavolo/cluster/text_analysis.hpp"
#include "tavolo/cluster/text_analyzer.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include "vector_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace tavolo::cluster {
namespace {

using detail::dense_dot;
using detail::dense_dots;
using detail::normalise;
using detail::splitmix;

constexpr double sif_a = word_vectors::sif_a;
// Louvain links each text to this many neighbours at most: about 1.5 sqrt(n),
// at least 3. (A cap of 15 split large inputs into too many groups: sib200_it's
// 1,004 texts into 15 for 7.)
std::size_t neighbours_for(std::size_t n) {
    auto const q = static_cast<std::size_t>(std::lround(1.5 * std::sqrt(static_cast<double>(n))));
    return std::max<std::size_t>(q, 3);
}
// The silhouette of the k-means path is computed on at most this many texts.
constexpr std::size_t silhouette_sample = 2000;

using sparse_vector = std::vector<std::pair<std::uint32_t, float>>; // (term, weight), by term

// Each text as one unit vector x = [sqrt(w) * dense, sqrt(1 - w) * tf-idf],
// so that x_i . x_j mixes the meaning of two texts' words with the words they
// share; with word vectors, a share of it (concept_weight) also says which of
// the vocabulary's concepts the text names (see word_vectors), as extra
// sparse "terms" after the words. Being a dot product, the mean similarity of a text to a set of
// texts is its dot product with the set's sum: silhouettes and refinements cost O(n k) rather than
// O(n^2).
struct features {
    std::size_t n = 0;
    std::size_t dim = 0;               // dense part's dimension (0 without word vectors)
    std::vector<float> dense;          // n x dim, scaled
    std::vector<sparse_vector> sparse; // scaled
    std::size_t terms = 0;             // words, then concepts
    std::size_t words = 0;             // sparse terms below this are words
    std::vector<std::string> term_names;
    std::vector<std::map<std::string, int>> forms; // per term: the words seen, with counts
    std::vector<analyzed_text> analyzed;
};

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

// A set of texts as the sum of their vectors: dense part, and sparse part
// spread over the vocabulary.
struct centroid {
    std::vector<float> dense;
    std::vector<float> sparse;
};

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

using partition = std::vector<std::vector<std::size_t>>;

// --- large inputs: spherical k-means ------------------------------------------

struct kmeans_result {
    std::vector<std::uint32_t> label; // per item, 0..groups-1 in order of first appearance
    std::size_t groups = 0;
    double objective = 0; // sum of similarities to the centroids
};

// Spherical k-means of `items` into at most `k` groups, k-means++ seeding.
kmeans_result kmeans(features const& f, std::vector<std::size_t> const& items, std::size_t k,
                     std::uint64_t seed) {
    auto const n = items.size();
    // Centroids are dense over the items' own vocabulary (numbered locally),
    // in flat buffers reused by every iteration.
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> local(f.terms, none);
    std::size_t vocabulary = 0;
    for (auto x : items)
        for (auto const& [term, w] : f.sparse[x])
            if (local[term] == none)
                local[term] = static_cast<std::uint32_t>(vocabulary++);

    splitmix rng{seed};
    std::vector<std::size_t> seeds;
    std::vector<float> nearest(n, 2.f);         // distance to the nearest seed
    std::vector<float> spread(vocabulary, 0.f); // the newest seed's sparse part
    seeds.push_back(static_cast<std::size_t>(rng.next() % n));
    while (seeds.size() < k) {
        auto const s = items[seeds.back()];
        for (auto const& [term, w] : f.sparse[s])
            spread[local[term]] = w;
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            auto const x = items[i];
            float sim = 0;
            for (auto const& [term, w] : f.sparse[x])
                sim += w * spread[local[term]];
            if (f.dim)
                sim += dense_dot(f.dense.data() + x * f.dim, f.dense.data() + s * f.dim, f.dim);
            nearest[i] = std::min(nearest[i], std::max(0.f, 1.f - sim));
            total += static_cast<double>(nearest[i]) * nearest[i];
        }
        for (auto const& [term, w] : f.sparse[s])
            spread[local[term]] = 0.f;
        if (total <= 0)
            break;
        auto target = rng.uniform() * total;
        std::size_t pick = n - 1;
        for (std::size_t i = 0; i < n; ++i) {
            target -= static_cast<double>(nearest[i]) * nearest[i];
            if (target <= 0) {
                pick = i;
                break;
            }
        }
        seeds.push_back(pick);
    }
    k = seeds.size();
    std::vector<float> dense(k * f.dim), sparse(k * vocabulary);
    auto add = [&](std::size_t j, std::size_t x) {
        for (auto const& [term, w] : f.sparse[x])
            sparse[j * vocabulary + local[term]] += w;
        for (std::size_t d = 0; d < f.dim; ++d)
            dense[j * f.dim + d] += f.dense[x * f.dim + d];
    };
    auto sparse_dot = [&](std::size_t x, std::size_t j) { // with centroid j
        // Four sums, so that the gathers do not wait on each other's adds.
        auto const& v = f.sparse[x];
        auto const* c = sparse.data() + j * vocabulary;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        std::size_t e = 0;
        for (; e + 4 <= v.size(); e += 4) {
            s0 += v[e].second * c[local[v[e].first]];
            s1 += v[e + 1].second * c[local[v[e + 1].first]];
            s2 += v[e + 2].second * c[local[v[e + 2].first]];
            s3 += v[e + 3].second * c[local[v[e + 3].first]];
        }
        for (; e < v.size(); ++e)
            s0 += v[e].second * c[local[v[e].first]];
        return (s0 + s1) + (s2 + s3);
    };
    for (std::size_t j = 0; j < k; ++j)
        add(j, items[seeds[j]]);
    std::vector<float> meaning(k, 0.f); // one item's dense dots with every centroid

    std::vector<std::uint32_t> label(n, 0);
    kmeans_result r;
    for (int iteration = 0; iteration < 20; ++iteration) {
        bool changed = iteration == 0;
        r.objective = 0;
        for (std::size_t i = 0; i < n; ++i) {
            std::uint32_t arg = 0;
            float top = -2.f;
            if (f.dim)
                dense_dots(f.dense.data() + items[i] * f.dim, dense.data(), k, f.dim,
                           meaning.data());
            for (std::size_t j = 0; j < k; ++j) {
                auto const s = sparse_dot(items[i], j) + meaning[j];
                if (s > top) {
                    top = s;
                    arg = static_cast<std::uint32_t>(j);
                }
            }
            r.objective += top;
            changed = changed || label[i] != arg;
            label[i] = arg;
        }
        if (!changed)
            break;
        std::fill(dense.begin(), dense.end(), 0.f);
        std::fill(sparse.begin(), sparse.end(), 0.f);
        for (std::size_t i = 0; i < n; ++i)
            add(label[i], items[i]);
        for (std::size_t j = 0; j < k; ++j) {
            auto* dj = dense.data() + j * f.dim;
            auto* sj = sparse.data() + j * vocabulary;
            double norm = 0;
            for (std::size_t d = 0; d < f.dim; ++d)
                norm += static_cast<double>(dj[d]) * dj[d];
            for (std::size_t t = 0; t < vocabulary; ++t)
                norm += static_cast<double>(sj[t]) * sj[t];
            if (norm <= 0)
                continue;
            auto const inv = static_cast<float>(1.0 / std::sqrt(norm));
            for (std::size_t d = 0; d < f.dim; ++d)
                dj[d] *= inv;
            for (std::size_t t = 0; t < vocabulary; ++t)
                sj[t] *= inv;
        }
    }
    std::vector<std::int64_t> id(k, -1);
    for (auto& l : label) {
        if (id[l] < 0)
            id[l] = static_cast<std::int64_t>(r.groups++);
        l = static_cast<std::uint32_t>(id[l]);
    }
    r.label = std::move(label);
    return r;
}

// Mean silhouette of a labelling of `items` (distance 1 - similarity).
double silhouette(features const& f, std::vector<std::size_t> const& items,
                  std::vector<std::uint32_t> const& label, std::size_t k) {
    auto const sums = group_sums(f, items, label, k);
    std::vector<double> size(k, 0);
    for (auto l : label)
        size[l] += 1;
    double total = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto const own = label[i];
        if (size[own] <= 1)
            continue; // a text alone scores 0
        auto const x = items[i];
        auto const a = 1.0 - (dot(f, x, sums[own]) - similarity(f, x, x)) / (size[own] - 1);
        double b = 1e9;
        for (std::size_t c = 0; c < k; ++c)
            if (c != own && size[c] > 0)
                b = std::min(b, 1.0 - dot(f, x, sums[c]) / size[c]);
        if (auto const denom = std::max(a, b); denom > 0)
            total += (b - a) / denom;
    }
    return total / static_cast<double>(items.size());
}

partition kmeans_groups(features const& f, cluster_options const& options) {
    auto const n = f.n;
    std::vector<std::size_t> all(n), sample;
    std::iota(all.begin(), all.end(), 0);
    auto const stride = std::max<std::size_t>(1, (n + silhouette_sample - 1) / silhouette_sample);
    for (std::size_t i = 0; i < n; i += stride)
        sample.push_back(i);
    auto run = [&](std::vector<std::size_t> const& items, std::size_t k) {
        kmeans_result best;
        for (std::uint64_t r = 0; r < 3; ++r) {
            auto res = kmeans(f, items, k, 0x5eedULL + r * 7919);
            if (r == 0 || res.objective > best.objective)
                best = std::move(res);
        }
        return best;
    };
    std::size_t k = options.k ? std::clamp<std::size_t>(*options.k, 1, n) : 2;
    if (!options.k) {
        double best = -2;
        auto const top = std::min(options.max_groups, sample.size() - 1);
        for (std::size_t c = 2; c <= top; ++c) {
            auto const res = run(sample, c);
            auto const score = silhouette(f, sample, res.label, res.groups);
            if (score > best + 1e-9) {
                best = score;
                k = c;
            }
        }
    }
    auto const chosen = run(all, k);
    partition out(chosen.groups);
    for (std::size_t i = 0; i < n; ++i)
        out[chosen.label[i]].push_back(i);
    return out;
}

// --- meeting-sized inputs: a neighbour graph and Louvain ----------------------

using graph = std::vector<std::vector<std::pair<std::uint32_t, double>>>;

// Louvain community detection (modularity with resolution `gamma`). Nodes are
// visited in index order and ties keep the current community, so it is
// deterministic. Returns each node's community, numbered from 0.
std::vector<std::uint32_t> louvain(graph adj, double gamma) {
    std::vector<std::uint32_t> member(adj.size());
    std::iota(member.begin(), member.end(), 0u);
    for (int level = 0; level < 32; ++level) {
        auto const n = adj.size();
        std::vector<double> degree(n, 0);
        double m2 = 0;
        for (std::size_t i = 0; i < n; ++i)
            for (auto const& [j, w] : adj[i]) {
                degree[i] += w;
                m2 += w;
            }
        if (m2 <= 0)
            break;
        std::vector<std::uint32_t> comm(n);
        std::iota(comm.begin(), comm.end(), 0u);
        std::vector<double> tot = degree, link(n, 0);
        std::vector<std::uint32_t> touched;
        bool moved_any = false;
        for (int pass = 0; pass < 100; ++pass) {
            bool moved = false;
            for (std::size_t i = 0; i < n; ++i) {
                auto const own = comm[i];
                touched.clear();
                for (auto const& [j, w] : adj[i]) {
                    if (j == i)
                        continue;
                    if (link[comm[j]] == 0)
                        touched.push_back(comm[j]);
                    link[comm[j]] += w;
                }
                tot[own] -= degree[i];
                auto best = own;
                double best_gain = link[own] - gamma * tot[own] * degree[i] / m2;
                std::sort(touched.begin(), touched.end());
                for (auto c : touched) {
                    auto const gain = link[c] - gamma * tot[c] * degree[i] / m2;
                    if (gain > best_gain + 1e-12) {
                        best_gain = gain;
                        best = c;
                    }
                }
                tot[best] += degree[i];
                comm[i] = best;
                for (auto c : touched)
                    link[c] = 0;
                link[own] = 0;
                moved = moved || best != own;
            }
            if (!moved)
                break;
            moved_any = true;
        }
        if (!moved_any)
            break;
        // Renumber the communities and fold the graph onto them.
        std::vector<std::int64_t> id(n, -1);
        std::uint32_t next = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (id[comm[i]] < 0)
                id[comm[i]] = next++;
        for (auto& m : member)
            m = static_cast<std::uint32_t>(id[comm[m]]);
        std::vector<std::map<std::uint32_t, double>> folded(next);
        for (std::size_t i = 0; i < n; ++i)
            for (auto const& [j, w] : adj[i])
                folded[static_cast<std::size_t>(id[comm[i]])]
                      [static_cast<std::uint32_t>(id[comm[j]])] += w;
        adj.assign(next, {});
        for (std::uint32_t c = 0; c < next; ++c)
            adj[c].assign(folded[c].begin(), folded[c].end());
        if (next == n)
            break;
    }
    return member;
}

// Similarities of texts to all, four rows at a time: the dense part by
// dense_dots (each text's vector loaded once for the four rows, the sums in
// a fixed order whatever the machine), the sparse part through an inverted
// index of the terms.
class similarity_rows {
public:
    static constexpr std::size_t block = 4;

    explicit similarity_rows(features const& f) : f_(f), postings_(f.terms) {
        for (std::size_t i = 0; i < f.n; ++i)
            for (auto const& [term, w] : f.sparse[i])
                postings_[term].emplace_back(static_cast<std::uint32_t>(i), w);
    }

    // Rows first .. first + count - 1 (count <= block) into out[0 .. count-1].
    void rows(std::size_t first, std::size_t count, std::vector<float> (&out)[block]) const {
        auto const n = f_.n;
        auto const d = f_.dim;
        for (std::size_t r = 0; r < count; ++r)
            out[r].assign(n, 0.f);
        if (d) {
            float dots[block];
            auto const* mine = f_.dense.data() + first * d;
            for (std::size_t j = 0; j < n; ++j) {
                dense_dots(f_.dense.data() + j * d, mine, count, d, dots);
                for (std::size_t r = 0; r < count; ++r)
                    out[r][j] = dots[r];
            }
        }
        for (std::size_t r = 0; r < count; ++r) {
            float* __restrict s = out[r].data();
            for (auto const& [term, w] : f_.sparse[first + r])
                for (auto const& [j, v] : postings_[term])
                    s[j] += w * v;
        }
    }

private:
    features const& f_;
    std::vector<std::vector<std::pair<std::uint32_t, float>>> postings_;
};

// Each text linked to its nearest neighbours (by similarity, ties by index),
// the link weighing their similarity; symmetric.
graph neighbour_graph(features const& f) {
    auto const n = f.n;
    auto const q = std::min(n - 1, neighbours_for(n));
    similarity_rows const similarity(f);
    graph adj(n); // links both ways, duplicates merged below
    std::vector<float> sims[similarity_rows::block];
    std::vector<std::pair<float, std::uint32_t>> row;
    auto const nearest = static_cast<std::ptrdiff_t>(q);
    for (std::size_t first = 0; first < n; first += similarity_rows::block) {
        auto const count = std::min(similarity_rows::block, n - first);
        similarity.rows(first, count, sims);
        for (std::size_t r = 0; r < count; ++r) {
            auto const i = static_cast<std::uint32_t>(first + r);
            row.clear();
            for (std::size_t j = 0; j < n; ++j)
                if (j != i)
                    row.emplace_back(-sims[r][j], static_cast<std::uint32_t>(j));
            // The q nearest, in order (pairs are distinct: the order is total).
            std::nth_element(row.begin(), row.begin() + nearest - 1, row.end());
            std::sort(row.begin(), row.begin() + nearest);
            for (std::size_t k = 0; k < q; ++k) {
                auto const w = static_cast<double>(-row[k].first);
                if (w <= 0)
                    break; // nothing in common: no link
                auto const j = row[k].second;
                adj[i].emplace_back(j, w);
                adj[j].emplace_back(i, w);
            }
        }
    }
    // By neighbour; a link found from both ends keeps the larger weight.
    for (auto& links : adj) {
        std::sort(links.begin(), links.end());
        std::size_t out = 0;
        for (std::size_t k = 0; k < links.size(); ++k) {
            if (out > 0 && links[out - 1].first == links[k].first)
                links[out - 1].second = std::max(links[out - 1].second, links[k].second);
            else
                links[out++] = links[k];
        }
        links.resize(out);
    }
    return adj;
}

partition to_partition(std::vector<std::uint32_t> const& member) {
    partition out(member.empty() ? 0 : *std::max_element(member.begin(), member.end()) + 1u);
    for (std::size_t i = 0; i < member.size(); ++i)
        out[member[i]].push_back(i);
    return out;
}

std::size_t groups_of_two_or_more(partition const& p) {
    return static_cast<std::size_t>(
        std::count_if(p.begin(), p.end(), [](auto const& g) { return g.size() >= 2; }));
}

partition graph_groups(features const& f, cluster_options const& options) {
    auto const adj = neighbour_graph(f);
    // A small meeting has room for few groups: the resolution rises from 1
    // (plain modularity) towards the configured one over the first hundred
    // texts, so that three duplicates alone stay one group.
    auto const resolution = std::min(options.resolution, 1.0 + static_cast<double>(f.n) / 100.0);
    if (!options.k)
        return to_partition(louvain(adj, resolution));
    // Told the number of groups: the resolution that gives it, by bisection
    // (more resolution, more groups), or the closest found.
    auto const want = *options.k;
    double lo = 0.05, hi = 20;
    auto best = to_partition(louvain(adj, resolution));
    auto distance = [&](partition const& p) {
        auto const g = groups_of_two_or_more(p);
        return g > want ? g - want : want - g;
    };
    for (int step = 0; step < 24 && distance(best) > 0; ++step) {
        auto const mid = std::sqrt(lo * hi);
        auto p = to_partition(louvain(adj, mid));
        auto const g = groups_of_two_or_more(p);
        if (distance(p) < distance(best))
            best = std::move(p);
        if (g < want)
            lo = mid;
        else
            hi = mid;
    }
    return best;
}

// --- titles ----------------------------------------------------------------------

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// A title from the member closest to its group: the shortest run of its
// words (at most eight) that holds two or more of the group's keywords, as
// written ("Fascicolo sanitario elettronico"); else the keywords themselves.
std::string title_of(text_analyzer& analyzer, std::string const& representative, language lang,
                     std::set<std::string> const& key_terms,
                     std::vector<std::string> const& keywords) {
    std::vector<std::string> words;
    std::vector<bool> key;
    std::size_t start = 0;
    while (start < representative.size()) {
        auto const end = representative.find(' ', start);
        auto const raw = representative.substr(start, end == std::string::npos ? end : end - start);
        start = end == std::string::npos ? representative.size() : end + 1;
        if (raw.empty())
            continue;
        auto const tokens = tokenize(raw);
        bool is_key = false;
        for (auto const& t : tokens)
            is_key = is_key || key_terms.count(analyzer.stem(t, lang)) > 0;
        words.push_back(raw);
        key.push_back(is_key);
    }
    std::size_t best_first = 0, best_len = 0, best_keys = 0;
    for (std::size_t a = 0; a < words.size(); ++a) {
        if (!key[a])
            continue;
        std::size_t keys = 0;
        for (std::size_t b = a; b < words.size() && b < a + 8; ++b) {
            if (!key[b])
                continue;
            ++keys;
            auto const len = b - a + 1;
            if (keys > best_keys || (keys == best_keys && len < best_len)) {
                best_first = a;
                best_len = len;
                best_keys = keys;
            }
        }
    }
    if (best_keys >= 2) {
        std::string title;
        for (std::size_t w = best_first; w < best_first + best_len; ++w)
            title += (title.empty() ? "" : " ") + words[w];
        while (!title.empty() &&
               std::string_view(",.;:!?)(\"'").find(title.back()) != std::string_view::npos)
            title.pop_back();
        return capitalised(title);
    }
    std::string title;
    for (std::size_t w = 0; w < keywords.size() && w < 3; ++w)
        title += (w ? ", " : "") + (w ? keywords[w] : capitalised(keywords[w]));
    return title;
}

} // namespace

clustering cluster_texts(std::vector<std::string> const& texts, cluster_options const& options) {
    clustering out;
    auto const n = texts.size();
    out.assignment.assign(n, -1);
    if (n == 0)
        return out;
    text_analyzer analyzer;
    auto const f = describe(analyzer, texts, options);
    partition parts;
    if (n == 1)
        parts = {{0}};
    else if (n <= options.graph_limit)
        parts = graph_groups(f, options);
    else
        parts = kmeans_groups(f, options);

    // Groups of one, and members that do not fit their group, stay ungrouped.
    for (auto const& members : parts) {
        if (members.size() < 2)
            continue;
        std::vector<std::uint32_t> zero(members.size(), 0);
        auto const sum = group_sums(f, members, zero, 1).front();
        std::vector<std::size_t> kept;
        double pair_sum = 0;
        for (auto i : members) {
            auto const own = static_cast<double>(dot(f, i, sum)) - similarity(f, i, i);
            if (own / static_cast<double>(members.size() - 1) >= options.min_cohesion) {
                kept.push_back(i);
                pair_sum += own;
            }
        }
        if (kept.size() < 2)
            continue;
        group g;
        g.members = kept;
        g.cohesion =
            std::clamp(pair_sum / static_cast<double>(kept.size() * (kept.size() - 1)), 0.0, 1.0);
        // Keywords: the terms most members use; among those, the ones
        // nearest the group's meaning (with word vectors), then the ones
        // with the most weight.
        std::map<std::uint32_t, std::pair<int, double>> found; // term -> (members, weight)
        for (auto i : kept)
            for (auto const& [term, w] : f.sparse[i]) {
                if (term >= f.words)
                    break; // concepts come after the words
                ++found[term].first;
                found[term].second += w;
            }
        std::vector<std::pair<double, std::uint32_t>> ranked;
        auto const meaning = f.dim ? detail::length(sum.dense.data(), f.dim) : 0.0;
        for (auto const& [term, use] : found) {
            double score = use.first + 0.1 * use.second;
            if (options.vectors && meaning > 0) {
                auto const& word = f.forms[term].begin()->first;
                auto const e =
                    options.vectors->find(word, f.term_names[term], f.analyzed[kept[0]].lang);
                if (!e.vector.empty())
                    score += dense_dot(e.vector.data(), sum.dense.data(), f.dim) / meaning;
            }
            ranked.emplace_back(-score, term);
        }
        std::sort(ranked.begin(), ranked.end());
        std::set<std::string> key_terms;
        for (std::size_t r = 0; r < ranked.size() && g.keywords.size() < 5; ++r) {
            // The most frequent word behind the stem reads better than the stem.
            auto const& forms = f.forms[ranked[r].second];
            auto const word = std::max_element(forms.begin(), forms.end(), [](auto& x, auto& y) {
                                  return x.second < y.second;
                              })->first;
            g.keywords.push_back(word);
            if (key_terms.size() < 4)
                key_terms.insert(f.term_names[ranked[r].second]);
        }
        // The member most similar to the rest speaks for the group.
        auto representative = kept.front();
        double top = -1e9;
        for (auto i : kept) {
            auto const s = static_cast<double>(dot(f, i, sum));
            if (s > top + 1e-9) {
                top = s;
                representative = i;
            }
        }
        if (!g.keywords.empty())
            g.title = title_of(analyzer, texts[representative], f.analyzed[representative].lang,
                               key_terms, g.keywords);
        auto const id = static_cast<int>(out.groups.size());
        for (auto i : kept)
            out.assignment[i] = id;
        out.groups.push_back(std::move(g));
    }
    return out;
}

} // namespace tavolo::cluster
