#include "vectors_command.hpp"

#include "tavolo/cluster/text_analyzer.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include <charconv>
#include <chrono>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <unordered_map>

namespace tavolo::app {
namespace {

int prepare(std::vector<std::string> const& args, std::istream& in, std::ostream& out,
            std::ostream& err) {
    cluster::language lang = cluster::language::it;
    bool stems = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--stems") {
            stems = true;
        } else if (args[i] == "--lang" && i + 1 < args.size()) {
            auto const l = cluster::language_from_string(args[++i]);
            if (!l) {
                err << "tavolo vectors prepare: --lang must be it or en\n";
                return 2;
            }
            lang = *l;
        } else {
            err << "tavolo vectors prepare: unknown option '" << args[i] << "'\n";
            return 2;
        }
    }
    cluster::text_analyzer analyzer;
    std::string line, joined;
    while (std::getline(in, line)) {
        auto const a = analyzer.analyze(line, lang);
        auto const& tokens = stems ? a.terms : a.words;
        if (tokens.size() < 2)
            continue; // nothing to learn from a lone word
        joined.clear();
        for (auto const& t : tokens) {
            if (!joined.empty())
                joined += ' ';
            joined += t;
        }
        out << joined << '\n';
    }
    return 0;
}

int pack(std::vector<std::string> const& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> vecs;
    std::string counts_file, out_file;
    std::size_t max_words = 50'000;
    bool stems = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        if (a == "--stems") {
            stems = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            err << "tavolo vectors pack: option '" << a << "' needs a value\n";
            return 2;
        }
        auto const& v = args[++i];
        if (a == "--vec")
            vecs.push_back(v);
        else if (a == "--counts")
            counts_file = v;
        else if (a == "--out")
            out_file = v;
        else if (a == "--max-words") {
            auto const [p, ec] = std::from_chars(v.data(), v.data() + v.size(), max_words);
            if (ec != std::errc() || p != v.data() + v.size() || max_words == 0) {
                err << "tavolo vectors pack: --max-words must be a positive number\n";
                return 2;
            }
        } else {
            err << "tavolo vectors pack: unknown option '" << a << "'\n";
            return 2;
        }
    }
    if (vecs.empty() || counts_file.empty() || out_file.empty()) {
        err << "tavolo vectors pack: --vec, --counts and --out are required\n";
        return 2;
    }
    std::unordered_map<std::string, std::uint64_t> counted;
    {
        std::ifstream in(counts_file);
        if (!in) {
            err << "tavolo vectors pack: cannot read " << counts_file << "\n";
            return 1;
        }
        std::string token;
        while (in >> token)
            ++counted[token];
    }
    // Several files (say, the same training with different seeds) are
    // concatenated, each part unit length: their similarities average, and
    // so does their noise.
    std::vector<cluster::word_vectors> sources;
    std::size_t dimension = 0;
    for (auto const& v : vecs) {
        sources.push_back(cluster::word_vectors::load(v));
        dimension += sources.back().dimension();
    }
    std::vector<std::string> words;
    std::vector<std::uint64_t> counts;
    std::vector<float> data;
    for (std::size_t i = 0; i < sources[0].size(); ++i) {
        auto const w = std::string(sources[0].word(i));
        auto const it = counted.find(w);
        if (it == counted.end())
            continue; // fastText's end-of-line marker and the like
        std::vector<float> row;
        for (auto const& source : sources) {
            auto const e = source.find(w, w, cluster::language::it);
            if (e.vector.empty())
                break;
            row.insert(row.end(), e.vector.begin(), e.vector.end());
        }
        if (row.size() != dimension)
            continue; // not in every file
        words.push_back(w);
        counts.push_back(it->second);
        data.insert(data.end(), row.begin(), row.end());
    }
    cluster::word_vectors const packed(
        std::move(words), std::move(counts), std::move(data), dimension,
        stems ? cluster::word_vectors::keys::italian_stems : cluster::word_vectors::keys::words);
    packed.save_compact(out_file, max_words);
    out << "packed " << std::min(max_words, packed.size()) << " of " << packed.size()
        << " vectors, dimension " << packed.dimension() << ", " << packed.concept_count()
        << " concepts, into " << out_file << "\n";
    return 0;
}

int info(std::vector<std::string> const& args, std::ostream& out, std::ostream& err) {
    if (args.size() != 1) {
        err << "tavolo vectors info: one file expected\n";
        return 2;
    }
    auto const start = std::chrono::steady_clock::now();
    auto const v = cluster::word_vectors::load(args[0]);
    auto const ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    out << args[0] << ": " << v.size() << " "
        << (v.key() == cluster::word_vectors::keys::words ? "words" : "Italian stems")
        << ", dimension " << v.dimension() << ", " << v.concept_count() << " concepts, loaded in "
        << static_cast<long>(ms) << " ms\n";
    return 0;
}

} // namespace

int run_vectors_command(std::vector<std::string> const& args, std::istream& in, std::ostream& out,
                        std::ostream& err) {
    try {
        std::vector<std::string> const rest(args.empty() ? args.end() : args.begin() + 1,
                                            args.end());
        if (!args.empty() && args[0] == "prepare")
            return prepare(rest, in, out, err);
        if (!args.empty() && args[0] == "pack")
            return pack(rest, out, err);
        if (!args.empty() && args[0] == "info")
            return info(rest, out, err);
        err << "tavolo vectors: expected prepare, pack or info\n";
        return 2;
    } catch (std::exception const& e) {
        err << "tavolo vectors: " << e.what() << "\n";
        return 1;
    }
}

} // namespace tavolo::app
