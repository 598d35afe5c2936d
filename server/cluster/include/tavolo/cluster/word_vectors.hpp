// Word vectors trained outside the meeting (scripts/train-vectors), so that
// "telemedicina" and "pazienti" are near although no meeting text shares a
// word. Two file formats load: fastText's text format (".vec": a "count
// dimension" line, then "word v1 ... vD" per line, most frequent first), as a
// deployer may bring a larger file, and tavolo's compact format (8-bit
// vectors with corpus counts, the file shipped in server/cluster/vectors/).
// A compact file may be keyed by Italian Snowball stems rather than words (the
// shipped one is: trained on stemmed text, every variant of a word shares one
// vector). In a file keyed by words, a word it lacks is looked up by its stem,
// so that variants of a known word ("formati", "formazioni") still find a
// vector. Immutable after loading: share one instance between threads.
#pragma once

#include "tavolo/cluster/language.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tavolo::cluster {

class word_vectors {
public:
    enum class keys { words, italian_stems };
    // Smooth inverse frequency (Arora et al.): a word of corpus probability p
    // weighs sif_a / (sif_a + p) in a text's vector.
    static constexpr double sif_a = 1e-3;

    // Reads a file in either format; throws std::runtime_error naming the file
    // and what is wrong with it.
    static word_vectors load(std::filesystem::path const& path);

    // From words (case-folded, most frequent first), their corpus counts (0
    // when unknown) and row-major vectors.
    word_vectors(std::vector<std::string> words, std::vector<std::uint64_t> counts,
                 std::vector<float> data, std::size_t dimension, keys key = keys::words);

    // Move-only: the word index refers into the word list.
    word_vectors(word_vectors&&) noexcept = default;
    word_vectors& operator=(word_vectors&&) noexcept = default;
    word_vectors(word_vectors const&) = delete;
    word_vectors& operator=(word_vectors const&) = delete;

    std::size_t dimension() const noexcept { return dimension_; }
    std::size_t size() const noexcept { return words_.size(); }
    keys key() const noexcept { return key_; }
    std::string_view word(std::size_t i) const noexcept { return words_[i]; }

    struct entry {
        std::span<float const> vector;
        double probability = 0; // of the word in the training corpus
    };
    // The unit vector of a case-folded word whose stem in `lang` is `stem`;
    // an empty vector when the file knows neither.
    entry find(std::string_view word, std::string_view stem, language lang) const;

    // The direction every text's vector leans towards: the mean of the word
    // vectors weighted as a text's words are (frequency times the SIF
    // weight), unit length. Clustering removes it.
    std::span<float const> common_direction() const noexcept { return common_; }

    // Writes the compact format: vectors quantized to 8 bits (one scale per
    // word), at most `max_words` words, the most frequent.
    void save_compact(std::filesystem::path const& path, std::size_t max_words) const;

private:
    void index_stems();

    std::vector<std::string> words_;
    std::vector<std::uint64_t> counts_;
    std::vector<float> data_;
    std::size_t dimension_ = 0;
    keys key_ = keys::words;
    double total_count_ = 0;
    std::unordered_map<std::string_view, std::uint32_t> by_word_;
    // Per language: stem -> mean vector of the words with that stem, and their
    // summed probability.
    struct stem_entry {
        std::vector<float> vector;
        double probability = 0;
    };
    std::unordered_map<std::string, stem_entry> stems_[2];
    std::vector<float> common_;
};

} // namespace tavolo::cluster
