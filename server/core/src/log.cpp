#include "tavolo/core/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace tavolo::core {
namespace {

std::string timestamp() {
    auto const now = std::chrono::system_clock::now();
    auto const secs = std::chrono::system_clock::to_time_t(now);
    auto const ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[40];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms.count()));
    return out;
}

void write(std::string_view level, std::string_view event, nlohmann::json fields) {
    nlohmann::ordered_json line{{"ts", timestamp()}, {"level", level}, {"event", event}};
    for (auto& [k, v] : fields.items())
        line[k] = std::move(v);
    auto const text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

} // namespace

void log_info(std::string_view event, nlohmann::json fields) {
    write("info", event, std::move(fields));
}
void log_error(std::string_view event, nlohmann::json fields) {
    write("error", event, std::move(fields));
}

} // namespace tavolo::core
