// Word vectors trained outside the meeting (scripts/train-vectors), so that
// "telemedicina" and "pazienti" are near although no meeting text shares a
// word. Two file formats load: fastText's text format (".vec": a "count
// dimension" line, then "word v1 ... vD" per line, most frequent first), as a
// deployer may bring a larger file, and tavolo's compact format (8-bit
// vectors with corpus counts, the file shipped in server/cluster/data/).
// A compact file may be keyed by Italian Snowball stems rather than words (the
// shipped one is: trained on stemmed text, every variant of a word shares one
// vector). In a file keyed by words, a word it lacks is looked up by its stem,
// so that variants of a known word ("formati", "formazioni") still find a
// vector.
//
// The vocabulary is also grouped into "concepts" (spherical k-means of the
// most frequent words' vectors: "autobus", "treni", "ztl" and "ciclabili" fall
// in one), and every word knows its nearest few. Two texts that name the same
// concept with different words then share something the average of all their
// words would dilute. The compact format stores the concepts; for a fastText
// file they are computed while loading.
//
// Immutable after loading: share one instance between threads.
#pragma once

#include "tavolo/cluster/language.hpp"

#include <array>
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
    // Concepts made of the vocabulary (fewer for a small one), from its most
    // frequent words, and how many of them each word is linked to.
    static constexpr std::size_t default_concepts = 300;
    static constexpr std::size_t concept_vocabulary = 10'000;
    static constexpr std::size_t concepts_per_word = 3;

    struct concept_link {
        std::uint16_t id = 0;
        float weight = 0; // cosine of the word to the concept's centre, at least 0
    };
    using concept_links = std::array<concept_link, concepts_per_word>;

    // Reads a file in either format; throws std::runtime_error naming the file
    // and what is wrong with it.
    static word_vectors load(std::filesystem::path const& path);

    // From words (case-folded, most frequent first), their corpus counts (0
    // when unknown) and row-major vectors; makes the concepts.
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
        double probability = 0;   // of the word in the training corpus
        concept_links concepts{}; // nearest first
    };
    // The unit vector of a case-folded word whose stem in `lang` is `stem`;
    // an empty vector when the file knows neither.
    entry find(std::string_view word, std::string_view stem, language lang) const;

    // The direction every text's vector leans towards: the mean of the word
    // vectors weighted as a text's words are (frequency times the SIF
    // weight), unit length. Clustering removes it.
    std::span<float const> common_direction() const noexcept { return common_; }

    std::size_t concept_count() const noexcept { return concept_count_; }

    // Writes the compact format: vectors quantized to 8 bits (one scale per
    // word), at most `max_words` words, the most frequent.
    void save_compact(std::filesystem::path const& path, std::size_t max_words) const;

private:
    struct stored_concepts {
        bool present = false;
        std::size_t count = 0;
        std::vector<float> centres;       // count x dimension, unit length
        std::vector<concept_links> links; // per word
    };
    word_vectors(std::vector<std::string> words, std::vector<std::uint64_t> counts,
                 std::vector<float> data, std::size_t dimension, keys key,
                 stored_concepts concepts);
    static word_vectors load_compact(std::filesystem::path const& path, std::istream& in,
                                     int version);
    void index_stems();
    void make_concepts(std::size_t count);
    concept_links nearest_concepts(float const* v) const;

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
    std::size_t concept_count_ = 0;
    std::vector<float> centres_;       // concept_count_ x dimension_
    std::vector<concept_links> links_; // per word
};

} // namespace tavolo::cluster
