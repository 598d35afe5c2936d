// Starts the real tavolo binary on an ephemeral loopback port with a data
// directory of the test's, reads its log until it states the URL, and stops it
// (SIGTERM) or kills it (SIGKILL).
#pragma once

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace tavolo::test {

class server_process {
public:
    // `file_size_limit` (bytes, 0: none) is set as the server's RLIMIT_FSIZE:
    // a write past it fails as on a full disk.
    explicit server_process(std::filesystem::path const& data_dir,
                            std::vector<std::string> extra = {},
                            std::uint64_t file_size_limit = 0) {
        int out[2];
        if (pipe2(out, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ < 0)
            throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            // The server dies with the test, even when the test aborts.
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (file_size_limit > 0) {
                rlimit r{file_size_limit, file_size_limit};
                setrlimit(RLIMIT_FSIZE, &r);
            }
            dup2(out[1], STDERR_FILENO);
            int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            std::vector<std::string> args{TAVOLO_BINARY, "serve",  "--port",
                                          "0",           "--data", data_dir.string()};
            args.insert(args.end(), extra.begin(), extra.end());
            std::vector<char*> argv;
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        log_ = fdopen(out[0], "r");
        // The first "listening" line carries the URL and the port.
        char* line = nullptr;
        std::size_t cap = 0;
        while (getline(&line, &cap, log_) > 0) {
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_object() && j.value("event", "") == "listening") {
                port_ = j["port"].get<unsigned short>();
                break;
            }
            if (j.is_object() && j.value("event", "") == "startup_failed") {
                free(line);
                throw std::runtime_error("tavolo did not start: " + j.dump());
            }
        }
        free(line);
        if (port_ == 0)
            throw std::runtime_error("tavolo exited before listening");
        // Keep reading, so the server never blocks on a full pipe.
        drain_ = std::thread([this] {
            char* l = nullptr;
            std::size_t c = 0;
            while (getline(&l, &c, log_) > 0) {
                std::lock_guard lock(mutex_);
                lines_.emplace_back(l);
            }
            free(l);
        });
    }

    // Log lines written after "listening".
    std::vector<std::string> log_lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }

    ~server_process() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (drain_.joinable())
            drain_.join();
        if (log_)
            fclose(log_);
    }

    server_process(server_process const&) = delete;
    server_process& operator=(server_process const&) = delete;

    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }

    // SIGKILL: no chance to flush or say goodbye.
    void kill() { stop_with(SIGKILL); }
    // SIGTERM; returns the exit status.
    int terminate() { return stop_with(SIGTERM); }
    // Waits for the server to exit by itself; its exit status.
    int wait() {
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    // Whether some log line (after "listening") contains `text`.
    bool logged(std::string const& text) const {
        std::lock_guard lock(mutex_);
        for (auto const& l : lines_)
            if (l.find(text) != std::string::npos)
                return true;
        return false;
    }

private:
    int stop_with(int sig) {
        int status = 0;
        ::kill(pid_, sig);
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    pid_t pid_ = -1;
    FILE* log_ = nullptr;
    unsigned short port_ = 0;
    std::thread drain_;
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

} // namespace tavolo::test
