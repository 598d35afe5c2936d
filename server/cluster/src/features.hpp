// The texts of one cluster_texts call as vectors, and the similarities between
// them and with sums of them (internal to tavolo::cluster). Pure functions, any thread.
#pragma once

#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tavolo::cluster::detail {

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

// The features of `texts`, each analysed by `analyzer`.
features describe(text_analyzer& analyzer, std::vector<std::string> const& texts,
                  cluster_options const& options);

// x_i . x_j.
float similarity(features const& f, std::size_t i, std::size_t j);

// A set of texts as the sum of their vectors: dense part, and sparse part
// spread over the vocabulary.
struct centroid {
    std::vector<float> dense;
    std::vector<float> sparse;
};

// The sums of `items` by label (labels 0..k-1, one per item).
std::vector<centroid> group_sums(features const& f, std::vector<std::size_t> const& items,
                                 std::vector<std::uint32_t> const& label, std::size_t k);

// x_i . c.
float dot(features const& f, std::size_t i, centroid const& c);

} // namespace tavolo::cluster::detail
