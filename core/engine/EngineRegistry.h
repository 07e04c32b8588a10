#pragma once
// The engines of all configured symbols. Readers on any thread ask for snapshots by symbol.
#include "engine/MarketEngine.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace co {

class EngineRegistry {
public:
    explicit EngineRegistry(EngineConfig config = {}) : config_(std::move(config)) {}

    // Creates the engine on first use (writer thread only).
    MarketEngine &engine(const SymbolInfo &symbol);
    MarketEngine *find(const std::string &symbol);

    SnapshotPtr snapshot(const std::string &symbol) const;
    std::vector<std::string> symbols() const;
    // Changes whenever any engine publishes or is added (readers cache answers by it).
    uint64_t version() const;
    void publishAll();
    const EngineConfig &config() const noexcept { return config_; }
    // Writer thread: read-time settings for every engine (and those made later), then publishes.
    void setReadTimeSettings(const EngineConfig &c);

private:
    EngineConfig config_;
    mutable std::mutex mutex_; // guards the map, not the engines
    std::map<std::string, std::unique_ptr<MarketEngine>> engines_;
};

} // namespace co
