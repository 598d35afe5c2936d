#include "config.hpp"

#include "tavolo/core/secrets.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

namespace tavolo::app {
namespace {

using json = nlohmann::json;

// Each key of the file knows how to check and apply its value.
using setter = std::function<void(config&, json const&, std::string const& key)>;

[[noreturn]] void bad_value(std::string const& key, std::string const& expected,
                            json const& value) {
    throw config_error("setting '" + key + "' must be " + expected + ", not " + value.dump());
}

std::uint64_t positive(json const& v, std::string const& key, std::uint64_t max) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0 || v.get<std::uint64_t>() > max)
        bad_value(key, "an integer from 1 to " + std::to_string(max), v);
    return v.get<std::uint64_t>();
}

std::string string_value(json const& v, std::string const& key) {
    if (!v.is_string())
        bad_value(key, "a string", v);
    return v.get<std::string>();
}

template <typename T>
setter size_setter(T config::*group, std::size_t T::*field, std::uint64_t max) {
    return [=](config& c, json const& v, std::string const& key) {
        (c.*group).*field = positive(v, key, max);
    };
}

std::map<std::string, setter> const& setters() {
    static std::map<std::string, setter> const s = [] {
        std::map<std::string, setter> m;
        m["bind"] = [](config& c, json const& v, std::string const& k) {
            c.net.bind = string_value(v, k);
            if (c.net.bind.empty())
                bad_value(k, "an IP address", v);
        };
        m["port"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 65535)
                bad_value(k, "an integer from 0 to 65535 (0: any free port)", v);
            c.net.port = static_cast<unsigned short>(v.get<std::uint64_t>());
        };
        m["data_dir"] = [](config& c, json const& v, std::string const& k) {
            c.data_dir = string_value(v, k);
            if (c.data_dir.empty())
                bad_value(k, "a directory path", v);
        };
        m["web_root"] = [](config& c, json const& v, std::string const& k) {
            auto const s = string_value(v, k);
            if (!s.empty())
                c.net.web_root = s;
        };
        m["threads"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 256)
                bad_value(k, "an integer from 0 (one per core) to 256", v);
            c.threads = static_cast<unsigned>(v.get<std::uint64_t>());
        };
        m["clustering.vectors"] = [](config& c, json const& v, std::string const& k) {
            auto const s = string_value(v, k);
            if (s == "none")
                c.vectors.clear();
            else if (!s.empty())
                c.vectors = s;
        };
        m["clustering.threads"] = [](config& c, json const& v, std::string const& k) {
            c.clustering_threads = static_cast<unsigned>(positive(v, k, 64));
        };
        m["demo"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_boolean())
                bad_value(k, "true or false", v);
            c.demo = v.get<bool>();
        };
        m["limits.max_frame_bytes"] =
            size_setter(&config::net, &net::options::max_frame_bytes, 16u << 20);
        m["limits.max_http_body_bytes"] =
            size_setter(&config::net, &net::options::max_http_body_bytes, 256u << 20);
        m["limits.max_http_header_bytes"] =
            size_setter(&config::net, &net::options::max_http_header_bytes, 1u << 20);
        m["limits.max_http_header_fields"] =
            size_setter(&config::net, &net::options::max_http_header_fields, 10000);
        m["limits.max_send_queue_bytes"] =
            size_setter(&config::net, &net::options::max_send_queue_bytes, 1u << 30);
        m["limits.http_timeout_seconds"] = [](config& c, json const& v, std::string const& k) {
            c.net.http_timeout = std::chrono::seconds(positive(v, k, 3600));
        };
        m["limits.ws_idle_timeout_seconds"] = [](config& c, json const& v, std::string const& k) {
            c.net.ws_idle_timeout = std::chrono::seconds(positive(v, k, 86400));
        };
        m["limits.ws_close_linger_ms"] = [](config& c, json const& v, std::string const& k) {
            c.net.ws_close_linger = std::chrono::milliseconds(positive(v, k, 60000));
        };
        m["limits.max_text_chars"] = [](config& c, json const& v, std::string const& k) {
            c.live.messages.max_text_chars = positive(v, k, 100000);
        };
        m["limits.max_name_chars"] = [](config& c, json const& v, std::string const& k) {
            c.live.messages.max_name_chars = positive(v, k, 1000);
        };
        m["limits.max_organization_chars"] = [](config& c, json const& v, std::string const& k) {
            c.live.messages.max_organization_chars = positive(v, k, 1000);
        };
        m["limits.max_participants_per_meeting"] = [](config& c, json const& v,
                                                      std::string const& k) {
            c.live.rooms.max_participants = positive(v, k, 1000000);
        };
        m["limits.messages_per_second"] = [](config& c, json const& v, std::string const& k) {
            c.live.messages_per_second = static_cast<double>(positive(v, k, 100000));
        };
        m["limits.message_burst"] = [](config& c, json const& v, std::string const& k) {
            c.live.message_burst = static_cast<double>(positive(v, k, 100000));
        };
        m["limits.replay_events"] = [](config& c, json const& v, std::string const& k) {
            c.live.rooms.replay_events = positive(v, k, 1000000);
        };
        m["limits.fan_out_lanes_from"] = [](config& c, json const& v, std::string const& k) {
            c.live.rooms.lanes_from = positive(v, k, 1000000);
        };
        m["coordinator_token"] = [](config& c, json const& v, std::string const& k) {
            auto const token = string_value(v, k);
            if (!token.empty() && token.size() < 22)
                throw config_error("setting '" + k +
                                   "' must be empty or at least 22 characters (128 bits)");
            c.live.coordinator_token_hash = token.empty() ? "" : core::hash_secret(token);
        };
        m["coordinators.session_hours"] = [](config& c, json const& v, std::string const& k) {
            c.coordinators.session_lifetime = std::chrono::hours(positive(v, k, 24 * 90));
        };
        m["meetings.support_budget"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 1000)
                bad_value(k, "an integer from 0 to 1000", v);
            c.meetings.support_budget = v.get<std::int64_t>();
        };
        m["meetings.max_supports_per_contribution"] = [](config& c, json const& v,
                                                         std::string const& k) {
            c.meetings.max_supports_per_contribution =
                static_cast<std::int64_t>(positive(v, k, 100));
        };
        m["meetings.anonymous"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_boolean())
                bad_value(k, "true or false", v);
            c.meetings.anonymous = v.get<bool>();
        };
        m["meetings.private_writing"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_boolean())
                bad_value(k, "true or false", v);
            c.meetings.private_writing = v.get<bool>();
        };
        m["store.synchronous"] = [](config& c, json const& v, std::string const& k) {
            auto const s = string_value(v, k);
            if (s != "full" && s != "normal")
                bad_value(k, "\"full\" or \"normal\"", v);
            c.store.database.synchronous = s;
        };
        m["store.backend"] = [](config& c, json const& v, std::string const& k) {
            auto const s = string_value(v, k);
            if (s != "sqlite" && s != "postgresql")
                bad_value(k, "\"sqlite\" or \"postgresql\"", v);
            c.store.database.backend = s;
        };
        m["store.postgresql.url"] = [](config& c, json const& v, std::string const& k) {
            c.store.database.postgresql_url = string_value(v, k);
        };
        m["cluster.node"] = [](config& c, json const& v, std::string const& k) {
            c.cluster.node = string_value(v, k);
        };
        m["cluster.lease_seconds"] = [](config& c, json const& v, std::string const& k) {
            c.cluster.lease = std::chrono::seconds(positive(v, k, 600));
        };
        m["cluster.idle_release_seconds"] = [](config& c, json const& v, std::string const& k) {
            c.cluster.idle_release = std::chrono::seconds(positive(v, k, 86400));
        };
        m["shutdown_timeout_seconds"] = [](config& c, json const& v, std::string const& k) {
            c.shutdown_timeout = std::chrono::seconds(positive(v, k, 3600));
        };
        m["metrics"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_boolean())
                bad_value(k, "true or false", v);
            c.metrics = v.get<bool>();
        };
        m["security.allowed_origins"] = [](config& c, json const& v, std::string const& k) {
            if (!v.is_array())
                bad_value(k, "a list of origins like \"https://example.org\"", v);
            c.net.allowed_origins.clear();
            for (auto const& o : v) {
                auto const s = o.is_string() ? o.get<std::string>() : std::string();
                if ((s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0) || s.back() == '/')
                    bad_value(k,
                              "a list of origins like \"https://example.org\" (scheme, "
                              "host, optional port, no path)",
                              o);
                c.net.allowed_origins.push_back(s);
            }
        };
        m["security.trusted_proxies"] = [](config& c, json const& v, std::string const& k) {
            auto const expected = "a list of proxy addresses or CIDR ranges like \"10.0.0.0/8\" "
                                  "or \"::1\"";
            if (!v.is_array())
                bad_value(k, expected, v);
            c.net.trusted_proxies.clear();
            for (auto const& p : v) {
                auto const range =
                    p.is_string() ? net::parse_address_range(p.get<std::string>()) : std::nullopt;
                if (!range)
                    bad_value(k, expected, p);
                c.net.trusted_proxies.push_back(*range);
            }
        };
        m["security.join_failures_per_minute"] = [](config& c, json const& v,
                                                    std::string const& k) {
            c.live.join_failures_per_minute = static_cast<double>(positive(v, k, 100000));
        };
        m["security.join_failure_burst"] = [](config& c, json const& v, std::string const& k) {
            c.live.join_failure_burst = static_cast<double>(positive(v, k, 100000));
        };
        m["security.sign_in_failures_per_minute"] = [](config& c, json const& v,
                                                       std::string const& k) {
            c.coordinators.sign_in_failures_per_minute =
                static_cast<double>(positive(v, k, 100000));
        };
        m["security.sign_in_failure_burst"] = [](config& c, json const& v, std::string const& k) {
            c.coordinators.sign_in_failure_burst = static_cast<double>(positive(v, k, 100000));
        };
        m["tls.certificate"] = [](config& c, json const& v, std::string const& k) {
            c.net.tls_certificate = string_value(v, k);
        };
        m["tls.private_key"] = [](config& c, json const& v, std::string const& k) {
            c.net.tls_private_key = string_value(v, k);
        };
        auto const site_text = [](std::string api::site_options::*field) {
            return [field](config& c, json const& v, std::string const& k) {
                c.coordinators.site.*field = string_value(v, k);
            };
        };
        m["site.public_url"] = [](config& c, json const& v, std::string const& k) {
            auto url = string_value(v, k);
            while (!url.empty() && url.back() == '/')
                url.pop_back();
            if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
                bad_value(k, "empty or an absolute http(s) address", v);
            c.coordinators.site.public_url = url;
        };
        m["site.body_name"] = site_text(&api::site_options::body_name);
        m["site.ipa_code"] = site_text(&api::site_options::ipa_code);
        // Linked from every page's footer: an absolute web address or nothing.
        m["site.accessibility_statement_url"] = [](config& c, json const& v, std::string const& k) {
            auto const url = string_value(v, k);
            if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
                bad_value(k, "empty or an absolute http(s) address", v);
            c.coordinators.site.accessibility_statement_url = url;
        };
        m["site.feedback_email"] = [](config& c, json const& v, std::string const& k) {
            auto const mail = string_value(v, k);
            if (!mail.empty() && mail.find('@') == std::string::npos)
                bad_value(k, "empty or an e-mail address", v);
            c.coordinators.site.feedback_email = mail;
        };
        m["open_data.licence_name"] = [](config& c, json const& v, std::string const& k) {
            c.coordinators.site.licence_name = string_value(v, k);
            if (c.coordinators.site.licence_name.empty())
                bad_value(k, "a licence name", v);
        };
        m["open_data.contact_email"] = [](config& c, json const& v, std::string const& k) {
            auto const mail = string_value(v, k);
            if (!mail.empty() && mail.find('@') == std::string::npos)
                bad_value(k, "empty or an e-mail address", v);
            c.coordinators.site.contact_email = mail;
        };
        m["open_data.licence_url"] = [](config& c, json const& v, std::string const& k) {
            auto const url = string_value(v, k);
            if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
                bad_value(k, "an absolute http(s) address", v);
            c.coordinators.site.licence_url = url;
        };
        m["store.max_batch"] =
            size_setter(&config::store, &store::write_queue_options::max_batch, 100000);
        return m;
    }();
    return s;
}

