// Binding a statement's parameters in one call (internal to the store).
#pragma once

#include "tavolo/store/sql.hpp"

#include <cstdint>
#include <optional>
#include <type_traits>

namespace tavolo::store {

// Binds each argument to the next parameter, in order (bools as 0/1, an
// empty optional as NULL).
template <typename... Args> void bind_all(sql::statement& q, Args const&... args) {
    int i = 0;
    auto one = [&](auto const& v) {
        ++i;
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
            if (v)
                q.bind(i, *v);
            else
                q.bind(i);
        } else if constexpr (std::is_same_v<T, bool>)
            q.bind(i, v ? 1 : 0);
        else if constexpr (std::is_integral_v<T>)
            q.bind(i, static_cast<std::int64_t>(v));
        else
            q.bind(i, v);
    };
    (one(args), ...);
}

} // namespace tavolo::store
