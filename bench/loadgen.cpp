// tavolo's load generator: opens N participant connections across M meetings
// on loopback, has some of them submit at a given rate, and measures what the
// busiest users would feel and what the server pays for it:
//
//   - delivery latency, from a submit to its receipt by every other
//     participant of the meeting (p50, p95, p99, max);
//   - deliveries per second;
//   - the server's CPU seconds per 1,000 deliveries and its resident memory
//     per connected participant (from /proc, with --server-pid);
//   - with --storm, how long it takes N participants to join one meeting.
//
// It checks that every participant received every contribution of its
// meeting exactly once and every event in seq order, and reports any loss,
// gap or duplicate as a failure (exit code 1).
//
// Meetings: with --coordinator NAME:PASSWORD it signs in to tavolo's API and
// makes M fresh meetings (opened for collecting); with --codes it joins the
// meetings given (for the peer server in bench/peers, which makes a meeting
// for any code). One thread, one io_context: on a 2-core machine the
// generator takes one core and leaves the other to the server.
//
// usage: loadgen --port P [--host H] (--coordinator NAME:PASSWORD | --codes A,B,...)
//                [--meetings M] [--participants N] [--senders S] [--rate R]
//                [--seconds T] [--server-pid PID[,PID...]] [--storm] [--label TEXT]
// N is per meeting; S senders per meeting share R submissions a second per
// meeting. Prints one JSON object of figures on the last line.
#include "tavolo/net/ws_frame.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

namespace {

struct options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string coordinator; // NAME:PASSWORD
    std::vector<std::string> codes;
    int meetings = 1;
    int participants = 50; // per meeting
    int senders = 1;       // per meeting
    double rate = 1;       // submissions a second per meeting
    double seconds = 10;
    std::vector<int> server_pids; // several nodes: their costs are added up
    bool storm = false;
    std::string label;
};

[[noreturn]] void usage(std::string const& why) {
    std::cerr << "loadgen: " << why
              << "\nusage: loadgen --port P [--host H] (--coordinator NAME:PASSWORD | --codes "
                 "A,B,...) [--meetings M] [--participants N] [--senders S] [--rate R] "
                 "[--seconds T] [--server-pid PID[,PID...]] [--storm] [--label TEXT]\n";
    std::exit(2);
}

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage("missing value after " + a);
            return argv[++i];
        };
        if (a == "--host")
            o.host = value();
        else if (a == "--port")
            o.port = static_cast<unsigned short>(std::stoi(value()));
        else if (a == "--coordinator")
            o.coordinator = value();
        else if (a == "--codes") {
            std::stringstream in(value());
            for (std::string c; std::getline(in, c, ',');)
                if (!c.empty())
                    o.codes.push_back(c);
        } else if (a == "--meetings")
            o.meetings = std::stoi(value());
        else if (a == "--participants")
            o.participants = std::stoi(value());
        else if (a == "--senders")
            o.senders = std::stoi(value());
        else if (a == "--rate")
            o.rate = std::stod(value());
        else if (a == "--seconds")
            o.seconds = std::stod(value());
        else if (a == "--server-pid") {
            std::istringstream list(value());
            for (std::string pid; std::getline(list, pid, ',');)
                o.server_pids.push_back(std::stoi(pid));
        } else if (a == "--storm")
            o.storm = true;
        else if (a == "--label")
            o.label = value();
        else
            usage("unknown argument " + a);
    }
    if (!o.port)
        usage("--port is needed");
    if (o.coordinator.empty() && o.codes.empty())
        usage("--coordinator or --codes is needed");
    if (!o.codes.empty())
        o.meetings = static_cast<int>(o.codes.size());
    if (o.meetings < 1 || o.participants < 1 || o.senders < 0 || o.senders > o.participants)
        usage("bad counts");
    return o;
}

// --- the server's costs, from /proc -------------------------------------------------

double cpu_seconds(int pid);
long rss_kib(int pid);

