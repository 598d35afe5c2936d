// Large inputs: spherical k-means, where a full neighbour search would be
// quadratic.
#include "grouping.hpp"

#include "vector_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

namespace tavolo::cluster::detail {
namespace {

// The silhouette of the k-means path is computed on at most this many texts.
constexpr std::size_t silhouette_sample = 2000;

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

} // namespace

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

} // namespace tavolo::cluster::detail
