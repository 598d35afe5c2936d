// Records every HTTP exchange an integration test has with the server, so
// that tests/openapi/validate.mjs can check each answer against
// docs/openapi.yaml (ctest runs it after the integration tests). Recording is
// on when TAVOLO_OPENAPI_RECORD names a folder (ctest sets it for the
// integration tests): each process appends one JSON line per exchange to a
// file of its own there, so tests run side by side never share a file.
// Thread-safe; a failure to write throws, failing the test that made the
// exchange.
#pragma once

#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tavolo::test {

namespace detail {

// The media type without its parameters, lower-cased: "application/json".
inline std::string media_type_of(std::string_view content_type) {
    auto type = std::string(content_type.substr(0, content_type.find(';')));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    for (auto& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type;
}

} // namespace detail

// Appends the exchange (`req` as sent, `res` as read) to this process's
// record, when recording is on.
template <class Request, class Response>
void record_exchange(Request const& req, Response const& res) {
    char const* folder = std::getenv("TAVOLO_OPENAPI_RECORD");
    if (!folder || !*folder)
        return;
    namespace http = boost::beast::http;
    using json = nlohmann::json;
    json line{{"test", Catch::getResultCapture().getCurrentTestName()},
              {"method", std::string(req.method_string())},
              {"target", std::string(req.target())},
              {"status", res.result_int()},
              {"content_type", std::string(res[http::field::content_type])},
              {"body_bytes", res.body().size()}};
    // The headers docs/openapi.yaml describes, by their lower-case names.
    json headers = json::object();
    for (auto const* name : {"etag", "retry-after", "set-cookie", "allow", "content-disposition",
                             "content-security-policy"})
        if (auto const it = res.find(name); it != res.end())
            headers[name] = std::string(it->value());
    line["headers"] = std::move(headers);
    auto const type = detail::media_type_of(line["content_type"].get<std::string>());
    // JSON and its +json types (the catalogue's application/ld+json), as the
    // validator reads them.
    if ((type == "application/json" || type.ends_with("+json")) && !res.body().empty()) {
        auto body = json::parse(res.body(), nullptr, false);
        if (body.is_discarded())
            line["body_text"] = res.body().substr(0, 2000); // the validator reports it
        else
            line["body"] = std::move(body);
    }
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::filesystem::create_directories(folder);
    auto const file =
        std::filesystem::path(folder) / ("exchanges-" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream out(file, std::ios::app);
    out << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    out.flush();
    // Thrown, not REQUIREd: some tests make requests from threads of their own.
    if (!out)
        throw std::runtime_error("cannot record the exchange in " + file.string());
}

} // namespace tavolo::test
