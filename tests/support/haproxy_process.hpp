// HAProxy in front of test nodes, with the shipped config/haproxy.cfg: its
// frontend and server lines are pointed at the test's ports, everything else
// (hashing of ?meeting=, health checks, redispatch) is the file as shipped.
// Runs in the foreground as the test's child and dies with it.
#pragma once

#include "support/temp_dir.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tavolo::test {

inline bool haproxy_available() {
    return ::access("/usr/sbin/haproxy", X_OK) == 0;
}

// A loopback TCP port free now (bound and released).
inline unsigned short free_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(
        ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

class haproxy_process {
public:
    explicit haproxy_process(std::vector<unsigned short> const& nodes) : port_(free_port()) {
        if (!haproxy_available())
            throw std::runtime_error("HAProxy is not installed: run scripts/setup --tests");
        std::ifstream in(std::string(TAVOLO_SOURCE_DIR) + "/config/haproxy.cfg");
        std::stringstream text;
        text << in.rdbuf();
        auto cfg = std::regex_replace(text.str(), std::regex(R"(\n    server [^\n]*)"), "");
        cfg = std::regex_replace(cfg, std::regex(R"(bind 127\.0\.0\.1:8080)"),
                                 "bind 127.0.0.1:" + std::to_string(port_));
        for (std::size_t i = 0; i < nodes.size(); ++i)
            cfg += "    server node" + std::to_string(i + 1) +
                   " 127.0.0.1:" + std::to_string(nodes[i]) + " check\n";
        auto const file = dir_ / "haproxy.cfg";
        std::ofstream(file) << cfg;
        pid_ = fork();
        if (pid_ < 0)
            throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
            execl("/usr/sbin/haproxy", "haproxy", "-db", "-f", file.c_str(), nullptr);
            _exit(127);
        }
        // Ready once a request through it reaches a node.
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (healthz() != 200) {
            if (std::chrono::steady_clock::now() > deadline)
                throw std::runtime_error("HAProxy did not start or reach a node");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ~haproxy_process() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    haproxy_process(haproxy_process const&) = delete;
    haproxy_process& operator=(haproxy_process const&) = delete;

    unsigned short port() const { return port_; }

    // The status of GET /healthz through the proxy (0: no answer).
    int healthz() const {
        try {
            boost::asio::io_context ioc;
            boost::asio::ip::tcp::socket s(ioc);
            s.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
            std::string const req =
                "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            boost::asio::write(s, boost::asio::buffer(req));
            boost::asio::streambuf buf;
            boost::asio::read_until(s, buf, "\r\n");
            std::istream line(&buf);
            std::string http;
            int status = 0;
            line >> http >> status;
            return status;
        } catch (std::exception const&) {
            return 0;
        }
    }

private:
    temp_dir dir_;
    unsigned short port_;
    pid_t pid_ = -1;
};

} // namespace tavolo::test
