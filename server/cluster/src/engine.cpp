#include "tavolo/cluster/engine.hpp"

#include "tavolo/cluster/text_analyzer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace tavolo::cluster {
namespace {

using sparse_vector = std::vector<std::pair<std::size_t, float>>; // (term, weight), by term

struct vectors {
    std::vector<sparse_vector> rows;
    std::vector<std::string> term_names;           // stem of each term index
    std::vector<std::map<std::string, int>> forms; // per term: the words seen, with counts
};

// TF-IDF with sublinear term frequency, each row L2-normalised.
vectors weigh(std::vector<std::string> const& texts, cluster_options const& options) {
    text_analyzer analyzer;
    vectors v;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::vector<std::pair<std::size_t, int>>> counts(texts.size());
    std::vector<int> df;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto const a = analyzer.analyze(texts[i], options.lang);
        std::map<std::size_t, int> tf;
        for (std::size_t t = 0; t < a.terms.size(); ++t) {
            auto const [it, added] = index.emplace(a.terms[t], v.term_names.size());
            if (added) {
                v.term_names.push_back(a.terms[t]);
                v.forms.emplace_back();
                df.push_back(0);
            }
            ++tf[it->second];
            ++v.forms[it->second][a.words[t]];
        }
        for (auto const& [term, n] : tf) {
            ++df[term];
            counts[i].emplace_back(term, n);
        }
    }
    auto const n = static_cast<double>(texts.size());
    v.rows.resize(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        double norm = 0;
        for (auto const& [term, c] : counts[i]) {
            auto const w = (1.0 + std::log(c)) * (std::log((1.0 + n) / (1.0 + df[term])) + 1.0);
            v.rows[i].emplace_back(term, static_cast<float>(w));
            norm += w * w;
        }
        if (norm > 0)
            for (auto& [term, w] : v.rows[i])
                w = static_cast<float>(w / std::sqrt(norm));
    }
    return v;
}

float dot(sparse_vector const& a, sparse_vector const& b) {
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

// Symmetric similarity matrix, row-major.
std::vector<float> similarities(std::vector<sparse_vector> const& rows) {
    auto const n = rows.size();
    std::vector<float> s(n * n, 0.f);
    for (std::size_t i = 0; i < n; ++i) {
        s[i * n + i] = rows[i].empty() ? 0.f : 1.f;
        for (std::size_t j = i + 1; j < n; ++j)
            s[i * n + j] = s[j * n + i] = dot(rows[i], rows[j]);
    }
    return s;
}

struct merge_step {
    std::size_t a, b; // cluster ids merged (a < b); the result keeps id a
};

// Average-linkage agglomeration by the nearest-neighbour chain: O(n^2) time
// and memory, exact for average linkage. Ties go to the lower index, so the
// result is deterministic.
std::vector<merge_step> agglomerate(std::vector<float> dist, std::size_t n) {
    std::vector<std::size_t> size(n, 1);
    std::vector<bool> active(n, true);
    std::vector<merge_step> steps;
    std::vector<std::size_t> chain;
    std::size_t remaining = n;
    while (remaining > 1) {
        if (chain.empty())
            for (std::size_t i = 0; i < n; ++i)
                if (active[i]) {
                    chain.push_back(i);
                    break;
                }
        auto const c = chain.back();
        std::size_t best = n;
        float best_d = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (!active[j] || j == c)
                continue;
            auto const d = dist[c * n + j];
            if (best == n || d < best_d) {
                best = j;
                best_d = d;
            }
        }
        // Prefer the previous link of the chain on a tie, which ends the walk.
        if (chain.size() >= 2) {
            auto const prev = chain[chain.size() - 2];
            if (dist[c * n + prev] <= best_d)
                best = prev;
        }
        if (chain.size() >= 2 && best == chain[chain.size() - 2]) {
            chain.pop_back();
            chain.pop_back();
            auto const a = std::min(c, best), b = std::max(c, best);
            steps.push_back({a, b});
            for (std::size_t k = 0; k < n; ++k) {
                if (!active[k] || k == a || k == b)
                    continue;
                auto const d = (dist[a * n + k] * size[a] + dist[b * n + k] * size[b]) /
                               static_cast<float>(size[a] + size[b]);
                dist[a * n + k] = dist[k * n + a] = d;
            }
            size[a] += size[b];
            active[b] = false;
            --remaining;
        } else {
            chain.push_back(best);
        }
    }
    // The chain finds merges out of order; sort them by height for cutting.
    return steps;
}

// Labels 0..k-1 after replaying merges until k clusters remain. Merges are
// replayed in order of their linkage distance.
std::vector<int> cut(std::vector<merge_step> const& steps, std::vector<float> const& heights,
                     std::size_t n, std::size_t k) {
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::size_t x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    std::vector<std::size_t> order(steps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](auto x, auto y) { return heights[x] < heights[y]; });
    for (std::size_t m = 0; m + k < n && m < order.size(); ++m) {
        auto const& s = steps[order[m]];
        parent[find(s.b)] = find(s.a);
    }
    std::vector<int> label(n, -1);
    std::map<std::size_t, int> ids;
    for (std::size_t i = 0; i < n; ++i) {
        auto const root = find(i);
        auto const [it, added] = ids.emplace(root, static_cast<int>(ids.size()));
        label[i] = it->second;
    }
    return label;
}

