// One throwaway PostgreSQL server per test process, for the store's tests on
// PostgreSQL: started on first use of shared() by scripts/postgres-temp
// (Debian's binaries, a Unix socket in a temporary directory, in memory when
// /dev/shm is there, fsync off), stopped and its directory removed at exit.
// A test process that crashes or is killed leaves nothing behind either: the
// script stops the server and removes the directory once this process has
// gone (its --owner watcher). Any thread may call it; each fresh_database()
// is a new empty database, so tests sharing the server do not see each other.
#pragma once

#include "support/temp_dir.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tavolo::test {

// Whether Debian's PostgreSQL server binaries are installed (the script looks
// for the same): callers fail with a clear message when they are not.
inline bool postgres_available() {
    std::error_code ec;
    for (auto const& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
        if (access((entry.path() / "bin" / "initdb").c_str(), X_OK) == 0)
            return true;
    return false;
}

class postgres_server {
public:
    // The process's server, started on the first call (about 0.7 s).
    static postgres_server& shared() {
        static postgres_server server;
        return server;
    }

    postgres_server(postgres_server const&) = delete;
    postgres_server& operator=(postgres_server const&) = delete;

    ~postgres_server() {
        try {
            run_script({"stop", cluster_.string()});
        } catch (...) {
            // The --owner watcher stops it once the process has gone.
        }
    }

    // The database `tavolo`, made with the server.
    std::string url() const { return url_; }

    // A new empty database (a copy of template1) of its own name.
    std::string fresh_database() {
        std::string name = "test_" + std::to_string(++databases_);
        std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url_.c_str()), &PQfinish);
        if (PQstatus(conn.get()) != CONNECTION_OK)
            throw std::runtime_error("cannot connect to " + url_ + ": " +
                                     PQerrorMessage(conn.get()));
        // FILE_COPY copies the template's files instead of logging every page:
        // twice as fast here, and its checkpoint is cheap with fsync off.
        std::string sql = "CREATE DATABASE " + name + " STRATEGY FILE_COPY";
        std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()),
                                                             &PQclear);
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
            throw std::runtime_error(sql + ": " + PQerrorMessage(conn.get()));
        // The script's URL is postgresql://tavolo@/tavolo?host=DIR.
        return "postgresql://tavolo@/" + name + url_.substr(url_.find('?'));
    }

private:
    // In memory where there is a tmpfs: initdb writes 40 MB, 0.45 s on tmpfs
    // against 1.5 s on this machine's disk, and the cluster is thrown away.
    static std::filesystem::path base_directory() {
        return access("/dev/shm", W_OK | X_OK) == 0 ? std::filesystem::path("/dev/shm")
                                                    : std::filesystem::temp_directory_path();
    }

    postgres_server() : dir_(base_directory()), cluster_(dir_.path()) {
        if (!postgres_available())
            throw std::runtime_error("PostgreSQL is not installed: run scripts/setup --tests");
        std::string out =
            run_script({"start", cluster_.string(), "--fast", "--owner", std::to_string(getpid())});
        // The URL is the last line; a warning would come before it.
        while (!out.empty() && out.back() == '\n')
            out.pop_back();
        url_ = out.substr(out.find_last_of('\n') + 1);
        if (url_.rfind("postgresql://", 0) != 0)
            throw std::runtime_error("scripts/postgres-temp start printed no URL: " + out);
    }

    // Runs scripts/postgres-temp with `args`; returns its stdout and stderr
    // together, and throws with them when it fails. The child keeps no
    // descriptor of ours: the server and the watcher it leaves behind would
    // otherwise hold this process's pipes and sockets open.
    static std::string run_script(std::vector<std::string> args) {
        args.insert(args.begin(), TAVOLO_SOURCE_DIR "/scripts/postgres-temp");
        args.insert(args.begin(), "/bin/bash");
        int out[2];
        if (pipe2(out, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe failed");
        pid_t pid = fork();
        if (pid < 0)
            throw std::runtime_error("fork failed");
        if (pid == 0) {
            dup2(out[1], STDOUT_FILENO);
            dup2(out[1], STDERR_FILENO);
            close_range(3, ~0U, 0);
            std::vector<char*> argv;
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        std::string text;
        char buffer[4096];
        for (;;) {
            ssize_t n = read(out[0], buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            text.append(buffer, static_cast<std::size_t>(n));
        }
        close(out[0]);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error("scripts/postgres-temp " + args[2] + " failed: " + text);
        return text;
    }

    temp_dir dir_; // outlives the server: members are destroyed after ~postgres_server
    std::filesystem::path cluster_;
    std::string url_;
    std::atomic<int> databases_{0};
};

// The first column of a query's rows, on the database at `url`, as text
// (empty when the query fails): what tests check in the store.
inline std::vector<std::string> query_column(std::string const& url, std::string const& sql) {
    PGconn* c = PQconnectdb(url.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    std::vector<std::string> out;
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        for (int i = 0; i < PQntuples(r); ++i)
            out.emplace_back(PQgetvalue(r, i, 0));
    PQclear(r);
    PQfinish(c);
    return out;
}

// The first row's first column as a number (-1 when the query fails).
inline std::int64_t query_count(std::string const& url, std::string const& sql) {
    auto const rows = query_column(url, sql);
    return rows.empty() ? -1 : std::stoll(rows[0]);
}

} // namespace tavolo::test
