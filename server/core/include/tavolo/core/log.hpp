// One-line JSON logs on standard error: {"ts":..., "level":..., "event":..., ...}.
// Thread-safe. Never pass a secret in `fields`.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace tavolo::core {

void log_info(std::string_view event, nlohmann::json fields = nlohmann::json::object());
void log_error(std::string_view event, nlohmann::json fields = nlohmann::json::object());

} // namespace tavolo::core
