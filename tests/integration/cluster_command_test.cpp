// `tavolo cluster`, the evaluation contract, on the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// Runs a shell command; returns (exit code, what it printed).
std::pair<int, std::string> shell(std::string const& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    while (auto n = std::fread(buf.data(), 1, buf.size(), p))
        out.append(buf.data(), n);
    int const status = pclose(p);
    return {WEXITSTATUS(status), out};
}

// Runs `tavolo cluster ARGS` with `input` on stdin; returns (exit code, output).
std::pair<int, std::string> run(std::string const& args, std::string const& input) {
    auto const in = std::string("/tmp/tavolo-cluster-in-") + std::to_string(::getpid());
    {
        FILE* f = std::fopen(in.c_str(), "w");
        std::fwrite(input.data(), 1, input.size(), f);
        std::fclose(f);
    }
    auto result = shell(std::string(TAVOLO_BINARY) + " cluster " + args + " < " + in + " 2>&1");
    std::remove(in.c_str());
    return result;
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

TEST_CASE("tavolo cluster --vectors groups texts that share no word", "[integration][cluster]") {
    std::string const input = R"({"id":"s1","text":"Telemedicina per i pazienti cronici"}
{"id":"t1","text":"Registro elettronico per le famiglie degli studenti"}
{"id":"s2","text":"Ospedali e medici di base collegati"}
{"id":"t2","text":"Laboratori informatici nelle scuole"}
{"id":"s3","text":"Referti sanitari consultabili online"}
{"id":"t3","text":"Formare gli insegnanti alla didattica digitale"}
)";
    auto const vectors =
        std::string(TAVOLO_SOURCE_DIR) + "/server/cluster/data/it-pa-stems-200.tvec";
    auto const [code, out] = run("--lang it --k 2 --vectors " + vectors, input);
    REQUIRE(code == 0);
    std::istringstream lines(out);
    std::map<std::string, int> cluster;
    for (std::string line; std::getline(lines, line);) {
        auto const row = nlohmann::json::parse(line);
        cluster[row["id"]] = row["cluster"];
    }
    CHECK(cluster["s1"] >= 0);
    CHECK(cluster["s1"] == cluster["s2"]);
    CHECK(cluster["s2"] == cluster["s3"]);
    CHECK(cluster["t1"] >= 0);
    CHECK(cluster["t1"] == cluster["t2"]);
    CHECK(cluster["t2"] == cluster["t3"]);
    CHECK(cluster["s1"] != cluster["t1"]);
    // The shipped vectors are the default, as in the server.
    auto const [default_code, by_default] = run("--lang it --k 2", input);
    CHECK(default_code == 0);
    CHECK(by_default == out);
    // Without vectors these texts share nothing to group by.
    auto const [plain_code, plain] = run("--lang it --vectors none", input);
    CHECK(plain_code == 0);
    CHECK(plain.find("\"cluster\":0") == std::string::npos);

    auto const [bad, message] = run("--vectors /nonexistent.vec", input);
    CHECK(bad == 1);
    CHECK(message.find("/nonexistent.vec") != std::string::npos);
}

TEST_CASE("tavolo serve refuses a vector file it cannot read, naming it",
          "[integration][cluster]") {
    auto const dir = std::string("/tmp/tavolo-vectors-") + std::to_string(::getpid());
    std::string const cmd = "mkdir -p " + dir + " && printf '{\"clustering\":{\"vectors\":\"" +
                            dir + "/missing.vec\"}}' > " + dir + "/c.json && " + TAVOLO_BINARY +
                            " serve --port 0 --data " + dir + "/data --config " + dir +
                            "/c.json 2>&1";
    auto const [status, out] = shell(cmd);
    shell("rm -rf " + dir);
    CHECK(status != 0);
    CHECK(out.find("missing.vec") != std::string::npos);
    CHECK(out.find("cannot be read") != std::string::npos);
}
