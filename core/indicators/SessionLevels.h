#pragma once
// Trading sessions (spec indicators.md §4): half-open windows [start, end) in minutes of the day,
// in UTC or in a market's local time (IANA zone, with DST). A window that crosses midnight belongs
// to the day in which it ends.
#include "indicators/Footprint.h"
#include "indicators/VwapSums.h"
#include "model/ZoneOffsets.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace co {

struct SessionDef {
    std::string name;  // "tokyo"
    int startMin = 0;  // minutes after local midnight
    int endMin = 0;    // may be < startMin (crosses midnight); 1440 = midnight
    std::shared_ptr<const ZoneOffsets> zone; // null = UTC
};

std::vector<SessionDef> defaultUtcSessions();

struct SessionStats {
    int64_t startUtcMs = 0, endUtcMs = 0; // this instance's window
    int64_t open = 0, high = 0, low = 0, close = 0;
    int64_t openId = 0, closeId = 0;
    int64_t buy = 0, sell = 0, trades = 0;
    VwapSums sums;
    void add(const TickTrade &t) noexcept;
};

class SessionLevels {
public:
    explicit SessionLevels(std::vector<SessionDef> defs = defaultUtcSessions());

    void add(const TickTrade &t);
    const std::vector<SessionDef> &defs() const noexcept { return defs_; }

    // The instance of session `index` that ends within [dayStartUtc, dayEndUtc); nullptr if it had
    // no trade. `window` gets that instance's [start, end) either way.
    const SessionStats *instanceEndingIn(size_t index, int64_t dayStartUtc, int64_t dayEndUtc,
                                         int64_t *windowStart = nullptr, int64_t *windowEnd = nullptr) const;
    // Forget instances that ended before `utcMs`.
    void dropEndedBefore(int64_t utcMs);

private:
    struct PerDef {
        SessionDef def;
        ZoneClock clock;
        std::map<int64_t, SessionStats> byEndDay; // local day in which the instance ends
        SessionStats *current = nullptr;
        int64_t currentEndDay = INT64_MIN;
    };
    void window(const PerDef &d, int64_t endLocalDay, int64_t &start, int64_t &end) const;

    std::vector<SessionDef> defs_;
    std::vector<PerDef> per_;
};

} // namespace co
