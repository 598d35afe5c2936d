#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/text_analyzer.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

using namespace tavolo::cluster;

namespace {

void write(std::filesystem::path const& p, std::string const& text) {
    std::ofstream(p) << text;
}

double cosine(std::span<float const> a, std::span<float const> b) {
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return dot / std::sqrt(na * nb);
}

std::filesystem::path shipped() {
    return std::filesystem::path(TAVOLO_SOURCE_DIR) / "server/cluster/data/it-pa-stems-200.tvec";
}

} // namespace

TEST_CASE("fastText text vectors load, fold case, and find variants by stem",
          "[cluster][vectors]") {
    tavolo::test::temp_dir dir;
    write(dir / "v.vec", "4 3\n"
                         "formazione 1 0 0\n"
                         "Scuola 0 2 0\n"
                         "scuola 0 0 5\n" // folds onto the first: kept out
                         "dati 0 0 1\n");
    auto const v = word_vectors::load(dir / "v.vec");
    CHECK(v.size() == 3);
    CHECK(v.dimension() == 3);
    CHECK(v.key() == word_vectors::keys::words);
    text_analyzer a;
    auto const school = v.find("scuola", a.stem("scuola", language::it), language::it);
    REQUIRE(school.vector.size() == 3);
    CHECK(school.vector[1] == Approx(1.0)); // unit length
    // Frequencies from the rank when the file has no counts: earlier, more.
    auto const data = v.find("dati", a.stem("dati", language::it), language::it);
    CHECK(data.probability < school.probability);
    // "formazioni" is not in the file; its stem is.
    auto const plural = v.find("formazioni", a.stem("formazioni", language::it), language::it);
    REQUIRE(plural.vector.size() == 3);
    CHECK(plural.vector[0] == Approx(1.0));
    CHECK(v.find("assente", a.stem("assente", language::it), language::it).vector.empty());
}

TEST_CASE("the compact format round-trips within 8-bit precision", "[cluster][vectors]") {
    tavolo::test::temp_dir dir;
    word_vectors const v({"sanit", "scuol", "dat"}, {30, 20, 10},
                         {0.1f, -0.7f, 0.2f, 0.5f, 0.5f, -0.1f, 0.9f, 0.05f, 0.3f}, 3,
                         word_vectors::keys::italian_stems);
    v.save_compact(dir / "v.tvec", 2);
    auto const back = word_vectors::load(dir / "v.tvec");
    CHECK(back.size() == 2); // the two most frequent
    CHECK(back.key() == word_vectors::keys::italian_stems);
    CHECK(back.word(0) == "sanit");
    // Keyed by stems: an Italian word is found by its stem...
    auto const a = v.find("sanitario", "sanit", language::it);
    auto const b = back.find("sanitari", "sanit", language::it);
    REQUIRE(b.vector.size() == 3);
    CHECK(cosine(a.vector, b.vector) > 0.999);
    CHECK(b.probability == Approx(30.0 / 50.0));
    // ...and an English word never is.
    CHECK(back.find("sanit", "sanit", language::en).vector.empty());
}

TEST_CASE("a bad vector file is refused with a clear message", "[cluster][vectors]") {
    tavolo::test::temp_dir dir;
    CHECK_THROWS_WITH(word_vectors::load(dir / "missing.vec"),
                      Catch::Contains("missing.vec") && Catch::Contains("cannot be read"));
    write(dir / "a.vec", "not a header\n");
    CHECK_THROWS_WITH(word_vectors::load(dir / "a.vec"), Catch::Contains("first line"));
    write(dir / "b.vec", "2 3\nuno 1 2\n");
    CHECK_THROWS_WITH(word_vectors::load(dir / "b.vec"),
                      Catch::Contains("line 2") && Catch::Contains("2 values"));
    write(dir / "c.vec", "1 2\nuno 1 x\n");
    CHECK_THROWS_WITH(word_vectors::load(dir / "c.vec"), Catch::Contains("not a number"));
    write(dir / "d.tvec", "tavolo-vectors 1\n5 3 stems-it\nuno 4\n");
    CHECK_THROWS_WITH(word_vectors::load(dir / "d.tvec"), Catch::Contains("truncated"));
}

