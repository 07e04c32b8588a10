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

} // namespace co
