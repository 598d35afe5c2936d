// The clustering engine as the live module's grouper: runs on its own worker
// threads (never on a meeting's strand) with the word vectors loaded once at
// start-up and shared read-only.
#pragma once

#include "tavolo/cluster/word_vectors.hpp"
#include "tavolo/live/grouper.hpp"

#include <boost/asio/thread_pool.hpp>

#include <filesystem>
#include <optional>

namespace tavolo::app {

class engine_grouper : public live::grouper {
public:
    // `vectors`: a vector file to load, or nullopt to cluster without one.
    // Throws std::runtime_error naming the file when it cannot be loaded.
    engine_grouper(std::optional<std::filesystem::path> const& vectors, unsigned threads);
    ~engine_grouper() override;

    void group(std::vector<item> items, completion done) override;
    // cluster::summarize_group on the caller's thread.
    std::optional<live::group_summary> describe(std::vector<std::string> const& texts) override;

    // Stops taking runs and waits for those under way.
    void stop();

private:
    std::optional<cluster::word_vectors> vectors_;
    boost::asio::thread_pool pool_;
};

} // namespace tavolo::app
