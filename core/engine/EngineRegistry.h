#pragma once
// The engines of all followed symbols. Readers on any thread ask for snapshots by symbol.
#include "engine/MarketEngine.h"
#include "engine/SymbolDirectory.h"

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
    // Writer thread: destroys the engine of a symbol no longer followed (snapshots already handed
    // out stay valid: they are shared).
    void remove(const std::string &symbol);
    // Symbols followed on demand (live only): the server asks it before refusing a symbol.
    void setDirectory(std::shared_ptr<SymbolDirectory> d);
    std::shared_ptr<SymbolDirectory> directory() const;

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
    std::shared_ptr<SymbolDirectory> directory_;
    uint64_t removals_ = 0; // in version(): a removed engine changes it too
};

} // namespace co
