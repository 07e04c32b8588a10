#include "pipeline/TickInference.h"

#include "pipeline/ReplaySource.h"
#include "model/Fixed.h"

namespace co {

bool inferTickSizes(const std::vector<std::string> &files, const std::string &defaultSymbol,
                    std::map<std::string, int64_t> &ticks, std::string *error)
{
    ReplaySource scan(files, ReplaySource::Options{defaultSymbol, 0, nullptr});
    std::string last;
    int64_t *slot = nullptr;
    const bool ok = scan.run([&](const MarketEvent &e) {
        const auto *t = std::get_if<Trade>(&e.payload);
        if (!t)
            return;
        if (!slot || e.symbol.view() != last) {
            last = std::string(e.symbol.view());
            slot = &ticks[last];
        }
        *slot = gcd64(*slot, t->price);
    });
    if (!ok && error)
        *error = scan.error();
    return ok;
}

InferredReplay replayInferringTick(const std::vector<std::string> &files, const std::string &symbol,
                                   const ReplayStart &start)
{
    constexpr int64_t kProbeTrades = 4096;
    constexpr size_t kMaxPending = 65'536; // events held before the engine starts (depth between trades)
    InferredReplay out;
    int64_t gcd = 0, trades = 0, used = 0;
    std::vector<MarketEvent> pending;
    ReplaySource::Sink sink;
    auto begin = [&] {
        used = gcd;
        ++out.passes;
        sink = start(used);
        for (const MarketEvent &e : pending)
            sink(e);
        pending = {};
    };
    ReplaySource first(files, ReplaySource::Options{symbol, 0, nullptr});
    out.ok = first.run([&](const MarketEvent &e) {
        if (const auto *t = std::get_if<Trade>(&e.payload); t && e.symbol.view() == symbol) {
            gcd = gcd64(gcd, t->price);
            ++trades;
        }
        if (sink) {
            sink(e);
            return;
        }
        pending.push_back(e);
        if (trades >= kProbeTrades || (gcd != 0 && pending.size() >= kMaxPending))
            begin();
    });
    out.stats = first.stats();
    if (!out.ok) {
        out.error = first.error();
        return out;
    }
    out.tick = gcd;
    if (gcd == 0) {
        out.ok = false;
        out.error = "no trades for " + symbol + " in the given files";
        return out;
    }
    if (!sink)
        begin();
    if (used == gcd)
        return out;
    // A finer grid later in the files: again from the start with the whole files' tick.
    pending.clear();
    begin();
    ReplaySource again(files, ReplaySource::Options{symbol, 0, nullptr});
    out.ok = again.run(sink);
    out.stats = again.stats();
    if (!out.ok)
        out.error = again.error();
    return out;
}

} // namespace co
