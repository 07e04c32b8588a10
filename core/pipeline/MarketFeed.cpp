#include "pipeline/MarketFeed.h"

namespace co {

MarketFeed::PerSymbol *MarketFeed::route(std::string_view symbol)
{
    if (last_ && symbol == lastName_)
        return last_;
    auto it = per_.find(symbol);
    if (it == per_.end()) {
        const std::string name(symbol);
        if (!only_.empty() && !only_.count(name))
            return nullptr;
        SymbolInfo info;
        if (auto i = infos_.find(name); i != infos_.end())
            info = i->second;
        info.name = name;
        PerSymbol p;
        p.engine = &registry_.engine(info);
        p.engine->setLive(live_, source_);
        p.sync = std::make_unique<OrderBookSync>();
        MarketEngine *eng = p.engine;
        p.sync->onReset = [eng](const DepthSnapshot &s) { eng->onBookReset(s); };
        p.sync->onApply = [eng](const DepthUpdate &u) { eng->onBookDiff(u); };
        p.sync->onInvalid = [eng] { eng->onBookInvalid(); };
        p.sync->onSnapshotNeeded = [this, name] {
            if (snapshotRequester_)
                snapshotRequester_(name);
        };
        it = per_.emplace(name, std::move(p)).first;
        for (const auto &f : engineCreated_)
            f(*it->second.engine);
    }
    lastName_ = it->first;
    last_ = &it->second;
    return last_;
}

void MarketFeed::apply(const MarketEvent &e)
{
    PerSymbol *p = route(e.symbol.view());
    if (!p)
        return;
    if (const auto *u = std::get_if<DepthUpdate>(&e.payload))
        p->sync->onDiff(*u);
    else if (const auto *s = std::get_if<DepthSnapshot>(&e.payload))
        p->sync->onSnapshot(*s);
    else
        p->engine->apply(e);
}

MarketEngine *MarketFeed::engineFor(const std::string &symbol)
{
    PerSymbol *p = route(symbol);
    return p ? p->engine : nullptr;
}

void MarketFeed::resetBook(const std::string &symbol)
{
    if (PerSymbol *p = route(symbol))
        p->sync->reset();
}

void MarketFeed::drop(const std::string &symbol)
{
    auto it = per_.find(symbol);
    if (it == per_.end())
        return;
    for (const auto &f : engineRemoved_)
        f(*it->second.engine);
    per_.erase(it);
    last_ = nullptr;
    lastName_.clear();
    registry_.remove(symbol);
}

const OrderBookSync *MarketFeed::syncFor(const std::string &symbol) const
{
    auto it = per_.find(symbol);
    return it == per_.end() ? nullptr : it->second.sync.get();
}

} // namespace co
