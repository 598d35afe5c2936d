// The engine's internal dense-vector helpers: the blocked dot products agree
// with the plain one for every shape, tails included.
#include "vector_math.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace tavolo::cluster::detail;

TEST_CASE("dense_dots agrees with dense_dot for any count and dimension", "[cluster][math]") {
    splitmix rng{42};
    auto value = [&] { return static_cast<float>(rng.uniform() * 2 - 1); };
    for (std::size_t d : {1, 3, 4, 7, 8, 15, 16, 17, 100, 200, 203}) {
        std::vector<float> x(d);
        for (auto& v : x)
            v = value();
        for (std::size_t k : {0, 1, 3, 4, 5, 8, 11}) {
            std::vector<float> c(k * d);
            for (auto& v : c)
                v = value();
            std::vector<float> out(k + 1, 99.f);
            dense_dots(x.data(), c.data(), k, d, out.data());
            for (std::size_t j = 0; j < k; ++j) {
                INFO("d " << d << ", k " << k << ", row " << j);
                double exact = 0;
                for (std::size_t i = 0; i < d; ++i)
                    exact += static_cast<double>(x[i]) * c[j * d + i];
                CHECK(out[j] == Approx(exact).margin(1e-4));
                CHECK(dense_dot(x.data(), c.data() + j * d, d) == Approx(exact).margin(1e-4));
            }
            CHECK(out[k] == 99.f); // nothing written past the k-th
        }
    }
}

TEST_CASE("normalise makes unit vectors and leaves zero alone", "[cluster][math]") {
    std::vector<float> v{3, 4};
    normalise(v.data(), v.size());
    CHECK(v[0] == Approx(0.6));
    CHECK(v[1] == Approx(0.8));
    std::vector<float> z{0, 0, 0};
    normalise(z.data(), z.size());
    CHECK(z == std::vector<float>{0, 0, 0});
}
