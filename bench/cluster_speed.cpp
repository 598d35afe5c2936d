// Times the clustering engine on one core: 100, 1,000 and 20,000 texts taken
// from a labelled file (label<TAB>text; repeated to reach the size), with and
// without word vectors, the median of several runs each. Loading the vector
// file is timed on its own: it happens once, when the server starts.
//
//   build/release/bench/cluster_speed FILE.tsv [--vectors FILE] [--lang it|en]
//                                     [--runs N] [--sizes 100,1000,20000]
#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace tavolo::cluster;
using clock_type = std::chrono::steady_clock;

namespace {

double median_ms(std::vector<std::string> const& texts, cluster_options const& options, int runs,
                 std::size_t& groups) {
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        auto const start = clock_type::now();
        auto const result = cluster_texts(texts, options);
        ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
        groups = result.groups.size();
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    std::string file, vectors_file;
    std::optional<language> lang;
    int runs = 5;
    std::vector<std::size_t> sizes{100, 1000, 20000};
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        if (a == "--vectors" && i + 1 < argc)
            vectors_file = argv[++i];
        else if (a == "--lang" && i + 1 < argc)
            lang = language_from_string(argv[++i]);
        else if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, std::stoi(argv[++i]));
        else if (a == "--sizes" && i + 1 < argc) {
            sizes.clear();
            std::istringstream list(argv[++i]);
            for (std::string n; std::getline(list, n, ',');)
                sizes.push_back(std::stoul(n));
        } else
            file = a;
    }
    std::ifstream in(file);
    if (file.empty() || !in) {
        std::fprintf(stderr, "usage: cluster_speed FILE.tsv [--vectors FILE] [--lang it|en] "
                             "[--runs N] [--sizes 100,1000,20000]\n");
        return 2;
    }
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
        if (auto const tab = line.find('\t'); tab != std::string::npos)
            all.push_back(line.substr(tab + 1));
    if (all.empty()) {
        std::fprintf(stderr, "no texts in %s\n", file.c_str());
        return 1;
    }

    std::optional<word_vectors> vectors;
    if (!vectors_file.empty()) {
        auto const start = clock_type::now();
        vectors.emplace(word_vectors::load(vectors_file));
        std::printf("vector file: %zu entries, dimension %zu, loaded in %.0f ms (once, at start)\n",
                    vectors->size(), vectors->dimension(),
                    std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    }
    std::printf("%8s | %16s %7s | %16s %7s\n", "texts", "lexical only ms", "groups",
                "with vectors ms", "groups");
    for (auto const n : sizes) {
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < n; ++i)
            texts.push_back(all[i % all.size()]);
        cluster_options plain;
        plain.lang = lang;
        std::size_t g1 = 0, g2 = 0;
        auto const t1 = median_ms(texts, plain, runs, g1);
        std::printf("%8zu | %16.1f %7zu |", n, t1, g1);
        if (vectors) {
            auto with = plain;
            with.vectors = &*vectors;
            auto const t2 = median_ms(texts, with, runs, g2);
            std::printf(" %16.1f %7zu\n", t2, g2);
        } else {
            std::printf(" %16s %7s\n", "-", "-");
        }
    }
    return 0;
}
