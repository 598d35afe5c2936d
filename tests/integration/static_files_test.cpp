// Static files as a browser gets them from the real server: gzip when it is
// accepted, ETag and 304, Cache-Control by kind, and an edited file served
// fresh. One keep-alive connection per test, as a browser keeps one.
#include "support/gunzip.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

using namespace tavolo;
using test::gunzip;
namespace http = boost::beast::http;
namespace fs = std::filesystem;

namespace {

// One HTTP/1.1 connection kept open between requests.
class connection {
public:
    explicit connection(unsigned short port) : stream_(ioc_) {
        stream_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }

    http::response<http::string_body>
    get(std::string const& target, std::vector<std::pair<http::field, std::string>> headers = {},
        http::verb method = http::verb::get) {
        http::request<http::empty_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        for (auto const& [name, value] : headers)
            req.set(name, value);
        http::write(stream_, req);
        http::response_parser<http::string_body> parser;
        parser.skip(method == http::verb::head); // a HEAD answer has no body to read
        parser.body_limit(16 << 20);
        http::read(stream_, buffer_, parser);
        return parser.release();
    }

private:
    boost::asio::io_context ioc_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
};

std::string read_file(fs::path const& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_file(fs::path const& file, std::string const& data) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << data;
}

std::string header(http::response<http::string_body> const& res, http::field f) {
    return std::string(res[f]);
}

std::string css_text(char fill) {
    std::string text;
    for (int i = 0; i < 300; ++i)
        text += std::string(".rule-") + fill + std::to_string(i) +
                " { margin: " + std::to_string(i % 7) + "px; }\n";
    return text;
}

} // namespace

TEST_CASE("the design kit's pages come gzip-compressed to a browser that accepts it",
          "[integration][http][static]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    connection c(server.port());
    fs::path const root = TAVOLO_SOURCE_DIR "/client-web";

    for (auto const* path : {"/css/app.css", "/index.html", "/js/app.js", "/js/lazy.js"}) {
        auto const file =
            read_file(root / (std::string(path) == "/index.html" ? "index.html" : path + 1));
        auto const zipped = c.get(path, {{http::field::accept_encoding, "gzip, deflate, br"}});
        CHECK(zipped.result() == http::status::ok);
        CHECK(header(zipped, http::field::content_encoding) == "gzip");
        CHECK(header(zipped, http::field::vary) == "Accept-Encoding");
        CHECK(header(zipped, http::field::cache_control) == "no-cache");
        CHECK(zipped.body().size() < file.size());
        CHECK(gunzip(zipped.body()) == file); // byte for byte

        auto const plain = c.get(path);
        CHECK(plain.result() == http::status::ok);
        CHECK(header(plain, http::field::content_encoding).empty());
        CHECK(header(plain, http::field::vary) == "Accept-Encoding");
        CHECK(plain.body() == file);
        CHECK(header(plain, http::field::etag) != header(zipped, http::field::etag));

        auto const refused = c.get(path, {{http::field::accept_encoding, "gzip;q=0, br"}});
        CHECK(header(refused, http::field::content_encoding).empty());
        CHECK(refused.body() == file);
    }
}

TEST_CASE("a current copy gets 304 with no body; a changed file a new ETag",
          "[integration][http][static]") {
    test::temp_dir dir;
    auto const web = dir / "web";
    write_file(web / "index.html", "<!doctype html><title>t</title>");
    write_file(web / "css" / "app.css", css_text('a'));
    write_file(web / "vendor" / "lib@1.2.3" / "lib.js", "export const x = 1;\n" + css_text('v'));
    write_file(web / "vendor" / "lib@1.2.3" / "font.woff2", std::string(3000, 'w'));
    write_file(dir / "tavolo.json", "{\"web_root\": \"" + web.string() + "\"}");
    test::server_process server(dir / "data", {"--config", (dir / "tavolo.json").string()});
    connection c(server.port());
    std::pair<http::field, std::string> const gzip{http::field::accept_encoding, "gzip"};

    auto const first = c.get("/css/app.css", {gzip});
    REQUIRE(first.result() == http::status::ok);
    auto const etag = header(first, http::field::etag);
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"'); // strong: no W/

    // The browser revalidates its copy: 304, no body, the same validators.
    auto const again = c.get("/css/app.css", {gzip, {http::field::if_none_match, etag}});
    CHECK(again.result() == http::status::not_modified);
    CHECK(again.body().empty());
    CHECK(header(again, http::field::etag) == etag);
    CHECK(header(again, http::field::cache_control) == "no-cache");
    // The identity copy's ETag does not validate the gzip one, nor the reverse.
    auto const plain = c.get("/css/app.css");
    CHECK(c.get("/css/app.css",
                {gzip, {http::field::if_none_match, header(plain, http::field::etag)}})
              .result() == http::status::ok);
    CHECK(c.get("/css/app.css", {{http::field::if_none_match, etag}}).result() == http::status::ok);

    // HEAD: the same headers, no body.
    auto const head = c.get("/css/app.css", {gzip}, http::verb::head);
    CHECK(head.result() == http::status::ok);
    CHECK(header(head, http::field::etag) == etag);
    CHECK(header(head, http::field::content_length) == std::to_string(first.body().size()));

    // Someone edits the file (same size): the server reads it again.
    write_file(web / "css" / "app.css", css_text('b'));
    fs::last_write_time(web / "css" / "app.css",
                        fs::last_write_time(web / "css" / "app.css") + std::chrono::seconds(2));
    auto const edited = c.get("/css/app.css", {gzip, {http::field::if_none_match, etag}});
    CHECK(edited.result() == http::status::ok);
    CHECK(header(edited, http::field::etag) != etag);
    CHECK(gunzip(edited.body()) == css_text('b'));

    // Versioned vendor files are kept a year; fonts are sent as they are.
    auto const lib = c.get("/vendor/lib@1.2.3/lib.js", {gzip});
    CHECK(header(lib, http::field::cache_control) == "public, max-age=31536000, immutable");
    CHECK(header(lib, http::field::content_encoding) == "gzip");
    auto const font = c.get("/vendor/lib@1.2.3/font.woff2", {gzip});
    CHECK(font.result() == http::status::ok);
    CHECK(header(font, http::field::content_encoding).empty());
    CHECK(header(font, http::field::vary).empty());
    CHECK(header(font, http::field::cache_control) == "public, max-age=31536000, immutable");
    CHECK(font.body() == std::string(3000, 'w'));
    auto const font_again =
        c.get("/vendor/lib@1.2.3/font.woff2",
              {gzip, {http::field::if_none_match, header(font, http::field::etag)}});
    CHECK(font_again.result() == http::status::not_modified);

    // The page: revalidated on every use.
    CHECK(header(c.get("/", {gzip}), http::field::cache_control) == "no-cache");
    CHECK(c.get("/missing.js", {gzip}).result() == http::status::not_found);
}
