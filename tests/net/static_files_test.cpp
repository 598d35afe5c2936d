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

TEST_CASE("gzip only when the client accepts it", "[net][static][gzip]") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));    // what Chromium sends
    CHECK(accepts_gzip("br;q=1.0, GZip;q=0.5")); // names are case-insensitive
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("identity, *;q=0.1"));

    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("br, deflate"));
    CHECK_FALSE(accepts_gzip("gzip;q=0")); // q=0 means "not acceptable"
    CHECK_FALSE(accepts_gzip("gzip; q=0.000"));
    CHECK_FALSE(accepts_gzip("gzip;q=0, *")); // named explicitly: "*" does not override
    CHECK_FALSE(accepts_gzip("*;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=x")); // unreadable: not used
    CHECK_FALSE(accepts_gzip("gzipped"));
    CHECK(accepts_gzip("gzip;q=0.001"));
}

TEST_CASE("If-None-Match", "[net][static][etag]") {
    CHECK(etag_matches("\"abc\"", "\"abc\""));
    CHECK(etag_matches("\"x\", \"abc\"", "\"abc\""));
    CHECK(etag_matches("W/\"abc\"", "\"abc\"")); // compared weakly
    CHECK(etag_matches("*", "\"abc\""));
    CHECK_FALSE(etag_matches("\"abc-gzip\"", "\"abc\""));
    CHECK_FALSE(etag_matches("\"abc\"", "\"abc-gzip\""));
    CHECK_FALSE(etag_matches("", "\"abc\""));
    CHECK_FALSE(etag_matches("abc", "\"abc\""));
}

TEST_CASE("what is worth compressing", "[net][static][gzip]") {
    for (auto name :
         {"index.html", "app.css", "app.js", "qrcode.mjs", "favicon.svg", "x.json", "OFL.txt"})
        CHECK(compressible(name));
    for (auto name : {"font.woff2", "font.woff", "logo.png", "favicon.ico", "x.bin", "js"})
        CHECK_FALSE(compressible(name));
}

TEST_CASE("Cache-Control by kind of file", "[net][static][cache]") {
    auto const immutable = "public, max-age=31536000, immutable";
    // Versioned vendor files: kept a year without asking.
    CHECK(cache_control("/vendor/chart.js@4.6.1/chart.umd.min.js") == immutable);
    CHECK(cache_control("/vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.css") ==
          immutable);
    CHECK(cache_control("/vendor/qrcode-generator@2.0.0-rc.1/qrcode.mjs") == immutable);
    // The pages and the app's own files: revalidated on every use.
    for (auto path :
         {"/", "/index.html", "/coordinator.html", "/js/app.js", "/css/app.css", "/favicon.svg"})
        CHECK(cache_control(path) == "no-cache");
    // Vendor paths without a version (as before) are not immutable.
    for (auto path : {"/vendor/qrcode.mjs", "/vendor/bootstrap-italia/css/x.css",
                      "/vendor/chart.js@/x.js", "/vendor/@4.6.1/x.js", "/vendor/chart.js@4.6.1",
                      "/vendor/x@latest/x.js", "/js/vendor/chart.js@4.6.1/x.js"})
        CHECK(cache_control(path) == "no-cache");
}