TEST_CASE("the shipped vectors bring related Italian words together", "[cluster][vectors]") {
    auto const v = word_vectors::load(shipped());
    CHECK(v.key() == word_vectors::keys::italian_stems);
    CHECK(v.size() > 10000);
    text_analyzer a;
    auto find = [&](char const* w) {
        auto const e = v.find(w, a.stem(w, language::it), language::it);
        REQUIRE(e.vector.size() == v.dimension());
        return e.vector;
    };
    // Nearer in meaning, nearer in the space.
    CHECK(cosine(find("scuola"), find("studenti")) > cosine(find("scuola"), find("parcheggi")));
    CHECK(cosine(find("ospedale"), find("medici")) > cosine(find("ospedale"), find("turismo")));
}

TEST_CASE("word vectors group texts that share no word", "[cluster][vectors]") {
    auto const v = word_vectors::load(shipped());
    // Two themes; within each, the texts have no stem in common.
    std::vector<std::string> const texts{
        "Telemedicina per i pazienti cronici",
        "Ospedali e medici di base collegati",
        "Referti sanitari consultabili online",
        "Registro elettronico per le famiglie degli studenti",
        "Laboratori informatici nelle scuole",
        "Formare gli insegnanti alla didattica digitale",
    };
    cluster_options with;
    with.vectors = &v;
    with.k = 2;
    auto const r = cluster_texts(texts, with);
    CHECK(r.assignment[0] >= 0);
    CHECK(r.assignment[0] == r.assignment[1]);
    CHECK(r.assignment[1] == r.assignment[2]);
    CHECK(r.assignment[3] >= 0);
    CHECK(r.assignment[3] == r.assignment[4]);
    CHECK(r.assignment[4] == r.assignment[5]);
    CHECK(r.assignment[0] != r.assignment[3]);
}

namespace {

// `themes` well-separated directions in `dim` dimensions, `per_theme` words
// around each (word "t<theme>w<i>"), interleaved so that every theme has
// frequent and rare words.
word_vectors themed_vocabulary(std::size_t themes, std::size_t per_theme, std::size_t dim) {
    std::vector<std::string> words;
    std::vector<std::uint64_t> counts;
    std::vector<float> data;
    for (std::size_t i = 0; i < per_theme; ++i)
        for (std::size_t t = 0; t < themes; ++t) {
            words.push_back("t" + std::to_string(t) + "w" + std::to_string(i));
            counts.push_back(1000 - words.size());
            for (std::size_t d = 0; d < dim; ++d) {
                // the theme's axis, plus a small word-specific wobble
                auto const wobble = 0.2f * std::sin(static_cast<float>(i * 7 + d * 3 + t));
                data.push_back((d == t ? 1.f : 0.f) + wobble);
            }
        }
    return word_vectors(std::move(words), std::move(counts), std::move(data), dim);
}

} // namespace

TEST_CASE("the vocabulary is grouped into concepts, each word linked to its nearest",
          "[cluster][vectors]") {
    auto const v = themed_vocabulary(3, 30, 6); // 90 words: one concept per 30
    REQUIRE(v.concept_count() == 3);
    text_analyzer a;
    auto nearest = [&](std::string const& w) {
        auto const e = v.find(w, w, language::it);
        REQUIRE(!e.vector.empty());
        // nearest first, weights never negative
        CHECK(e.concepts[0].weight >= e.concepts[1].weight);
        CHECK(e.concepts[1].weight >= e.concepts[2].weight);
        CHECK(e.concepts[2].weight >= 0.f);
        return e.concepts[0].id;
    };
    for (std::size_t t = 0; t < 3; ++t)
        for (std::size_t i = 1; i < 30; ++i)
            CHECK(nearest("t" + std::to_string(t) + "w" + std::to_string(i)) ==
                  nearest("t" + std::to_string(t) + "w0"));
    CHECK(nearest("t0w0") != nearest("t1w0"));
    CHECK(nearest("t1w0") != nearest("t2w0"));
    CHECK(nearest("t0w0") != nearest("t2w0"));
    // Too small a vocabulary makes no concepts.
    CHECK(themed_vocabulary(2, 10, 4).concept_count() == 0);
}

