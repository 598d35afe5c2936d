#include "tavolo/live/model.hpp"

#include <array>
#include <utility>

namespace tavolo::live {
namespace {

constexpr std::array<std::pair<contribution_kind, std::string_view>, 3> kind_names{{
    {contribution_kind::proposal, "proposal"},
    {contribution_kind::need, "need"},
    {contribution_kind::activity, "activity"},
}};

constexpr std::array<std::pair<meeting_phase, std::string_view>, 6> phase_names{{
    {meeting_phase::lobby, "lobby"},
    {meeting_phase::collect, "collect"},
    {meeting_phase::cluster, "cluster"},
    {meeting_phase::vote, "vote"},
    {meeting_phase::plan, "plan"},
    {meeting_phase::closed, "closed"},
}};

template <typename E, std::size_t N>
std::optional<E> lookup(std::array<std::pair<E, std::string_view>, N> const& table,
                        std::string_view s) noexcept {
    for (auto const& [value, name] : table)
        if (name == s)
            return value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(std::array<std::pair<E, std::string_view>, N> const& table, E e) noexcept {
    for (auto const& [value, name] : table)
        if (value == e)
            return name;
    return "?";
}

} // namespace

std::optional<contribution_kind> kind_from_string(std::string_view s) noexcept {
    return lookup(kind_names, s);
}
std::string_view to_string(contribution_kind k) noexcept {
    return name_of(kind_names, k);
}

std::optional<meeting_phase> phase_from_string(std::string_view s) noexcept {
    return lookup(phase_names, s);
}
std::string_view to_string(meeting_phase p) noexcept {
    return name_of(phase_names, p);
}

std::string_view to_string(role r) noexcept {
    return r == role::facilitator ? "facilitator" : "participant";
}

} // namespace tavolo::live
