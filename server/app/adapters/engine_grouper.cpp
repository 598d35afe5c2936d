#include "engine_grouper.hpp"

#include "tavolo/core/log.hpp"

#include "tavolo/cluster/engine.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
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
            cluster::cluster_options options;
            options.vectors = vectors_ ? &*vectors_ : nullptr;
            // Board groups as the engine's anchors 0, 1, ... in order of appearance.
            std::vector<std::string> anchors;
            for (auto const& i : items) {
                texts.push_back(i.text);
                auto a = std::find(anchors.begin(), anchors.end(), i.anchor);
                if (!i.anchor.empty() && a == anchors.end())
                    a = anchors.insert(anchors.end(), i.anchor);
                options.anchors.push_back(i.anchor.empty() ? -1
                                                           : static_cast<int>(a - anchors.begin()));
            }
            auto const result = cluster::cluster_texts(texts, options);
            std::vector<live::proposed_group> out;
            for (auto const& g : result.groups) {
                live::proposed_group p;
                p.title = g.title;
                p.keywords = g.keywords;
                p.cohesion = g.cohesion;
                if (g.anchor >= 0)
                    p.anchor = anchors.at(static_cast<std::size_t>(g.anchor));
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

std::optional<live::group_summary> engine_grouper::describe(std::vector<std::string> const& texts) {
    try {
        cluster::cluster_options options;
        options.vectors = vectors_ ? &*vectors_ : nullptr;
        auto g = cluster::summarize_group(texts, options);
        return live::group_summary{
            .title = std::move(g.title), .keywords = std::move(g.keywords), .cohesion = g.cohesion};
    } catch (std::exception const& e) {
        core::log_error("summary_failed", {{"reason", e.what()}});
        return std::nullopt;
    }
}

} // namespace tavolo::app
