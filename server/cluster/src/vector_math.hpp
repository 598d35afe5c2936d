// Small dense-vector helpers shared by the engine and the word vectors
// (internal to tavolo::cluster).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tavolo::cluster::detail {

// Four floats in one vector register (GCC and Clang vector extension), the
// loads unaligned.
using float4 = float __attribute__((vector_size(16)));
inline float4 load4(float const* p) {
    float4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline float sum4(float4 v) {
    return (v[0] + v[1]) + (v[2] + v[3]);
}

inline float dense_dot(float const* a, float const* b, std::size_t d) {
    // Four vector registers of sums, so that an add does not wait on the one
    // before it (one register made the loop wait on the add's latency).
    float4 s0{}, s1{}, s2{}, s3{};
    std::size_t k = 0;
    for (; k + 16 <= d; k += 16) {
        s0 += load4(a + k) * load4(b + k);
        s1 += load4(a + k + 4) * load4(b + k + 4);
        s2 += load4(a + k + 8) * load4(b + k + 8);
        s3 += load4(a + k + 12) * load4(b + k + 12);
    }
    for (; k + 4 <= d; k += 4)
        s0 += load4(a + k) * load4(b + k);
    float tail = 0;
    for (; k < d; ++k)
        tail += a[k] * b[k];
    return sum4((s0 + s1) + (s2 + s3)) + tail;
}

// out[j] = dense_dot(x, c + j * d, d) for j < k, up to rounding: four rows of
// `c` at a time share each load of `x` (k-means' assignment step, the
// neighbour graph's rows).
inline void dense_dots(float const* x, float const* c, std::size_t k, std::size_t d, float* out) {
    std::size_t j = 0;
    for (; j + 4 <= k; j += 4) {
        float const* c0 = c + j * d;
        float const* c1 = c0 + d;
        float const* c2 = c1 + d;
        float const* c3 = c2 + d;
        // Two sums per row: eight adds in flight.
        float4 a0{}, a1{}, a2{}, a3{}, b0{}, b1{}, b2{}, b3{};
        std::size_t i = 0;
        for (; i + 8 <= d; i += 8) {
            auto const xa = load4(x + i), xb = load4(x + i + 4);
            a0 += xa * load4(c0 + i);
            b0 += xb * load4(c0 + i + 4);
            a1 += xa * load4(c1 + i);
            b1 += xb * load4(c1 + i + 4);
            a2 += xa * load4(c2 + i);
            b2 += xb * load4(c2 + i + 4);
            a3 += xa * load4(c3 + i);
            b3 += xb * load4(c3 + i + 4);
        }
        float t0 = sum4(a0 + b0), t1 = sum4(a1 + b1), t2 = sum4(a2 + b2), t3 = sum4(a3 + b3);
        for (; i < d; ++i) {
            t0 += x[i] * c0[i];
            t1 += x[i] * c1[i];
            t2 += x[i] * c2[i];
            t3 += x[i] * c3[i];
        }
        out[j] = t0;
        out[j + 1] = t1;
        out[j + 2] = t2;
        out[j + 3] = t3;
    }
    for (; j < k; ++j)
        out[j] = dense_dot(x, c + j * d, d);
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