TEST_CASE("the compact format keeps the concepts; an older file gets them while loading",
          "[cluster][vectors]") {
    tavolo::test::temp_dir dir;
    auto const v = themed_vocabulary(2, 40, 5); // 2 concepts
    REQUIRE(v.concept_count() == 2);
    v.save_compact(dir / "v2.tvec", 1000);
    auto const back = word_vectors::load(dir / "v2.tvec");
    CHECK(back.concept_count() == 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto const w = std::string(v.word(i));
        auto const x = v.find(w, w, language::it).concepts;
        auto const y = back.find(w, w, language::it).concepts;
        for (std::size_t r = 0; r < x.size(); ++r) {
            CHECK(x[r].id == y[r].id);
            CHECK(x[r].weight == y[r].weight);
        }
    }
    // Version 1 (no concepts in the file): made from the vectors on loading.
    {
        std::ofstream out(dir / "v1.tvec", std::ios::binary);
        out << "tavolo-vectors 1\n" << v.size() << " 5 words\n";
        for (std::size_t i = 0; i < v.size(); ++i)
            out << v.word(i) << " " << (1000 - i) << "\n";
        for (std::size_t i = 0; i < v.size(); ++i) {
            auto const w = std::string(v.word(i));
            auto const e = v.find(w, w, language::it);
            float const scale = 1.f / 127.f;
            out.write(reinterpret_cast<char const*>(&scale), sizeof scale);
            for (auto x : e.vector) {
                auto const q = static_cast<std::int8_t>(std::lround(x * 127.f));
                out.write(reinterpret_cast<char const*>(&q), 1);
            }
        }
    }
    auto const old = word_vectors::load(dir / "v1.tvec");
    CHECK(old.size() == v.size());
    CHECK(old.concept_count() == 2);
    auto const first = old.find("t0w0", "t0w0", language::it).concepts[0].id;
    CHECK(old.find("t0w7", "t0w7", language::it).concepts[0].id == first);
    CHECK(old.find("t1w7", "t1w7", language::it).concepts[0].id != first);
    // A file cut inside its concepts is refused.
    auto const full = std::filesystem::file_size(dir / "v2.tvec");
    std::filesystem::copy_file(dir / "v2.tvec", dir / "cut.tvec");
    std::filesystem::resize_file(dir / "cut.tvec", full - 10);
    CHECK_THROWS_WITH(word_vectors::load(dir / "cut.tvec"), Catch::Contains("truncated concepts"));
}

TEST_CASE("the shipped file's concepts link words of one theme", "[cluster][vectors]") {
    auto const v = word_vectors::load(shipped());
    CHECK(v.concept_count() == word_vectors::default_concepts);
    text_analyzer a;
    auto linked = [&](char const* x, char const* y) {
        auto const ex = v.find(x, a.stem(x, language::it), language::it);
        auto const ey = v.find(y, a.stem(y, language::it), language::it);
        REQUIRE(!ex.vector.empty());
        REQUIRE(!ey.vector.empty());
        for (auto const& l : ex.concepts)
            for (auto const& m : ey.concepts)
                if (l.weight > 0 && m.weight > 0 && l.id == m.id)
                    return true;
        return false;
    };
    CHECK(linked("autobus", "treni"));
    CHECK(linked("medici", "ospedali"));
    CHECK(linked("insegnanti", "studenti"));
    CHECK_FALSE(linked("autobus", "insegnanti"));
    CHECK_FALSE(linked("medici", "parcheggi"));
}