double cpu_seconds(std::vector<int> const& pids) {
    double sum = 0;
    for (auto const pid : pids)
        sum += cpu_seconds(pid);
    return sum;
}

long rss_kib(std::vector<int> const& pids) {
    long sum = 0;
    for (auto const pid : pids)
        sum += rss_kib(pid);
    return sum;
}

double cpu_seconds(int pid) {
    if (!pid)
        return 0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), {});
    auto const close = s.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream rest(s.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stoull(field);
        if (i == 15)
            stime = std::stoull(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long rss_kib(int pid) {
    if (!pid)
        return 0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

void raise_file_limit() {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

// --- tavolo's API: sign in, make and open meetings --------------------------------------

struct http_client {
    std::string host;
    unsigned short port;
    std::string cookie;

    json call(http::verb verb, std::string const& target, json const& body = nullptr) {
        asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        stream.connect(tcp::endpoint(asio::ip::make_address(host), port));
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, host + ":" + std::to_string(port));
        // Changes are accepted from tavolo's own pages only (docs/api.md).
        req.set(http::field::origin, "http://" + host + ":" + std::to_string(port));
        if (!cookie.empty())
            req.set(http::field::cookie, cookie);
        if (!body.is_null()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body.dump();
        }
        req.prepare_payload();
        http::write(stream, req);
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        if (auto const set = res[http::field::set_cookie]; !set.empty())
            cookie = std::string(set.substr(0, set.find(';')));
        if (res.result_int() >= 300)
            throw std::runtime_error(target + ": HTTP " + std::to_string(res.result_int()) + " " +
                                     res.body());
        return json::parse(res.body());
    }
};

std::vector<std::string> make_meetings(options const& o) {
    http_client api{o.host, o.port, {}};
    auto const colon = o.coordinator.find(':');
    if (colon == std::string::npos)
        usage("--coordinator wants NAME:PASSWORD");
    api.call(
        http::verb::post, "/api/v1/session",
        {{"name", o.coordinator.substr(0, colon)}, {"password", o.coordinator.substr(colon + 1)}});
    std::vector<std::string> codes;
    for (int i = 0; i < o.meetings; ++i) {
        auto const made = api.call(
            http::verb::post, "/api/v1/communities/demo/meetings",
            {{"title", "Carico " + std::to_string(i + 1)}, {"scheduled_on", "2027-03-01"}});
        auto const id = made["meeting"]["id"].get<std::int64_t>();
        api.call(http::verb::post, "/api/v1/meetings/" + std::to_string(id) + "/open");
        codes.push_back(made["meeting"]["join_code"]);
    }
    return codes;
}

// --- the frames, read without a full parse (the generator must stay cheap) ---------

std::string_view string_field(std::string_view frame, std::string_view key) {
    auto const at = frame.find(key);
    if (at == std::string_view::npos)
        return {};
    auto const start = at + key.size();
    auto const end = frame.find('"', start);
    return end == std::string_view::npos ? std::string_view{} : frame.substr(start, end - start);
}

std::optional<std::int64_t> int_field(std::string_view frame, std::string_view key) {
    auto const at = frame.find(key);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::int64_t v = 0;
    auto const* begin = frame.data() + at + key.size();
    auto const [end, ec] = std::from_chars(begin, frame.data() + frame.size(), v);
    if (ec != std::errc())
        return std::nullopt;
    return v;
}

// --- participants ---------------------------------------------------------------------

struct meeting;

struct stats {
    std::vector<double> latencies_ms;
    std::int64_t deliveries = 0;
    std::int64_t failures = 0;
    std::vector<std::string> failure_notes;
    int joined = 0;
    int connect_errors = 0;
    void fail(std::string note) {
        ++failures;
        if (failure_notes.size() < 10)
            failure_notes.push_back(std::move(note));
    }
};

class participant : public std::enable_shared_from_this<participant> {
public:
    participant(asio::io_context& ioc, meeting& m, int index, stats& st)
        : ws_(ioc), retry_(ioc), meeting_(m), index_(index), stats_(st) {}

    void start(tcp::endpoint ep, std::string host, std::function<void()> on_joined);
    void submit(std::string id, std::string const& text);
    void close() {
        beast::error_code ec;
        ws_.next_layer().socket().close(ec);
    }

    std::int64_t contributions_seen = 0;
    bool joined = false;

private:
    void read();
    void parse_frames();
    void on_frame(std::string_view frame);
    void send_join();
    void queue_frame(unsigned opcode, std::string_view payload);
    void write_next();

    // Beast makes the connection and the handshake; after it, frames are read
    // and written here, straight on the socket: Beast's per-message read
    // operation cost the generator about 12 us a message, and at 100,000
    // messages a second the generator then took a whole core away from the
    // server it measures. Nothing arrives before the join, so no bytes are
    // left in Beast's buffer after the handshake.
    websocket::stream<beast::tcp_stream> ws_;
    asio::steady_timer retry_; // a join answered meeting_moving goes again, as the page's
    meeting& meeting_;
    int index_;
    stats& stats_;
    std::vector<char> in_ = std::vector<char>(4096); // bytes read, not yet parsed
    std::size_t have_ = 0;
    std::vector<std::string> out_; // encoded frames waiting to be written
    std::uint32_t mask_state_ = 0;
    bool writing_ = false;
    std::int64_t last_seq_ = -1;
    std::function<void()> on_joined_;
};

struct meeting {
    std::string code;
    std::vector<std::shared_ptr<participant>> people;
    struct sent_at {
        clock_type::time_point when;
        int sender = 0; // the participant's index
    };
    std::unordered_map<std::string, sent_at> sent; // contribution id -> when, by whom
    std::int64_t acked = 0;
    std::int64_t next_sender = 0;
    int senders = 1;
};

void participant::start(tcp::endpoint ep, std::string host, std::function<void()> on_joined) {
    on_joined_ = std::move(on_joined);
    beast::get_lowest_layer(ws_).async_connect(
        ep, [self = shared_from_this(), host = std::move(host)](beast::error_code ec) {
            if (ec) {
                ++self->stats_.connect_errors;
                self->stats_.fail("connect: " + ec.message());
                self->on_joined_();
                return;
            }
            // As the page does: a load balancer routes by the meeting.
            auto const target = "/ws?meeting=" + self->meeting_.code;
            self->ws_.async_handshake(host, target, [self](beast::error_code ec) {
                if (ec) {
                    ++self->stats_.connect_errors;
                    self->stats_.fail("handshake: " + ec.message());
                    self->on_joined_();
                    return;
                }
                self->mask_state_ = 0x9e3779b9u * static_cast<std::uint32_t>(self->index_ + 1);
                self->send_join();
                self->read();
            });
        });
}

void participant::submit(std::string id, std::string const& text) {
    meeting_.sent.emplace(id, meeting::sent_at{clock_type::now(), index_});
    queue_frame(
        0x1, json{{"type", "submit"}, {"ref", id}, {"id", id}, {"kind", "proposal"}, {"text", text}}
                 .dump());
}

// A client frame (RFC 6455, 5.2): final, masked.
void participant::queue_frame(unsigned opcode, std::string_view payload) {
    auto const n = payload.size();
    auto f = tavolo::net::frame_header(opcode, n, true);
    f.reserve(f.size() + 4 + n);
    mask_state_ = mask_state_ * 1664525u + 1013904223u;
    char key[4];
    for (int i = 0; i < 4; ++i)
        key[i] = static_cast<char>(mask_state_ >> (8 * i));
    f.append(key, 4);
    for (std::size_t i = 0; i < n; ++i)
        f.push_back(static_cast<char>(payload[i] ^ key[i % 4]));
    out_.push_back(std::move(f));
    write_next();
}

void participant::write_next() {
    if (writing_ || out_.empty())
        return;
    writing_ = true;
    auto frame = std::make_shared<std::string>(std::move(out_.front()));
    out_.erase(out_.begin());
    asio::async_write(beast::get_lowest_layer(ws_).socket(), asio::buffer(*frame),
                      [self = shared_from_this(), frame](beast::error_code ec, std::size_t) {
                          self->writing_ = false;
                          if (ec)
                              return;
                          self->write_next();
                      });
}

void participant::read() {
    if (have_ == in_.size())
        in_.resize(in_.size() * 2);
    beast::get_lowest_layer(ws_).socket().async_read_some(
        asio::buffer(in_.data() + have_, in_.size() - have_),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
            if (ec)
                return; // closed at the end, or by the server (counted as loss)
            self->have_ += n;
            self->parse_frames();
            self->read();
        });
}

// Every complete server frame in in_: unmasked, and never fragmented by
// tavolo or the peer.
void participant::parse_frames() {
    std::size_t pos = 0;
    while (have_ - pos >= 2) {
        auto const* p = reinterpret_cast<unsigned char const*>(in_.data() + pos);
        auto const opcode = p[0] & 0x0fu;
        std::uint64_t len = p[1] & 0x7fu;
        std::size_t header = 2;
        if (p[1] & 0x80u) {
            stats_.fail("a masked frame from the server");
            return close();
        }
        if (len == 126) {
            header = 4;
            if (have_ - pos < header)
                break;
            len = (std::uint64_t{p[2]} << 8) | p[3];
        } else if (len == 127) {
            header = 10;
            if (have_ - pos < header)
                break;
            len = 0;
            for (int i = 2; i < 10; ++i)
                len = (len << 8) | p[i];
        }
        if (have_ - pos < header + len)
            break;
        std::string_view const payload(in_.data() + pos + header, len);
        pos += header + len;
        if (opcode == 0x1 && (p[0] & 0x80u)) {
            on_frame(payload);
        } else if (opcode == 0x9) {
            queue_frame(0xA, payload); // pong
        } else if (opcode == 0x8 || opcode == 0xA) {
            // close (the connection ends; loss is counted) or pong
        } else {
            stats_.fail("unexpected frame, opcode " + std::to_string(opcode));
            return close();
        }
    }
    if (pos > 0) {
        std::copy(in_.begin() + static_cast<std::ptrdiff_t>(pos),
                  in_.begin() + static_cast<std::ptrdiff_t>(have_), in_.begin());
        have_ -= pos;
    }
}

void participant::send_join() {
    queue_frame(0x1, json{{"type", "join"},
                          {"ref", "j"},
                          {"code", meeting_.code},
                          {"name", "P" + std::to_string(index_)},
                          {"organization", "Ente di carico"}}
                         .dump());
}

void participant::on_frame(std::string_view frame) {
    auto const type = string_field(frame, "\"type\":\"");
    if (type == "ack") {
        auto const ref = string_field(frame, "\"ref\":\"");
        if (ref == "j") {
            // The welcome: events follow from its seq.
            last_seq_ = int_field(frame, "\"seq\":").value_or(0);
            joined = true;
            ++stats_.joined;
            on_joined_();
        } else {
            ++meeting_.acked;
        }
        return;
    }
    if (type == "error" && string_field(frame, "\"code\":\"") == "meeting_moving") {
        // Several nodes: the meeting is on its way to this one.
        retry_.expires_after(
            std::chrono::milliseconds(int_field(frame, "\"retry_after_ms\":").value_or(500)));
        retry_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->send_join();
        });
        return;
    }
    if (type == "error") {
        stats_.fail("error frame: " + std::string(frame.substr(0, 200)));
        return;
    }
    auto const seq = int_field(frame, "\"seq\":");
    if (!seq)
        return; // presence
    if (*seq != last_seq_ + 1)
        stats_.fail("participant " + std::to_string(index_) + " of " + meeting_.code + ": seq " +
                    std::to_string(*seq) + " after " + std::to_string(last_seq_));
    last_seq_ = *seq;
    if (type != "contribution")
        return;
    ++contributions_seen;
    ++stats_.deliveries;
    auto const id = string_field(frame, "\"id\":\"");
    auto const it = meeting_.sent.find(std::string(id));
    if (it == meeting_.sent.end())
        return;
    if (it->second.sender != index_) // to every other participant
        stats_.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(clock_type::now() - it->second.when).count());
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty())
        return 0;
    auto const k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

} // namespace