void apply_object(config& cfg, json const& obj, std::string const& prefix,
                  std::string const& origin) {
    for (auto const& [key, value] : obj.items()) {
        auto const full = prefix.empty() ? key : prefix + "." + key;
        if (full == "limits" || full == "store" || full == "meetings" || full == "clustering" ||
            full == "coordinators" || full == "security" || full == "tls" ||
            full == "store.postgresql" || full == "cluster" || full == "site" ||
            full == "open_data") {
            if (!value.is_object())
                throw config_error(origin + ": setting '" + full + "' must be an object");
            apply_object(cfg, value, full, origin);
            continue;
        }
        auto const it = setters().find(full);
        if (it == setters().end())
            throw config_error(origin + ": unknown setting '" + full + "'");
        try {
            it->second(cfg, value, full);
        } catch (config_error const& e) {
            throw config_error(origin + ": " + e.what());
        }
    }
}

} // namespace

config default_config() {
    config cfg;
    cfg.net.web_root = TAVOLO_WEB_ROOT_DEFAULT;
    cfg.vectors = TAVOLO_VECTORS_DEFAULT;
    return cfg;
}

void apply_config_json(config& cfg, std::string const& text, std::string const& origin) {
    json const doc = json::parse(text, nullptr, false, /*ignore_comments=*/true);
    if (doc.is_discarded())
        throw config_error(origin + ": not valid JSON");
    if (!doc.is_object())
        throw config_error(origin + ": the configuration must be a JSON object");
    apply_object(cfg, doc, "", origin);
    if (!cfg.cluster.node.empty() && cfg.store.database.backend != "postgresql")
        throw config_error(origin + ": cluster.node needs store.backend \"postgresql\": nodes "
                                    "share their meetings through it");
}

void apply_config_file(config& cfg, std::filesystem::path const& file) {
    std::ifstream in(file);
    if (!in)
        throw config_error("cannot read the configuration file " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    apply_config_json(cfg, text.str(), file.string());
}

config command_config(std::optional<std::string> const& config_file,
                      std::optional<std::string> const& data_dir) {
    auto cfg = default_config();
    if (config_file)
        apply_config_file(cfg, *config_file);
    if (data_dir)
        apply_config_json(cfg, json{{"data_dir", *data_dir}}.dump(), "command line");
    return cfg;
}

} // namespace tavolo::app
