#include "cluster_command.hpp"

#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace tavolo::app {

int run_cluster_command(std::vector<std::string> const& args, std::istream& in, std::ostream& out,
                        std::ostream& err) {
    cluster::cluster_options options;
    std::optional<cluster::word_vectors> vectors;
    // The server's engine by default: the shipped word vectors.
    std::string vectors_file = TAVOLO_VECTORS_DEFAULT;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        if (i + 1 >= args.size()) {
            err << "tavolo cluster: option '" << a << "' needs a value\n";
            return 2;
        }
        auto const& value = args[++i];
        if (a == "--lang") {
            if (value == "auto")
                options.lang.reset();
            else if (auto l = cluster::language_from_string(value))
                options.lang = l;
            else {
                err << "tavolo cluster: --lang must be it, en or auto, not '" << value << "'\n";
                return 2;
            }
        } else if (a == "--k") {
            std::size_t k = 0;
            auto const [p, ec] = std::from_chars(value.data(), value.data() + value.size(), k);
            if (ec != std::errc() || p != value.data() + value.size() || k == 0) {
                err << "tavolo cluster: --k must be a positive number, not '" << value << "'\n";
                return 2;
            }
            options.k = k;
        } else if (a == "--vectors") {
            vectors_file = value == "none" ? "" : value;
        } else {
            err << "tavolo cluster: unknown option '" << a << "'\n";
            return 2;
        }
    }

    if (!vectors_file.empty()) {
        try {
            vectors.emplace(cluster::word_vectors::load(vectors_file));
        } catch (std::exception const& e) {
            err << "tavolo cluster: " << e.what() << " (--vectors none clusters by words only)\n";
            return 1;
        }
        options.vectors = &*vectors;
    }

    std::vector<std::string> ids, texts;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        auto const j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("text") || !j["text"].is_string() || !j.contains("id") ||
            !(j["id"].is_string() || j["id"].is_number_integer())) {
            err << "tavolo cluster: line " << number
                << " must be a JSON object with \"id\" and \"text\"\n";
            return 1;
        }
        ids.push_back(j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump());
        texts.push_back(j["text"].get<std::string>());
    }
    auto const result = cluster::cluster_texts(texts, options);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto const g = result.assignment[i];
        out << nlohmann::ordered_json{{"id", ids[i]},
                                      {"cluster", g},
                                      {"title",
                                       g < 0 ? ""
                                             : result.groups[static_cast<std::size_t>(g)].title}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
    }
    return 0;
}

} // namespace tavolo::app
