#include "engine_grouper.hpp"

#include "tavolo/core/log.hpp"

#include "tavolo/cluster/engine.hpp"

#include <boost/asio/post.hpp>

#include <chrono>

namespace tavolo::app {

engine_grouper::engine_grouper(std::optional<std::filesystem::path> const& vectors,
                               unsigned threads)
    : pool_(threads ? threads : 1) {
    if (vectors) {
        auto const start = std::chrono::steady_clock::now();
        vectors_.emplace(cluster::word_vectors::load(*vectors));
        core::log_info("vectors_loaded",
                       {{"file", vectors->string()},
                        {"words", vectors_->size()},
                        {"dimension", vectors_->dimension()},
                        {"ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now() - start)
                                   .count()}});
    }
}

engine_grouper::~engine_grouper() {
    stop();
}

void engine_grouper::stop() {
    pool_.join();
}

void engine_grouper::group(std::vector<item> items, completion done) {
    boost::asio::post(pool_, [this, items = std::move(items), done = std::move(done)] {
        try {
            auto const start = std::chrono::steady_clock::now();
            std::vector<std::string> texts;
            texts.reserve(items.size());
            for (auto const& i : items)
                texts.push_back(i.text);
            cluster::cluster_options options;
            options.vectors = vectors_ ? &*vectors_ : nullptr;
            auto const result = cluster::cluster_texts(texts, options);
            std::vector<live::proposed_group> out;
            for (auto const& g : result.groups) {
                live::proposed_group p;
                p.title = g.title;
                p.keywords = g.keywords;
                p.cohesion = g.cohesion;
                for (auto m : g.members)
                    p.members.push_back(items[m].id);
                out.push_back(std::move(p));
            }
            core::log_info("clustered",
                           {{"texts", items.size()},
                            {"groups", out.size()},
                            {"ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::steady_clock::now() - start)
                                       .count()}});
            done(std::move(out));
        } catch (std::exception const& e) {
            core::log_error("clustering_failed", {{"reason", e.what()}});
            done(std::nullopt);
        }
    });
}

} // namespace tavolo::app
