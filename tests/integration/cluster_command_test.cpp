// `tavolo cluster`, the evaluation contract, on the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// Runs `tavolo cluster ARGS` with `input` on stdin; returns (exit code, stdout).
std::pair<int, std::string> run(std::string const& args, std::string const& input) {
    auto const in = std::string("/tmp/tavolo-cluster-in-") + std::to_string(::getpid());
    {
        FILE* f = std::fopen(in.c_str(), "w");
        std::fwrite(input.data(), 1, input.size(), f);
        std::fclose(f);
    }
    std::string const cmd = std::string(TAVOLO_BINARY) + " cluster " + args + " < " + in + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    while (auto n = std::fread(buf.data(), 1, buf.size(), p))
        out.append(buf.data(), n);
    int const status = pclose(p);
    std::remove(in.c_str());
    return {WEXITSTATUS(status), out};
}

} // namespace

TEST_CASE("tavolo cluster reads JSON lines and answers one line per input, in order",
          "[integration][cluster]") {
    std::string const input = R"({"id":"a","text":"Formazione del personale sul cloud"}
{"id":"b","text":"Dati aperti dei comuni"}
{"id":"c","text":"Corsi di formazione sul cloud"}
{"id":"d","text":"Pubblicare dati aperti"}
{"id":7,"text":"Bici"}
)";
    auto const [code, out] = run("--lang it", input);
    REQUIRE(code == 0);
    std::istringstream lines(out);
    std::vector<nlohmann::json> rows;
    for (std::string line; std::getline(lines, line);)
        rows.push_back(nlohmann::json::parse(line));
    REQUIRE(rows.size() == 5);
    CHECK(rows[0]["id"] == "a");
    CHECK(rows[4]["id"] == "7");
    CHECK(rows[0]["cluster"] == rows[2]["cluster"]);
    CHECK(rows[1]["cluster"] == rows[3]["cluster"]);
    CHECK(rows[0]["cluster"] != rows[1]["cluster"]);
    CHECK(rows[4]["cluster"] == -1);
    CHECK(rows[4]["title"] == "");
    CHECK_FALSE(rows[0]["title"].get<std::string>().empty());
    // The keys in the contract's order.
    CHECK(out.rfind(R"({"id":"a","cluster":)", 0) == 0);
}

TEST_CASE("tavolo cluster refuses bad input with the line number", "[integration][cluster]") {
    auto const [code, out] = run("", "{\"id\":\"a\",\"text\":\"ok\"}\nnot json\n");
    CHECK(code == 1);
    CHECK(out.find("line 2") != std::string::npos);
    CHECK(run("--lang fr", "").first == 2);
    CHECK(run("--k 0", "").first == 2);
    CHECK(run("--colour red", "").first == 2);
}
