#include "engine/QtZoneOffsets.h"

#include "engine/ZoneIds.h"
#include "indicators/SessionLevels.h"

#include <QDateTime>
#include <QTimeZone>

namespace co {

namespace {
class QtZone final : public ZoneOffsets {
public:
    explicit QtZone(QTimeZone z) : zone_(std::move(z)) {}

    OffsetSpan at(int64_t utcMs) const override
    {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC);
        OffsetSpan s;
        s.offsetMs = int64_t(zone_.offsetFromUtc(t)) * 1000;
        if (zone_.hasTransitions()) {
            const auto prev = zone_.previousTransition(t.addMSecs(1));
            const auto next = zone_.nextTransition(t);
            if (prev.atUtc.isValid())
                s.fromMs = prev.atUtc.toMSecsSinceEpoch();
            if (next.atUtc.isValid())
                s.toMs = next.atUtc.toMSecsSinceEpoch();
        }
        if (s.fromMs > utcMs || s.toMs <= utcMs) { // be safe: a one-hour cache at worst
            s.fromMs = utcMs;
            s.toMs = utcMs + 3'600'000;
        }
        return s;
    }
    std::string id() const override { return zone_.id().toStdString(); }

private:
    QTimeZone zone_;
};
} // namespace

std::shared_ptr<const ZoneOffsets> makeZoneOffsets(const std::string &ianaId)
{
    if (ianaId.empty() || ianaId == "UTC")
        return nullptr;
    if (!zoneIdKnown(QByteArrayView(ianaId.data(), qsizetype(ianaId.size()))))
        return nullptr; // never a QTimeZone of an unlisted name (a path, a POSIX rule)
    QTimeZone z(QByteArray::fromStdString(ianaId));
    if (!z.isValid())
        return nullptr;
    return std::make_shared<QtZone>(std::move(z));
}

std::vector<SessionDef> localClockSessions()
{
    return {{"tokyo", 9 * 60, 18 * 60, makeZoneOffsets("Asia/Tokyo")},
            {"london", 8 * 60, 17 * 60, makeZoneOffsets("Europe/London")},
            {"newyork", 8 * 60, 17 * 60, makeZoneOffsets("America/New_York")}};
}

} // namespace co

namespace co {
bool zoneIdValid(const std::string &ianaId)
{
    return zoneIdKnown(QByteArrayView(ianaId.data(), qsizetype(ianaId.size()))) &&
           (ianaId == "UTC" || QTimeZone(QByteArray::fromStdString(ianaId)).isValid());
}
} // namespace co
