// Small dense-vector helpers shared by the engine and the word vectors
// (internal to tavolo::cluster).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace tavolo::cluster::detail {

inline float dense_dot(float const* a, float const* b, std::size_t d) {
    // Four independent sums let the compiler use vector registers.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::size_t k = 0;
    for (; k + 4 <= d; k += 4) {
        s0 += a[k] * b[k];
        s1 += a[k + 1] * b[k + 1];
        s2 += a[k + 2] * b[k + 2];
        s3 += a[k + 3] * b[k + 3];
    }
    for (; k < d; ++k)
        s0 += a[k] * b[k];
    return (s0 + s1) + (s2 + s3);
}

inline double length(float const* v, std::size_t d) {
    double norm = 0;
    for (std::size_t k = 0; k < d; ++k)
        norm += static_cast<double>(v[k]) * v[k];
    return std::sqrt(norm);
}

// Scales `v` to unit length (a zero vector stays zero).
inline void normalise(float* v, std::size_t d) {
    auto const n = length(v, d);
    if (n > 0)
        for (std::size_t k = 0; k < d; ++k)
            v[k] = static_cast<float>(v[k] / n);
}

// Deterministic pseudo-random numbers (splitmix64): the same input gives the
// same groups on every platform.
struct splitmix {
    std::uint64_t state;
    std::uint64_t next() {
        auto z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

} // namespace tavolo::cluster::detail
