#include "tavolo/net/static_cache.hpp"

#include "support/gunzip.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <random>

using namespace tavolo::net;
using tavolo::test::gunzip;
namespace fs = std::filesystem;

namespace {

struct temp_root {
    fs::path dir;
    temp_root() {
        dir =
            fs::temp_directory_path() / ("tavolo-static-" + std::to_string(std::random_device{}()));
        fs::create_directories(dir);
    }
    ~temp_root() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    fs::path write(std::string const& name, std::string const& data) const {
        std::ofstream(dir / name, std::ios::binary | std::ios::trunc) << data;
        return dir / name;
    }
};

} // namespace

TEST_CASE("the design kit's CSS, compressed once, decompresses to the file", "[net][static]") {
    fs::path const root = TAVOLO_SOURCE_DIR "/client-web";
    static_cache cache(8 << 20);
    for (auto name : {"css/app.css", "index.html", "js/i18n.js", "favicon.svg"}) {
        auto const file = cache.get(root / name);
        REQUIRE(file);
        std::ifstream in(root / name, std::ios::binary);
        std::string const original{std::istreambuf_iterator<char>(in), {}};
        CHECK(file->identity == original);
        REQUIRE_FALSE(file->gzip.empty());
        CHECK(file->gzip.size() < original.size());
        CHECK(gunzip(file->gzip) == original); // byte for byte
        CHECK(file->gzip_etag != file->identity_etag);
        CHECK(cache.get(root / name) == file); // the same prepared bytes, not compressed again
    }
}

TEST_CASE("a prepared file", "[net][static]") {
    temp_root root;
    static_cache cache(1 << 20);

    SECTION("text gets a gzip form and two strong ETags") {
        std::string text;
        for (int i = 0; i < 200; ++i)
            text += "body { color: #123456; } /* line " + std::to_string(i) + " */\n";
        auto const file = cache.get(root.write("a.css", text));
        REQUIRE(file);
        CHECK(file->content_type == "text/css; charset=utf-8");
        CHECK(gunzip(file->gzip) == text);
        CHECK(file->gzip.size() < text.size() / 4);
        CHECK(file->identity_etag.front() == '"');
        CHECK(file->identity_etag.back() == '"');
        CHECK(file->identity_etag.substr(0, 2) != "W/");
        CHECK(file->gzip_etag ==
              file->identity_etag.substr(0, file->identity_etag.size() - 1) + "-gzip\"");
    }
    SECTION("fonts and images are not compressed") {
        auto const file = cache.get(root.write("f.woff2", std::string(4096, 'a')));
        REQUIRE(file);
        CHECK(file->gzip.empty());
        CHECK(file->gzip_etag.empty());
    }
    SECTION("no gzip form when it would not be smaller") {
        auto const file = cache.get(root.write("tiny.txt", "x"));
        REQUIRE(file);
        CHECK(file->identity == "x");
        CHECK(file->gzip.empty());
    }
    SECTION("an edited file is read again, with a new ETag") {
        auto const path = root.write("app.js", std::string(1000, 'a'));
        auto const before = cache.get(path);
        REQUIRE(before);
        root.write("app.js", std::string(1000, 'b')); // same size
        fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(2));
        auto const after = cache.get(path);
        REQUIRE(after);
        CHECK(after->identity == std::string(1000, 'b'));
        CHECK(after->identity_etag != before->identity_etag);
        CHECK(after->gzip_etag != before->gzip_etag);
        CHECK(gunzip(after->gzip) == after->identity);
    }
    SECTION("the same bytes give the same ETag (across restarts too)") {
        auto const a = cache.get(root.write("one.html", "<p>hello, hello, hello</p>"));
        static_cache other(1 << 20);
        auto const b = other.get(root.write("two.html", "<p>hello, hello, hello</p>"));
        REQUIRE(a);
        REQUIRE(b);
        CHECK(a->identity_etag == b->identity_etag);
    }
    SECTION("missing files, directories and files over the limit give nothing") {
        CHECK_FALSE(cache.get(root.dir / "missing.js"));
        CHECK_FALSE(cache.get(root.dir));
        static_cache small(100);
        CHECK_FALSE(small.get(root.write("big.js", std::string(101, 'a'))));
        CHECK(small.get(root.write("ok.js", std::string(100, 'a'))));
    }
}
