#include "engine/EngineRegistry.h"

namespace co {

MarketEngine &EngineRegistry::engine(const SymbolInfo &symbol)
{
    std::lock_guard lock(mutex_);
    auto &slot = engines_[symbol.name];
    if (!slot)
        slot = std::make_unique<MarketEngine>(symbol, config_);
    return *slot;
}

MarketEngine *EngineRegistry::find(const std::string &symbol)
{
    std::lock_guard lock(mutex_);
    auto it = engines_.find(symbol);
    return it == engines_.end() ? nullptr : it->second.get();
}

void EngineRegistry::remove(const std::string &symbol)
{
    std::unique_ptr<MarketEngine> gone;
    {
        std::lock_guard lock(mutex_);
        auto it = engines_.find(symbol);
        if (it == engines_.end())
            return;
        gone = std::move(it->second);
        engines_.erase(it);
        ++removals_;
    }
}

void EngineRegistry::setDirectory(std::shared_ptr<SymbolDirectory> d)
{
    std::lock_guard lock(mutex_);
    directory_ = std::move(d);
}

std::shared_ptr<SymbolDirectory> EngineRegistry::directory() const
{
    std::lock_guard lock(mutex_);
    return directory_;
}

SnapshotPtr EngineRegistry::snapshot(const std::string &symbol) const
{
    std::lock_guard lock(mutex_);
    auto it = engines_.find(symbol);
    return it == engines_.end() ? nullptr : it->second->snapshot();
}

std::vector<std::string> EngineRegistry::symbols() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto &[name, e] : engines_)
        out.push_back(name);
    return out;
}

uint64_t EngineRegistry::version() const
{
    std::lock_guard lock(mutex_);
    // Each engine's seq only grows, so their sum changes with any publish.
    uint64_t v = (uint64_t(engines_.size()) << 48) + (removals_ << 36);
    for (const auto &[name, e] : engines_)
        if (const SnapshotPtr s = e->snapshot())
            v += s->seq;
    return v;
}

void EngineRegistry::setReadTimeSettings(const EngineConfig &c)
{
    std::lock_guard lock(mutex_);
    applyReadTimeSettings(config_, c);
    for (auto &[name, e] : engines_) {
        e->setReadTimeSettings(c);
        e->publish();
    }
}

void EngineRegistry::publishAll()
{
    std::lock_guard lock(mutex_);
    for (auto &[name, e] : engines_)
        e->publish();
}

} // namespace co