// Mean silhouette of a labelling, on similarities (distance = 1 - s).
double silhouette(std::vector<float> const& sim, std::size_t n, std::vector<int> const& label,
                  std::size_t k) {
    if (k < 2 || k >= n)
        return -1;
    std::vector<double> sums(k);
    std::vector<std::size_t> sizes(k, 0);
    for (auto l : label)
        ++sizes[static_cast<std::size_t>(l)];
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::fill(sums.begin(), sums.end(), 0.0);
        for (std::size_t j = 0; j < n; ++j)
            if (j != i)
                sums[static_cast<std::size_t>(label[j])] += 1.0 - sim[i * n + j];
        auto const own = static_cast<std::size_t>(label[i]);
        if (sizes[own] <= 1)
            continue; // a singleton scores 0
        auto const a = sums[own] / static_cast<double>(sizes[own] - 1);
        double b = 1e9;
        for (std::size_t c = 0; c < k; ++c)
            if (c != own && sizes[c] > 0)
                b = std::min(b, sums[c] / static_cast<double>(sizes[c]));
        total += (b - a) / std::max(a, b);
    }
    return total / static_cast<double>(n);
}

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

} // namespace

clustering cluster_texts(std::vector<std::string> const& texts, cluster_options const& options) {
    clustering out;
    auto const n = texts.size();
    out.assignment.assign(n, -1);
    if (n == 0)
        return out;
    auto const v = weigh(texts, options);
    auto const sim = similarities(v.rows);

    std::vector<int> label(n, 0);
    std::size_t k = 1;
    if (n >= 2) {
        std::vector<float> dist(n * n);
        for (std::size_t i = 0; i < n * n; ++i)
            dist[i] = 1.f - sim[i];
        auto const steps = agglomerate(dist, n);
        // Each merge's height: the average distance between the two sides,
        // recomputed from the labels before it (the chain does not keep it).
        std::vector<float> heights(steps.size());
        {
            std::vector<std::vector<std::size_t>> members(n);
            for (std::size_t i = 0; i < n; ++i)
                members[i] = {i};
            for (std::size_t m = 0; m < steps.size(); ++m) {
                auto& a = members[steps[m].a];
                auto& b = members[steps[m].b];
                double d = 0;
                for (auto x : a)
                    for (auto y : b)
                        d += dist[x * n + y];
                heights[m] = static_cast<float>(d / static_cast<double>(a.size() * b.size()));
                a.insert(a.end(), b.begin(), b.end());
                b.clear();
            }
        }
        if (options.k) {
            k = std::clamp<std::size_t>(*options.k, 1, n);
        } else {
            double best = -2;
            auto const top = std::min(options.max_groups, n - 1);
            for (std::size_t c = 2; c <= top; ++c) {
                auto const l = cut(steps, heights, n, c);
                auto const score = silhouette(sim, n, l, c);
                if (score > best + 1e-9) {
                    best = score;
                    k = c;
                }
            }
        }
        label = cut(steps, heights, n, k);
    }

    // Groups of one, and members that do not fit their group, stay ungrouped.
    std::vector<std::vector<std::size_t>> members(k);
    for (std::size_t i = 0; i < n; ++i)
        members[static_cast<std::size_t>(label[i])].push_back(i);
    for (auto& m : members) {
        if (m.size() < 2)
            continue;
        std::vector<std::size_t> kept;
        for (auto i : m) {
            double s = 0;
            for (auto j : m)
                if (j != i)
                    s += sim[i * n + j];
            if (s / static_cast<double>(m.size() - 1) >= options.min_cohesion)
                kept.push_back(i);
        }
        if (kept.size() < 2)
            continue;
        group g;
        g.members = kept;
        double pair_sum = 0;
        std::size_t pairs = 0;
        std::map<std::size_t, double> weight;
        for (auto i : kept) {
            for (auto j : kept)
                if (i < j) {
                    pair_sum += sim[i * n + j];
                    ++pairs;
                }
            for (auto const& [term, w] : v.rows[i])
                weight[term] += w;
        }
        g.cohesion = pairs ? pair_sum / static_cast<double>(pairs) : 0;
        std::vector<std::pair<double, std::size_t>> ranked;
        for (auto const& [term, w] : weight)
            ranked.emplace_back(-w, term);
        std::sort(ranked.begin(), ranked.end());
        for (std::size_t r = 0; r < ranked.size() && g.keywords.size() < 5; ++r) {
            // The most frequent word behind the stem reads better than the stem.
            auto const& forms = v.forms[ranked[r].second];
            auto const word = std::max_element(forms.begin(), forms.end(), [](auto& x, auto& y) {
                                  return x.second < y.second;
                              })->first;
            g.keywords.push_back(word);
        }
        for (std::size_t w = 0; w < g.keywords.size() && w < 3; ++w)
            g.title += (w ? ", " : "") + (w ? g.keywords[w] : capitalised(g.keywords[w]));
        auto const id = static_cast<int>(out.groups.size());
        for (auto i : kept)
            out.assignment[i] = id;
        out.groups.push_back(std::move(g));
    }
    return out;
}

} // namespace tavolo::cluster
