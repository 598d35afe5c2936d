#include "tavolo/net/static_files.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::net;

TEST_CASE("static paths stay under the web root", "[net][static]") {
    std::filesystem::path const root = TAVOLO_SOURCE_DIR "/client-web";
    CHECK(resolve_static_path(root, "/") == root / "index.html");
    CHECK(resolve_static_path(root, "/?x=1") == root / "index.html");
    CHECK(resolve_static_path(root, "/js/app.js") == root / "js" / "app.js");
    CHECK(resolve_static_path(root, "/js") == root / "js" / "index.html");
    CHECK(resolve_static_path(root, "/js//app.js") == root / "js" / "app.js");

    for (auto bad : {"", "js/app.js", "/../etc/passwd", "/js/../../etc/passwd", "/./index.html",
                     "/%2e%2e/etc/passwd", "/js\\..\\x", "/.git/config", "/js/.hidden"})
        CHECK_FALSE(resolve_static_path(root, bad));
    CHECK_FALSE(resolve_static_path(root, std::string_view("/a\0b", 4)));
}

TEST_CASE("content types", "[net][static]") {
    CHECK(mime_type("index.html") == "text/html; charset=utf-8");
    CHECK(mime_type("a/app.js") == "text/javascript; charset=utf-8");
    CHECK(mime_type("x.css") == "text/css; charset=utf-8");
    CHECK(mime_type("x.bin") == "application/octet-stream");
}