int main(int argc, char** argv) {
    auto const o = parse(argc, argv);
    raise_file_limit();
    std::vector<std::string> codes;
    try {
        codes = o.codes.empty() ? make_meetings(o) : o.codes;
    } catch (std::exception const& e) {
        std::cerr << "loadgen: setting up the meetings failed: " << e.what() << "\n";
        return 2;
    }

    asio::io_context ioc(1);
    stats st;
    std::vector<meeting> meetings(codes.size());
    tcp::endpoint const ep(asio::ip::make_address(o.host), o.port);
    auto const host = o.host + ":" + std::to_string(o.port);
    int const total = o.participants * static_cast<int>(codes.size());
    auto const rss_before = rss_kib(o.server_pids);

    // Connect everyone; a few hundred at a time unless it is a join storm.
    int started = 0, settled = 0;
    int const window = o.storm ? total : 500;
    auto const t_join = clock_type::now();
    std::function<void()> next;
    auto on_settled = [&] {
        ++settled;
        next();
    };
    next = [&] {
        while (started < total && started - settled < window) {
            auto& m = meetings[static_cast<std::size_t>(started % static_cast<int>(codes.size()))];
            auto p = std::make_shared<participant>(ioc, m, started, st);
            m.people.push_back(p);
            ++started;
            p->start(ep, host, on_settled);
        }
    };
    for (std::size_t i = 0; i < codes.size(); ++i) {
        meetings[i].code = codes[i];
        meetings[i].senders = o.senders;
    }
    next();
    while (settled < total)
        ioc.run_one();
    auto const join_seconds = std::chrono::duration<double>(clock_type::now() - t_join).count();

    // Idle, all connected: the server's memory per participant.
    auto const idle_deadline = clock_type::now() + std::chrono::milliseconds(500);
    while (clock_type::now() < idle_deadline)
        ioc.run_for(std::chrono::milliseconds(50));
    auto const rss_connected = rss_kib(o.server_pids);

    // Submissions: each meeting's senders take turns at `rate` a second.
    auto const cpu_before = cpu_seconds(o.server_pids);
    auto const deliveries_before = st.deliveries;
    std::int64_t submitted = 0;
    auto const t_run = clock_type::now();
    auto const run_end = t_run + std::chrono::duration_cast<clock_type::duration>(
                                     std::chrono::duration<double>(o.seconds));
    std::vector<std::unique_ptr<asio::steady_timer>> timers;
    std::vector<std::unique_ptr<std::function<void(clock_type::time_point)>>> schedules;
    if (o.senders > 0 && o.rate > 0 && !o.storm) {
        auto const period = std::chrono::duration_cast<clock_type::duration>(
            std::chrono::duration<double>(1.0 / o.rate));
        for (std::size_t i = 0; i < meetings.size(); ++i) {
            auto timer = std::make_unique<asio::steady_timer>(ioc);
            // Meetings start spread over one period, not all at once.
            auto first = t_run + period * static_cast<long>(i) / static_cast<long>(meetings.size());
            auto* t = timer.get();
            auto* m = &meetings[i];
            // Owned by `schedules`; the lambdas hold a plain pointer (no cycle).
            auto* schedule =
                schedules
                    .emplace_back(std::make_unique<std::function<void(clock_type::time_point)>>())
                    .get();
            *schedule = [&, t, m, period, schedule](clock_type::time_point at) {
                if (at >= run_end)
                    return;
                t->expires_at(at);
                t->async_wait([&, m, at, period, schedule](beast::error_code ec) {
                    if (ec)
                        return;
                    auto const k = static_cast<std::size_t>(m->next_sender++ % m->senders);
                    auto const& who = m->people[k];
                    if (who->joined) {
                        auto id = "s" + std::to_string(submitted++);
                        who->submit(id, "Proposta di carico numero " + id);
                    }
                    (*schedule)(at + period);
                });
            };
            (*schedule)(first);
            timers.push_back(std::move(timer));
        }
    }
    ioc.run_until(run_end);
    // Drain: let the last submissions arrive everywhere, and their acks
    // (which follow the submitter's own copy). A server that falls behind
    // delivers late, not never: wait while deliveries still come (up to
    // 60 s); what has not come when they stop is lost.
    auto last_progress = clock_type::now();
    auto seen_before = st.deliveries;
    auto const drain_limit = clock_type::now() + std::chrono::seconds(60);
    while (clock_type::now() < drain_limit &&
           clock_type::now() - last_progress < std::chrono::seconds(3)) {
        bool done = true;
        for (auto const& m : meetings) {
            if (m.acked < static_cast<std::int64_t>(m.sent.size()))
                done = false;
            for (auto const& p : m.people)
                if (p->joined && p->contributions_seen < static_cast<std::int64_t>(m.sent.size()))
                    done = false;
        }
        if (done)
            break;
        ioc.run_for(std::chrono::milliseconds(20));
        if (st.deliveries != seen_before) {
            seen_before = st.deliveries;
            last_progress = clock_type::now();
        }
    }
    auto const run_seconds = std::chrono::duration<double>(clock_type::now() - t_run).count();
    auto const cpu_after = cpu_seconds(o.server_pids);
    auto const deliveries = st.deliveries - deliveries_before;

    // Exactly once: every joined participant saw each contribution of its
    // meeting once (seq checks caught gaps, duplicates and disorder).
    std::int64_t lost = 0;
    for (auto const& m : meetings)
        for (auto const& p : m.people) {
            if (!p->joined) {
                ++lost;
                continue;
            }
            auto const expected = static_cast<std::int64_t>(m.sent.size());
            if (p->contributions_seen != expected) {
                lost += std::max<std::int64_t>(1, std::abs(expected - p->contributions_seen));
                st.fail("a participant of " + m.code + " saw " +
                        std::to_string(p->contributions_seen) + " of " + std::to_string(expected));
            }
        }
    std::int64_t acked = 0;
    for (auto const& m : meetings)
        acked += m.acked;
    for (auto& m : meetings)
        for (auto& p : m.people)
            p->close();
    ioc.poll();

    auto lat = st.latencies_ms;
    json out{{"label", o.label},
             {"meetings", meetings.size()},
             {"participants", total},
             {"joined", st.joined},
             {"join_seconds", join_seconds},
             {"submitted", submitted},
             {"acked", acked},
             {"deliveries", deliveries},
             {"deliveries_per_second",
              run_seconds > 0 ? static_cast<double>(deliveries) / run_seconds : 0},
             {"latency_ms",
              {{"p50", percentile(lat, 0.50)},
               {"p95", percentile(lat, 0.95)},
               {"p99", percentile(lat, 0.99)},
               {"max", lat.empty() ? 0 : *std::max_element(lat.begin(), lat.end())}}},
             {"lost", lost},
             {"failures", st.failures},
             {"failure_notes", st.failure_notes}};
    if (!o.server_pids.empty()) {
        out["server_cpu_seconds"] = cpu_after - cpu_before;
        out["server_cpu_seconds_per_1000_deliveries"] =
            deliveries ? (cpu_after - cpu_before) * 1000.0 / static_cast<double>(deliveries) : 0;
        out["deliveries_per_server_cpu_second"] =
            cpu_after > cpu_before ? static_cast<double>(deliveries) / (cpu_after - cpu_before) : 0;
        out["server_rss_kib_before"] = rss_before;
        out["server_rss_kib_connected"] = rss_connected;
        out["server_kib_per_participant"] =
            total ? static_cast<double>(rss_connected - rss_before) / total : 0;
    }
    std::cout << out.dump() << std::endl;
    return st.failures == 0 && lost == 0 && st.joined == total ? 0 : 1;
}
