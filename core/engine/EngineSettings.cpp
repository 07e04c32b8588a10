#include "engine/EngineSettings.h"

#include "engine/QtZoneOffsets.h"
#include "engine/SessionSpec.h"
#include "model/Fixed.h"

namespace co {

namespace {
bool decimalIn(const QString &text, int64_t lo, int64_t hi, int64_t &out)
{
    int64_t v = 0;
    if (!parseFixed(text.trimmed().toStdString(), v) || v < lo || v > hi)
        return false;
    out = v;
    return true;
}
} // namespace

std::optional<EngineConfig> engineConfigFrom(const std::function<QString(const QString &)> &value, QString *error)
{
    EngineConfig c;
    auto fail = [error](const QString &name, const QString &text, const QString &range) {
        if (error)
            *error = QStringLiteral("invalid %1=%2: accepted %3").arg(name, text.left(80), range); // a value is echoed cut
        return std::nullopt;
    };
    int64_t v = 0;
    if (QString s = value("VALUE_AREA_PERCENT"); !s.isEmpty()) {
        if (!decimalIn(s, kFixedOne, 100 * kFixedOne, v))
            return fail("VALUE_AREA_PERCENT", s, "1 to 100");
        c.valueAreaBp = v / 1'000'000; // percent (1e-8 units) → basis points
    }
    if (QString s = value("VALUE_AREA_METHOD"); !s.isEmpty()) {
        if (s == "dual")
            c.valueAreaMethod = VaMethod::Dual;
        else if (s == "single")
            c.valueAreaMethod = VaMethod::Single;
        else
            return fail("VALUE_AREA_METHOD", s, "dual or single");
    }
    if (QString s = value("IMBALANCE_RATIO_THRESHOLD"); !s.isEmpty()) {
        if (!decimalIn(s, kFixedOne, 100 * kFixedOne, v))
            return fail("IMBALANCE_RATIO_THRESHOLD", s, "1.0 to 100");
        c.imbalance.ratio = v;
    }
    if (QString s = value("IMBALANCE_CONSECUTIVE_COUNT"); !s.isEmpty()) {
        bool ok = false;
        const int n = s.toInt(&ok);
        if (!ok || n < 2 || n > 50)
            return fail("IMBALANCE_CONSECUTIVE_COUNT", s, "integer 2 to 50");
        c.imbalance.consecutive = n;
    }
    if (QString s = value("IMBALANCE_MIN_VOLUME"); !s.isEmpty()) {
        if (!decimalIn(s, 0, 1'000'000'000 * kFixedOne, v))
            return fail("IMBALANCE_MIN_VOLUME", s, "0 or more (base units)");
        c.imbalance.minVolume = v;
    }
    if (QString s = value("DEPTH_DELTA_PERCENT"); !s.isEmpty()) {
        if (!decimalIn(s, 1, 10 * kFixedOne, v) || v % 1'000'000 != 0)
            return fail("DEPTH_DELTA_PERCENT", s, "0.01 to 10 (two decimals)");
        c.depthPercentBp = int(v / 1'000'000);
    }
    if (QString s = value("CVD_RESET"); !s.isEmpty()) {
        if (s != "day" && s != "none")
            return fail("CVD_RESET", s, "day or none");
        c.cvdContinuous = s == "none";
    }
    if (QString s = value("SESSION_CLOCK"); !s.isEmpty()) {
        if (s == "local")
            c.sessions = localClockSessions();
        else if (s != "utc")
            return fail("SESSION_CLOCK", s, "utc or local");
    }
    if (QString s = value("SESSIONS").trimmed(); !s.isEmpty()) { // named windows win over SESSION_CLOCK
        QString why;
        const auto defs = parseSessions(s, &why);
        if (!defs) {
            if (error)
                *error = QStringLiteral("invalid SESSIONS=%1: %2").arg(s.left(200), why);
            return std::nullopt;
        }
        c.sessions = *defs;
    }
    if (QString s = value("LARGE_TRADE_NOTIONAL"); !s.isEmpty()) {
        bool ok = false;
        const qlonglong n = s.toLongLong(&ok);
        if (!ok || n < 1 || n > 1'000'000'000'000LL)
            return fail("LARGE_TRADE_NOTIONAL", s, "integer USDT 1 to 10^12");
        c.largeTradeNotional = n;
    }
    if (QString s = value("TRADE_CACHE_DAYS"); !s.isEmpty()) {
        bool ok = false;
        const int n = s.toInt(&ok);
        if (!ok || n < 1 || n > 365)
            return fail("TRADE_CACHE_DAYS", s, "integer 1 to 365");
        c.cacheDays = n;
    }
    if (QString s = value("DAY_TZ"); !s.isEmpty() && s != "UTC") {
        c.dayZone = makeZoneOffsets(s.toStdString());
        if (!c.dayZone)
            return fail("DAY_TZ", s, "UTC, a fixed offset such as UTC+08:00, or an IANA time zone such as Europe/London");
    }
    return c;
}

} // namespace co
