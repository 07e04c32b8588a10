#pragma once
// UTC offset of a time zone around an instant, with the span in which it holds, so that callers
// can cache it (one look-up per DST period instead of one per trade). Implemented over QTimeZone
// in core/engine; the indicators only see this interface.
#include <cstdint>
#include <memory>
#include <string>

namespace co {

struct OffsetSpan {
    int64_t offsetMs = 0;
    int64_t fromMs = INT64_MIN; // inclusive, UTC
    int64_t toMs = INT64_MAX;   // exclusive, UTC
};

class ZoneOffsets {
public:
    virtual ~ZoneOffsets() = default;
    virtual OffsetSpan at(int64_t utcMs) const = 0;
    virtual std::string id() const = 0;
};

// Local calendar of a zone (UTC when zone is null): which local day an instant is in, and when
// a local day starts in UTC.
class ZoneClock {
public:
    explicit ZoneClock(std::shared_ptr<const ZoneOffsets> zone = nullptr) : zone_(std::move(zone)) {}

    int64_t offsetAt(int64_t utcMs) const
    {
        if (!zone_)
            return 0;
        if (utcMs < cache_.fromMs || utcMs >= cache_.toMs) [[unlikely]]
            cache_ = zone_->at(utcMs);
        return cache_.offsetMs;
    }
    int64_t localMs(int64_t utcMs) const { return utcMs + offsetAt(utcMs); }
    int64_t localDay(int64_t utcMs) const;
    // UTC instant of local wall time (day, msOfDay); on a DST gap/overlap the first valid instant.
    int64_t utcOf(int64_t localDay, int64_t msOfDay) const;
    int64_t dayStartUtc(int64_t localDay) const { return utcOf(localDay, 0); }
    bool isUtc() const noexcept { return !zone_; }
    std::string id() const { return zone_ ? zone_->id() : "UTC"; }

private:
    std::shared_ptr<const ZoneOffsets> zone_;
    mutable OffsetSpan cache_{0, 0, 0};
};

} // namespace co
