#include "tavolo/live/model.hpp"

#include <array>
#include <utility>

namespace tavolo::live {
namespace {

template <typename E, std::size_t N> using names = std::array<std::pair<E, std::string_view>, N>;

constexpr names<contribution_kind, 3> kind_names{{
    {contribution_kind::proposal, "proposal"},
    {contribution_kind::need, "need"},
    {contribution_kind::activity, "activity"},
}};

constexpr names<contribution_status, 4> status_names{{
    {contribution_status::visible, "visible"},
    {contribution_status::hidden, "hidden"},
    {contribution_status::withdrawn, "withdrawn"},
    {contribution_status::merged, "merged"},
}};

constexpr names<meeting_phase, 6> phase_names{{
    {meeting_phase::lobby, "lobby"},
    {meeting_phase::collect, "collect"},
    {meeting_phase::cluster, "cluster"},
    {meeting_phase::vote, "vote"},
    {meeting_phase::plan, "plan"},
    {meeting_phase::closed, "closed"},
}};

constexpr names<meeting_kind, 2> meeting_kind_names{{
    {meeting_kind::kickoff, "kickoff"},
    {meeting_kind::followup, "followup"},
}};

constexpr names<group_status, 3> group_status_names{{
    {group_status::forming, "forming"},
    {group_status::composed, "composed"},
    {group_status::enabled, "enabled"},
}};

constexpr names<role, 3> role_names{{
    {role::participant, "participant"},
    {role::facilitator, "facilitator"},
    {role::coordinator, "coordinator"},
}};

template <typename E, std::size_t N>
std::optional<E> lookup(names<E, N> const& table, std::string_view s) noexcept {
    for (auto const& [value, name] : table)
        if (name == s)
            return value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(names<E, N> const& table, E e) noexcept {
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

std::optional<contribution_status> status_from_string(std::string_view s) noexcept {
    return lookup(status_names, s);
}
std::string_view to_string(contribution_status s) noexcept {
    return name_of(status_names, s);
}

std::optional<meeting_phase> phase_from_string(std::string_view s) noexcept {
    return lookup(phase_names, s);
}
std::string_view to_string(meeting_phase p) noexcept {
    return name_of(phase_names, p);
}

std::optional<meeting_kind> meeting_kind_from_string(std::string_view s) noexcept {
    return lookup(meeting_kind_names, s);
}
std::string_view to_string(meeting_kind k) noexcept {
    return name_of(meeting_kind_names, k);
}

std::optional<group_status> group_status_from_string(std::string_view s) noexcept {
    return lookup(group_status_names, s);
}
std::string_view to_string(group_status s) noexcept {
    return name_of(group_status_names, s);
}

std::optional<role> role_from_string(std::string_view s) noexcept {
    return lookup(role_names, s);
}
std::string_view to_string(role r) noexcept {
    return name_of(role_names, r);
}

} // namespace tavolo::live
