// Evaluates the clustering engine on labelled sets (label<TAB>text or
// label<TAB>kind<TAB>text per line):
// prints NMI, ARI, ACC and the number of groups found against the true
// number, with the number chosen automatically and with the true number
// given, and the time taken. Ungrouped texts count as one more group. With
// --samples R --sample-size N, each file is scored as the mean over R random
// draws of N lines (meeting-sized inputs; the draws are the same every run).
// With --teach N, a simulated facilitator fixes N misplaced texts and the
// scores before and after one more run are printed (see teach()).
//
//   build/release/bench/cluster_eval FILE... [--lang it|en] [--limit N]
//
// With --titles FILE.titles (label<TAB>facilitator's title per line), also
// reports how many labels' titles share their head word with the engine's,
// for the groups found and for the true groups (--verbose-titles prints the
// titles).
#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/text_analyzer.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace tavolo::cluster;

namespace {

struct scores {
    double nmi, ari, acc;
};

double entropy(std::vector<double> const& counts, double n) {
    double h = 0;
    for (auto c : counts)
        if (c > 0)
            h -= c / n * std::log(c / n);
    return h;
}

// Hungarian algorithm (minimisation) on a square cost matrix.
double assignment_cost(std::vector<std::vector<double>> const& cost) {
    auto const n = cost.size();
    std::vector<double> u(n + 1), v(n + 1);
    std::vector<std::size_t> p(n + 1), way(n + 1);
    for (std::size_t i = 1; i <= n; ++i) {
        p[0] = i;
        std::size_t j0 = 0;
        std::vector<double> minv(n + 1, std::numeric_limits<double>::infinity());
        std::vector<bool> used(n + 1, false);
        do {
            used[j0] = true;
            auto const i0 = p[j0];
            double delta = std::numeric_limits<double>::infinity();
            std::size_t j1 = 0;
            for (std::size_t j = 1; j <= n; ++j)
                if (!used[j]) {
                    auto const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            for (std::size_t j = 0; j <= n; ++j)
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            auto const j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    double total = 0;
    for (std::size_t j = 1; j <= n; ++j)
        total += cost[p[j] - 1][j - 1];
    return total;
}

scores score(std::vector<int> const& truth, std::vector<int> const& found) {
    std::map<int, std::size_t> ti, fi;
    for (auto t : truth)
        ti.emplace(t, ti.size());
    for (auto f : found)
        fi.emplace(f, fi.size());
    auto const n = static_cast<double>(truth.size());
    std::vector<std::vector<double>> table(ti.size(), std::vector<double>(fi.size(), 0));
    std::vector<double> rows(ti.size()), cols(fi.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
        auto const r = ti[truth[i]], c = fi[found[i]];
        table[r][c] += 1;
        rows[r] += 1;
        cols[c] += 1;
    }
    double mi = 0;
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < cols.size(); ++c)
            if (table[r][c] > 0)
                mi += table[r][c] / n * std::log(table[r][c] * n / (rows[r] * cols[c]));
    auto const hr = entropy(rows, n), hc = entropy(cols, n);
    double const nmi = hr > 0 && hc > 0 ? mi / std::sqrt(hr * hc) : 0;

    auto pairs = [](double x) { return x * (x - 1) / 2; };
    double index = 0, a = 0, b = 0;
    for (auto const& row : table)
        for (auto x : row)
            index += pairs(x);
    for (auto x : rows)
        a += pairs(x);
    for (auto x : cols)
        b += pairs(x);
    auto const expected = a * b / pairs(n);
    auto const max_index = (a + b) / 2;
    double const ari = max_index == expected ? 0 : (index - expected) / (max_index - expected);

    auto const k = std::max(rows.size(), cols.size());
    std::vector<std::vector<double>> cost(k, std::vector<double>(k, 0));
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < cols.size(); ++c)
            cost[r][c] = -table[r][c];
    double const acc = -assignment_cost(cost) / n;
    return {nmi, ari, acc};
}

struct result {
    scores found{0, 0, 0}; // the number of groups chosen by the engine
    scores told{0, 0, 0};  // the true number of groups given
    std::size_t groups = 0, labels = 0;
    double seconds = 0; // the automatic run
};

result evaluate(std::vector<std::string> const& texts, std::vector<int> const& truth,
                cluster_options const& base) {
    result r;
    r.labels = std::set<int>(truth.begin(), truth.end()).size();
    auto const start = std::chrono::steady_clock::now();
    auto const automatic = cluster_texts(texts, base);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto given = base;
    given.k = r.labels;
    auto const told = cluster_texts(texts, given);
    r.found = score(truth, automatic.assignment);
    r.told = score(truth, told.assignment);
    r.groups = automatic.groups.size();
    return r;
}

// --teach N: a facilitator who, after the automatic run, fixes the N worst
// placed texts (in a group whose majority label is not theirs, the least
// similar to that group first), each moved to the group whose majority label
// is its own (none: left alone) and pinned there; then one more run with
// those pins as anchors. The pinned texts alone are fixed: the rest of the
// board is free again, as on the live board.
struct taught {
    scores before{0, 0, 0}, after{0, 0, 0};
    std::size_t pinned = 0;
};

taught teach(std::vector<std::string> const& texts, std::vector<int> const& truth,
             cluster_options const& base, std::size_t count) {
    taught t;
    auto const first = cluster_texts(texts, base);
    t.before = score(truth, first.assignment);
    std::vector<int> majority;
    for (auto const& g : first.groups) {
        std::map<int, std::size_t> labels;
        for (auto m : g.members)
            ++labels[truth[m]];
        majority.push_back(std::max_element(labels.begin(), labels.end(), [](auto& a, auto& b) {
                               return a.second < b.second;
                           })->first);
    }
    // A text's mean similarity to the rest of its group, from the cohesion
    // of the group with and without it (the engine's own measure).
    auto const pairs = [&](std::vector<std::size_t> const& members) {
        std::vector<std::string> t;
        for (auto m : members)
            t.push_back(texts[m]);
        auto const k = static_cast<double>(members.size());
        return members.size() < 2 ? 0.0 : summarize_group(t, base).cohesion * k * (k - 1);
    };
    std::vector<std::pair<double, std::size_t>> misplaced;
    for (std::size_t g = 0; g < first.groups.size(); ++g) {
        auto const& members = first.groups[g].members;
        auto const whole = pairs(members);
        for (auto m : members) {
            if (truth[m] == majority[g])
                continue;
            std::vector<std::size_t> rest;
            for (auto o : members)
                if (o != m)
                    rest.push_back(o);
            auto const k = static_cast<double>(members.size());
            misplaced.emplace_back((whole - pairs(rest)) / (2 * (k - 1)), m);
        }
    }
    std::sort(misplaced.begin(), misplaced.end());
    cluster_options again = base;
    again.anchors.assign(texts.size(), -1);
    for (auto const& [similarity, m] : misplaced) {
        if (t.pinned == count)
            break;
        int to = -1;
        std::size_t most = 0;
        for (std::size_t g = 0; g < first.groups.size(); ++g) {
            if (majority[g] != truth[m])
                continue;
            auto const& members = first.groups[g].members;
            auto const same = static_cast<std::size_t>(std::count_if(
                members.begin(), members.end(), [&](auto o) { return truth[o] == truth[m]; }));
            if (same > most) {
                most = same;
                to = static_cast<int>(g);
            }
        }
        if (to < 0)
            continue;
        again.anchors[m] = to;
        ++t.pinned;
    }
    // As on the board: a group a text was moved into is one the facilitator
    // built, and its other members stay with it.
    auto const pinned_to = again.anchors;
    for (std::size_t g = 0; g < first.groups.size(); ++g)
        if (std::find(pinned_to.begin(), pinned_to.end(), static_cast<int>(g)) != pinned_to.end())
            for (auto m : first.groups[g].members)
                if (pinned_to[m] < 0)
                    again.anchors[m] = static_cast<int>(g);
    auto const second = cluster_texts(texts, again);
    t.after = score(truth, second.assignment);
    return t;
}

// Titles: for each label with a facilitator's title, the automatic run's group
// holding most of that label's texts (the lowest index on a tie); counts the
// labels whose group's title starts with the same word as the facilitator's
// (first content word, compared by stem). Labels with no grouped text are
// left out of the count. The same count for the true groups (each label's
// texts summarised as one group) says how the titles fare apart from the
// grouping.
void report_titles(std::vector<std::string> const& texts, std::vector<int> const& truth,
                   std::map<std::string, int> const& labels, cluster_options const& base,
                   std::map<std::string, std::string> const& titles, bool verbose) {
    auto const run = cluster_texts(texts, base);
    text_analyzer analyzer;
    auto const lang = base.lang.value_or(language::it);
    auto head = [&](std::string const& title) {
        auto const a = analyzer.analyze(title, lang);
        return a.terms.empty() ? std::string() : a.terms.front();
    };
    auto same_head = [&](std::string const& a, std::string const& b) {
        return !head(a).empty() && head(a) == head(b);
    };
    std::size_t with_group = 0, matched = 0, true_matched = 0, true_groups = 0;
    std::vector<std::string> lines;
    for (auto const& [label, id] : labels) {
        auto const wanted = titles.find(label);
        if (wanted == titles.end())
            continue;
        std::vector<std::string> own;
        std::map<int, int> count;
        for (std::size_t i = 0; i < texts.size(); ++i)
            if (truth[i] == id) {
                own.push_back(texts[i]);
                if (run.assignment[i] >= 0)
                    ++count[run.assignment[i]];
            }
        auto const alone = summarize_group(own, base).title;
        ++true_groups;
        true_matched += same_head(alone, wanted->second) ? 1 : 0;
        std::string made = "(ungrouped)";
        if (!count.empty()) {
            auto best = count.begin();
            for (auto it = count.begin(); it != count.end(); ++it)
                if (it->second > best->second)
                    best = it;
            made = run.groups[static_cast<std::size_t>(best->first)].title;
            ++with_group;
            matched += same_head(made, wanted->second) ? 1 : 0;
        }
        if (verbose)
            std::printf("  %s\n    found group: %c %s\n    true group:  %c %s\n",
                        wanted->second.c_str(), same_head(made, wanted->second) ? '=' : ' ',
                        made.c_str(), same_head(alone, wanted->second) ? '=' : ' ', alone.c_str());
    }
    if (true_groups == 0)
        return; // the titles name none of this file's labels
    auto percent = [](std::size_t a, std::size_t b) {
        return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0;
    };
    std::printf(
        "titles: head word as the facilitator's in %zu of %zu labels with a group (%.0f %%); "
        "true groups: %zu of %zu (%.0f %%)\n",
        matched, with_group, percent(matched, with_group), true_matched, true_groups,
        percent(true_matched, true_groups));
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    cluster_options base;
    std::size_t limit = 0;
    std::size_t samples = 0, sample_size = 0;
    std::size_t teach_count = 0; // --teach N: a facilitator fixes N texts, one more run
    std::optional<word_vectors> vectors;
    std::map<std::string, std::string> titles; // --titles: label -> facilitator's title
    bool verbose_titles = false;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        if (a == "--vectors" && i + 1 < argc) {
            auto const start = std::chrono::steady_clock::now();
            vectors.emplace(word_vectors::load(argv[++i]));
            std::printf(
                "vectors: %zu words, dimension %zu, loaded in %.2f s\n", vectors->size(),
                vectors->dimension(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            base.vectors = &*vectors;
        } else if (a == "--lang" && i + 1 < argc)
            base.lang = language_from_string(argv[++i]);
        else if (a == "--limit" && i + 1 < argc)
            limit = std::stoul(argv[++i]);
        else if (a == "--vector-weight" && i + 1 < argc)
            base.vector_weight = std::stod(argv[++i]);
        else if (a == "--concept-weight" && i + 1 < argc)
            base.concept_weight = std::stod(argv[++i]);
        else if (a == "--resolution" && i + 1 < argc)
            base.resolution = std::stod(argv[++i]);
        else if (a == "--samples" && i + 1 < argc)
            samples = std::stoul(argv[++i]);
        else if (a == "--sample-size" && i + 1 < argc)
            sample_size = std::stoul(argv[++i]);
        else if (a == "--teach" && i + 1 < argc)
            teach_count = std::stoul(argv[++i]);
        else if (a == "--titles" && i + 1 < argc) {
            std::ifstream in(argv[++i]);
            if (!in) {
                std::fprintf(stderr, "cannot read %s\n", argv[i]);
                return 1;
            }
            for (std::string line; std::getline(in, line);)
                if (auto const tab = line.find('\t'); tab != std::string::npos)
                    titles[line.substr(0, tab)] = line.substr(tab + 1);
        } else if (a == "--verbose-titles")
            verbose_titles = true;
        else
            files.push_back(a);
    }
    if (files.empty()) {
        std::fprintf(stderr,
                     "usage: cluster_eval FILE.tsv... [--lang it|en] [--limit N] [--vectors FILE]\n"
                     "                    [--samples R --sample-size N] [--vector-weight W]\n"
                     "                    [--concept-weight C] [--resolution R] [--teach N]\n"
                     "                    [--titles FILE.titles [--verbose-titles]]\n");
        return 2;
    }
    std::printf("%-28s %6s %5s | %-24s %6s | %-24s\n", "file", "texts", "true", "auto: NMI ARI ACC",
                "groups", "true k: NMI ARI ACC");
    for (auto const& file : files) {
        std::ifstream in(file);
        if (!in) {
            std::fprintf(stderr, "cannot read %s\n", file.c_str());
            return 1;
        }
        std::vector<std::string> texts;
        std::vector<int> truth;
        std::map<std::string, int> labels;
        std::string line;
        while (std::getline(in, line) && (!limit || texts.size() < limit)) {
            auto const tab = line.find('\t');
            if (tab == std::string::npos)
                continue;
            auto const [it, added] =
                labels.emplace(line.substr(0, tab), static_cast<int>(labels.size()));
            truth.push_back(it->second);
            // label<TAB>text, or label<TAB>kind<TAB>text (the kick-off files
            // that say each contribution's kind): the text is the last field.
            texts.push_back(line.substr(line.find_last_of('\t') + 1));
        }
        auto const name = file.substr(file.find_last_of('/') + 1);
        if (!samples || !sample_size || sample_size >= texts.size()) {
            auto const r = evaluate(texts, truth, base);
            std::printf(
                "%-28s %6zu %5zu | %6.3f %6.3f %6.3f     %6zu | %6.3f %6.3f %6.3f   (%.2f s)\n",
                name.c_str(), texts.size(), r.labels, r.found.nmi, r.found.ari, r.found.acc,
                r.groups, r.told.nmi, r.told.ari, r.told.acc, r.seconds);
            if (teach_count) {
                auto const t = teach(texts, truth, base, teach_count);
                std::printf("%-28s taught (%zu pinned): NMI %.3f -> %.3f, ARI %.3f -> %.3f\n",
                            name.c_str(), t.pinned, t.before.nmi, t.after.nmi, t.before.ari,
                            t.after.ari);
            }
            if (!titles.empty())
                report_titles(texts, truth, labels, base, titles, verbose_titles);
            continue;
        }
        // Meeting-sized draws: `samples` random subsets of `sample_size`
        // lines (a fixed generator: the same draws every time), averaged.
        result mean;
        double true_groups = 0, groups = 0;
        std::uint64_t state = 0x7461766f6c6fULL;
        auto next = [&state] {
            auto z = (state += 0x9e3779b97f4a7c15ULL);
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            return z ^ (z >> 31);
        };
        taught taught_mean;
        std::size_t taught_worse = 0;
        for (std::size_t r = 0; r < samples; ++r) {
            std::vector<std::size_t> order(texts.size());
            for (std::size_t i = 0; i < order.size(); ++i)
                order[i] = i;
            for (std::size_t i = 0; i < sample_size; ++i)
                std::swap(order[i], order[i + next() % (order.size() - i)]);
            std::vector<std::string> t;
            std::vector<int> y;
            for (std::size_t i = 0; i < sample_size; ++i) {
                t.push_back(texts[order[i]]);
                y.push_back(truth[order[i]]);
            }
            auto const one = evaluate(t, y, base);
            if (teach_count) {
                auto const one_taught = teach(t, y, base, teach_count);
                taught_mean.before.nmi += one_taught.before.nmi / samples;
                taught_mean.before.ari += one_taught.before.ari / samples;
                taught_mean.after.nmi += one_taught.after.nmi / samples;
                taught_mean.after.ari += one_taught.after.ari / samples;
                taught_mean.pinned += one_taught.pinned;
                taught_worse += one_taught.after.nmi < one_taught.before.nmi - 1e-9;
            }
            mean.found.nmi += one.found.nmi / samples;
            mean.found.ari += one.found.ari / samples;
            mean.found.acc += one.found.acc / samples;
            mean.told.nmi += one.told.nmi / samples;
            mean.told.ari += one.told.ari / samples;
            mean.told.acc += one.told.acc / samples;
            mean.seconds += one.seconds / samples;
            groups += static_cast<double>(one.groups) / samples;
            true_groups += static_cast<double>(one.labels) / samples;
        }
        auto const label = name + " " + std::to_string(samples) + "x" + std::to_string(sample_size);
        std::printf(
            "%-28s %6zu %5.1f | %6.3f %6.3f %6.3f     %6.1f | %6.3f %6.3f %6.3f   (%.2f s)\n",
            label.c_str(), sample_size, true_groups, mean.found.nmi, mean.found.ari, mean.found.acc,
            groups, mean.told.nmi, mean.told.ari, mean.told.acc, mean.seconds);
        if (teach_count)
            std::printf("%-28s taught (%zu pinned): NMI %.3f -> %.3f, ARI %.3f -> %.3f (NMI lower "
                        "in %zu draws)\n",
                        label.c_str(), taught_mean.pinned, taught_mean.before.nmi,
                        taught_mean.after.nmi, taught_mean.before.ari, taught_mean.after.ari,
                        taught_worse);
    }
    return 0;
}
