// Reads the demo meeting's access (join code, facilitator secret) that tavolo
// writes into its data directory on first start.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace tavolo::test {

inline nlohmann::json demo_access(std::filesystem::path const& data_dir) {
    std::ifstream in(data_dir / "demo-access.json");
    return nlohmann::json::parse(in);
}

inline std::string demo_code(std::filesystem::path const& data_dir) {
    return demo_access(data_dir)["join_code"].get<std::string>();
}

} // namespace tavolo::test
