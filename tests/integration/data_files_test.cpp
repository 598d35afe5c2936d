// The data directory is tavolo's account's alone: the directory 0700, the
// store, its WAL and SHM, the demo's access, exports 0600, whether the server
// or a command made them, and a directory an older tavolo left readable is
// closed at start.
#include "support/api_client.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace tavolo;
using namespace tavolo::test;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(fs::path const& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

// Every file under `dir` (and `dir` itself) with its mode, as "name 0600".
void check_private(fs::path const& dir) {
    CHECK(mode_of(dir) == 0700);
    std::size_t files = 0;
    for (auto const& e : fs::recursive_directory_iterator(dir)) {
        INFO(e.path().string());
        CHECK(mode_of(e.path()) == (e.is_directory() ? 0700u : 0600u));
        ++files;
    }
    CHECK(files > 0);
}

} // namespace

TEST_CASE("the server and every command keep the data directory private", "[integration][files]") {
    temp_dir tmp;
    auto const data = tmp / "data";
    auto const added = add_coordinator(data, "Mara");
    REQUIRE(added.first == 0);
    check_private(data);
    {
        server_process server(data);
        auto const password = password_in(added.second);
        auto const a = request(server.port(), http::verb::post, "/api/v1/session", "",
                               json{{"name", "Mara"}, {"password", password}}.dump());
        REQUIRE(a.status == 200);
        // While it runs: the store, its WAL and SHM, the demo's access.
        CHECK(fs::exists(data / "tavolo.db-wal"));
        CHECK(fs::exists(data / "demo-access.json"));
        check_private(data);
    }
    auto const out = tmp / "backup.json";
    REQUIRE(
        run_tavolo("export --out '" + out.string() + "' --data '" + data.string() + "'").first ==
        0);
    CHECK(mode_of(out) == 0600);
    REQUIRE(run_tavolo("report --year 2027 --data '" + data.string() + "'").first == 0);
    check_private(data);
    auto const restored = tmp / "restored";
    REQUIRE(run_tavolo("import '" + out.string() + "' --data '" + restored.string() + "'").first ==
            0);
    check_private(restored);
}

TEST_CASE("a data directory left readable by an older tavolo is closed at start",
          "[integration][files]") {
    temp_dir tmp;
    auto const data = tmp / "data";
    REQUIRE(add_coordinator(data, "Mara").first == 0);
    fs::permissions(data, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(data / "tavolo.db", fs::perms::owner_read | fs::perms::owner_write |
                                            fs::perms::group_read | fs::perms::others_read);
    REQUIRE(mode_of(data / "tavolo.db") == 0644);
    server_process server(data);
    check_private(data);
}
