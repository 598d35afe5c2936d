// Fixed groups in a clustering run. A facilitator who moved or pinned a few
// contributions said where they belong; the texts the engine would have put
// elsewhere but that read more like those fixed ones follow them. Everything
// is measured as mean similarity (dot products with group sums, see
// features.hpp), against the meeting's background: a text is only drawn to
// a fixed group it resembles more than it resembles the meeting at large.
#include "anchors.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>

namespace tavolo::cluster::detail {
namespace {

// The features of `items` alone, numbered 0.. in their order, as grouping
// reads them (vectors, term numbering and analyses; not the vocabulary's
// names and forms, which only summaries read). The term weights stay the
// whole meeting's, so similarities do not change.
features subset(features const& f, std::vector<std::size_t> const& items) {
    features s;
    s.n = items.size();
    s.dim = f.dim;
    s.terms = f.terms;
    s.words = f.words;
    s.dense.assign(s.n * f.dim, 0.f);
    for (std::size_t k = 0; k < items.size(); ++k) {
        auto const i = items[k];
        std::copy_n(f.dense.begin() + static_cast<std::ptrdiff_t>(i * f.dim), f.dim,
                    s.dense.begin() + static_cast<std::ptrdiff_t>(k * f.dim));
        s.sparse.push_back(f.sparse[i]);
        s.analyzed.push_back(f.analyzed[i]);
    }
    return s;
}

centroid sum_of(features const& f, std::vector<std::size_t> const& items) {
    std::vector<std::uint32_t> zero(items.size(), 0);
    return group_sums(f, items, zero, 1).front();
}

// The mean similarity between two different texts of the meeting: what any
// text shares with any other (the common words of the meeting's theme).
double background(features const& f) {
    if (f.n < 2)
        return 0;
    std::vector<std::size_t> all(f.n);
    for (std::size_t i = 0; i < f.n; ++i)
        all[i] = i;
    auto const sum = sum_of(f, all);
    double total = 0;
    for (auto i : all)
        total += static_cast<double>(dot(f, i, sum)) - similarity(f, i, i);
    return total / static_cast<double>(f.n * (f.n - 1));
}

// A text's pull towards each fixed group: its mean similarity to the fixed
// members, and the closest group (the first one on a tie).
struct pull {
    double mean = -std::numeric_limits<double>::infinity();
    std::size_t to = 0;
};

class anchor_sums {
public:
    anchor_sums(features const& f, partition const& fixed) : f_(f) {
        for (auto const& members : fixed) {
            sums_.push_back(sum_of(f, members));
            sizes_.push_back(static_cast<double>(members.size()));
        }
    }
    double towards(std::size_t i, std::size_t a) const {
        return static_cast<double>(dot(f_, i, sums_[a])) / sizes_[a];
    }
    pull strongest(std::size_t i) const {
        pull p;
        for (std::size_t a = 0; a < sums_.size(); ++a)
            if (auto const m = towards(i, a); m > p.mean + 1e-12)
                p = {m, a};
        return p;
    }
    std::size_t size() const { return sums_.size(); }

private:
    features const& f_;
    std::vector<centroid> sums_;
    std::vector<double> sizes_;
};

// Per proposed group, the fixed group it continues, or -1: each fixed group
// chooses the proposed group its fixed members are on average most similar
// to, and gets it when that similarity is above the floor and no other fixed
// group is closer to it. A facilitator who moved a text into a group meant
// that group, whose other members are free again and come back together.
std::vector<int> continuations(anchor_sums const& anchors, partition const& proposed,
                               double floor) {
    std::vector<int> chosen(proposed.size(), -1);
    // mean[a][g]: the mean similarity between a's fixed members and g's members.
    std::vector<std::vector<double>> mean(
        anchors.size(),
        std::vector<double>(proposed.size(), -std::numeric_limits<double>::infinity()));
    for (std::size_t g = 0; g < proposed.size(); ++g) {
        if (proposed[g].size() < 2)
            continue;
        for (std::size_t a = 0; a < anchors.size(); ++a) {
            double total = 0;
            for (auto i : proposed[g])
                total += anchors.towards(i, a);
            mean[a][g] = total / static_cast<double>(proposed[g].size());
        }
    }
    for (std::size_t a = 0; a < anchors.size() && !proposed.empty(); ++a) {
        auto const g = static_cast<std::size_t>(std::max_element(mean[a].begin(), mean[a].end()) -
                                                mean[a].begin());
        if (mean[a][g] < floor || chosen[g] >= 0)
            continue;
        bool closest = true;
        for (std::size_t b = 0; b < anchors.size(); ++b)
            closest = closest && mean[b][g] <= mean[a][g] + 1e-12;
        if (closest)
            chosen[g] = static_cast<int>(a);
    }
    return chosen;
}

} // namespace

bool has_anchors(cluster_options const& options, std::size_t n) {
    for (std::size_t i = 0; i < std::min(n, options.anchors.size()); ++i)
        if (options.anchors[i] >= 0)
            return true;
    return false;
}

anchored_partition anchored_groups(features const& f, cluster_options const& options,
                                   std::function<partition(features const&)> const& group_free) {
    anchored_partition out;
    std::map<int, std::vector<std::size_t>> fixed;
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < f.n; ++i) {
        auto const a = i < options.anchors.size() ? options.anchors[i] : -1;
        if (a >= 0)
            fixed[a].push_back(i);
        else
            free.push_back(i);
    }
    for (auto& [a, members] : fixed) {
        out.anchor.push_back(a);
        out.fixed.push_back(std::move(members));
    }
    partition proposed;
    if (!free.empty())
        for (auto const& part : group_free(subset(f, free))) {
            proposed.emplace_back();
            for (auto k : part)
                proposed.back().push_back(free[k]);
        }

    // Sums of the fixed members only, taken before anything is drawn: the
    // result does not depend on the order the groups are visited in.
    anchor_sums const anchors(f, out.fixed);
    auto const floor = std::max(options.min_cohesion, background(f));
    auto const chosen = continuations(anchors, proposed, floor);
    for (std::size_t g = 0; g < proposed.size(); ++g)
        if (chosen[g] >= 0) {
            auto& into = out.fixed[static_cast<std::size_t>(chosen[g])];
            into.insert(into.end(), proposed[g].begin(), proposed[g].end());
            proposed[g].clear();
        }
    // A text that found no group goes to the fixed group it is closest to,
    // if it resembles it more than the meeting at large. A text in a group
    // stays there: drawing single members out of groups to a fixed group of
    // one or two texts followed chance more than topic (bench/cluster_eval
    // --teach: lower ARI on both kick-off files).
    for (auto& members : proposed)
        if (members.size() == 1)
            if (auto const p = anchors.strongest(members.front()); p.mean >= floor) {
                out.fixed[p.to].push_back(members.front());
                members.clear();
            }
    for (auto& members : proposed)
        if (!members.empty())
            out.free.push_back(std::move(members));
    return out;
}

} // namespace tavolo::cluster::detail
