#pragma once
// A cache written through the app's own writer, and tools that read past memory from it (the
// history tests of tests/core/cache).
#include "cache/CacheDayHistory.h"
#include "server/Tools.h"
#include "storage/TradeWriter.h"

#include <QtTest>

#include <functional>
#include <memory>

namespace co::test {

// Opens the cache at path, lets fill add records for symbol s (its id given), flushes and closes.
inline bool writeCache(const QString &path, const SymbolInfo &s, const std::function<void(TradeWriter &, uint32_t)> &fill)
{
    TradeWriter w(path);
    QString error;
    if (!w.start(&error)) {
        qWarning("cache %s: %s", qPrintable(path), qPrintable(error));
        return false;
    }
    fill(w, w.symbol(s));
    const bool flushed = w.flush(10'000);
    w.stop();
    return flushed;
}

// Tools over the registry whose history provider reads the cache at path.
inline std::unique_ptr<Tools> toolsWithCache(const EngineRegistry &registry, const QString &path)
{
    CacheDayHistory::Options h;
    h.path = path;
    return std::make_unique<Tools>(registry, QStringList{"BTCUSDT"}, std::make_shared<CacheDayHistory>(h));
}

// A tool's structured answer; an error stops the test program (the calls are meant to succeed).
inline QJsonObject callOk(const Tools &tools, const QString &tool, const QJsonObject &args)
{
    const auto r = tools.call(tool, args);
    if (const ApiError *e = std::get_if<ApiError>(&r))
        qFatal("%s: %s", qPrintable(tool), qPrintable(e->message));
    return std::get<ToolOutput>(r).structured;
}

} // namespace co::test
