// The API writes no SQL: every statement is a named function of the store
// (issue 17), so that another backend needs no change in server/api.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

TEST_CASE("the API's sources hold no SQL statement", "[api][walls]") {
    auto const root = std::filesystem::path(TAVOLO_SOURCE_DIR) / "server" / "api";
    std::size_t files = 0;
    for (auto const& entry : std::filesystem::recursive_directory_iterator(root)) {
        auto const ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".hpp")
            continue;
        ++files;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto const source = text.str();
        INFO(entry.path().string());
        for (auto const* sql : {"SQLite::Statement", "execAndGet", ".exec(", "database()",
                                "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM"})
            CHECK(source.find(sql) == std::string::npos);
    }
    CHECK(files > 10);
}
