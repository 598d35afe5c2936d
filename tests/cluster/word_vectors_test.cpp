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
    return std::filesystem::path(TAVOLO_SOURCE_DIR) / "server/cluster/data/it-pa-stems-100.tvec";
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
