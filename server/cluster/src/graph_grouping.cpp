// Meeting-sized inputs: a neighbour graph and Louvain.
#include "grouping.hpp"

#include "vector_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>

namespace tavolo::cluster::detail {
namespace {

// Louvain links each text to this many neighbours at most: about 1.5 sqrt(n),
// at least 3. (A cap of 15 split large inputs into too many groups: sib200_it's
// 1,004 texts into 15 for 7.)
std::size_t neighbours_for(std::size_t n) {
    auto const q = static_cast<std::size_t>(std::lround(1.5 * std::sqrt(static_cast<double>(n))));
    return std::max<std::size_t>(q, 3);
}

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

// The mean weight of the links between members of the same part and between
// members of different parts of `parts` (indexes into `adj`), over the links
// among them.
std::pair<double, double> inside_and_across(graph const& adj, partition const& parts) {
    std::vector<std::int64_t> part(adj.size(), -1);
    for (std::size_t p = 0; p < parts.size(); ++p)
        for (auto i : parts[p])
            part[i] = static_cast<std::int64_t>(p);
    double in = 0, across = 0;
    std::size_t in_links = 0, across_links = 0;
    for (auto const& members : parts)
        for (auto i : members)
            for (auto const& [j, w] : adj[i]) {
                if (part[j] < 0 || j == i)
                    continue;
                if (part[j] == part[i]) {
                    in += w;
                    ++in_links;
                } else {
                    across += w;
                    ++across_links;
                }
            }
    return {in_links ? in / static_cast<double>(in_links) : 0,
            across_links ? across / static_cast<double>(across_links) : 0};
}

// No group holds more than `share` of the texts unless they really are one
// topic: an oversized group is split by Louvain on its own links, and the
// split kept when its parts' links inside are clearly stronger (by a tenth)
// than across them. Texts of one topic link alike inside and across any
// split, so they stay together.
partition balanced(graph const& adj, partition groups, double resolution, double share) {
    auto const n = adj.size();
    auto const cap =
        std::max<std::size_t>(4, static_cast<std::size_t>(share * static_cast<double>(n)));
    for (std::size_t round = 0; round < 8; ++round) {
        bool split_any = false;
        partition next;
        for (auto& members : groups) {
            if (members.size() <= cap) {
                next.push_back(std::move(members));
                continue;
            }
            // The group's own graph, numbered 0..size-1.
            std::vector<std::int64_t> local(n, -1);
            for (std::size_t k = 0; k < members.size(); ++k)
                local[members[k]] = static_cast<std::int64_t>(k);
            graph sub(members.size());
            for (std::size_t k = 0; k < members.size(); ++k)
                for (auto const& [j, w] : adj[members[k]])
                    if (local[j] >= 0)
                        sub[k].emplace_back(static_cast<std::uint32_t>(local[j]), w);
            auto const parts = to_partition(louvain(sub, resolution));
            std::size_t real = 0;
            for (auto const& p : parts)
                real += p.size() >= 2;
            auto const [in, across] = inside_and_across(sub, parts);
            if (real < 2 || in < 1.1 * across) {
                next.push_back(std::move(members));
                continue;
            }
            for (auto const& p : parts) {
                std::vector<std::size_t> global;
                for (auto k : p)
                    global.push_back(members[k]);
                next.push_back(std::move(global));
            }
            split_any = true;
        }
        groups = std::move(next);
        if (!split_any)
            break;
    }
    return groups;
}

// Texts that say the same words are one group: Louvain can split a set of
// identical texts on the ties of their neighbour lists.
partition with_duplicates_together(features const& f, partition groups) {
    std::vector<std::size_t> owner(groups.size());
    std::iota(owner.begin(), owner.end(), 0);
    auto root = [&](std::size_t g) {
        while (owner[g] != g)
            g = owner[g] = owner[owner[g]];
        return g;
    };
    std::map<std::vector<std::string>, std::size_t> seen; // the analysed terms -> a group
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (auto i : groups[g]) {
            if (f.analyzed[i].terms.empty())
                continue;
            auto const [it, added] = seen.emplace(f.analyzed[i].terms, g);
            if (!added)
                owner[root(g)] = root(it->second);
        }
    partition out;
    std::vector<std::int64_t> slot(groups.size(), -1);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto const r = root(g);
        if (slot[r] < 0) {
            slot[r] = static_cast<std::int64_t>(out.size());
            out.emplace_back();
        }
        auto& into = out[static_cast<std::size_t>(slot[r])];
        into.insert(into.end(), groups[g].begin(), groups[g].end());
    }
    for (auto& g : out)
        std::sort(g.begin(), g.end());
    return out;
}

} // namespace

partition graph_groups(features const& f, cluster_options const& options) {
    auto const adj = neighbour_graph(f);
    // A small meeting has room for few groups: the resolution rises from 1
    // (plain modularity) towards the configured one, reached at 60 texts,
    // so that three duplicates alone stay one group.
    auto const resolution = std::min(options.resolution, 1.0 + static_cast<double>(f.n) / 40.0);
    if (!options.k)
        return with_duplicates_together(f, balanced(adj, to_partition(louvain(adj, resolution)),
                                                    resolution, options.max_group_share));
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

} // namespace tavolo::cluster::detail
