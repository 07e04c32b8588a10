#include "app/ReportCommand.h"

#include "app/CliArgs.h"
#include "app/ReportTrades.h"
#include "pipeline/MarketFeed.h"
#include "pipeline/TickInference.h"
#include "binance/ExchangeInfo.h"
#include "pipeline/ReplaySource.h"
#include "engine/EngineRegistry.h"
#include "engine/KeyLevels.h"
#include "engine/RowSize.h"
#include "engine/TradeZoneEvents.h"
#include "model/Fixed.h"
#include "model/Time.h"
#include "server/JsonStream.h"
#include "server/KeyLevelsStream.h"

#include <QJsonObject>

#include <memory>

namespace co {

namespace {
std::vector<std::string> toStd(const QStringList &l)
{
    std::vector<std::string> v;
    for (const QString &s : l)
        v.push_back(s.toStdString());
    return v;
}

void say(FILE *f, const QString &s)
{
    std::fputs(qPrintable(s + '\n'), f);
}
} // namespace

bool parseReportArgs(const QStringList &args, ReportOptions &o, QString *error)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString &dst) { return takeValue(args, i, dst, error); };
        if (a == "--replay") {
            while (i + 1 < args.size() && !args[i + 1].startsWith("--"))
                o.files << args[++i];
            if (o.files.isEmpty()) {
                *error = "--replay needs at least one file";
                return false;
            }
        } else if (a == "--symbol") {
            if (!value(o.symbol))
                return false;
            o.symbol = o.symbol.toUpper();
        } else if (a == "--date") {
            if (!value(o.date))
                return false;
            int64_t d = 0;
            if (!parseIsoDate(o.date.toStdString(), d)) {
                *error = "--date must be YYYY-MM-DD, got " + o.date;
                return false;
            }
        } else if (a == "--exchange-info") {
            if (!value(o.exchangeInfo))
                return false;
        } else if (a == "--timeframe") {
            if (!value(o.timeframe))
                return false;
            if (!parseTimeframe(o.timeframe.toStdString())) {
                *error = "--timeframe must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d; got " + o.timeframe;
                return false;
            }
        } else if (a == "--rows") {
            o.rows = true;
        } else if (a == "--ticks-per-row") {
            QString k;
            if (!value(k))
                return false;
            bool ok = false;
            o.ticksPerRow = k == "auto" ? 0 : k.toLongLong(&ok);
            if (k != "auto" && (!ok || o.ticksPerRow < 1 || o.ticksPerRow > kMaxTicksPerRow)) {
                *error = QStringLiteral("--ticks-per-row must be an integer from 1 to %1 or auto; got %2")
                             .arg(kMaxTicksPerRow)
                             .arg(k);
                return false;
            }
        } else if (a == "--events") {
            o.events = true;
        } else if (a == "--pretty") {
            o.pretty = true;
        } else {
            *error = "unknown report argument " + a;
            return false;
        }
    }
    if (o.files.isEmpty() || o.symbol.isEmpty()) {
        *error = "report needs --replay FILE... and --symbol SYM";
        return false;
    }
    return true;
}

int runReport(const ReportOptions &o, const EngineConfig &config, FILE *out, FILE *err)
{
    const std::string symbol = o.symbol.toStdString();
    const std::vector<std::string> files = toStd(o.files);

    SymbolInfo info;
    info.name = symbol;
    // One replay: its engine is made when the tick is known (the start of each pass).
    std::unique_ptr<EngineRegistry> registry;
    std::unique_ptr<MarketFeed> feed;
    MarketEngine *engine = nullptr;
    std::vector<SnapshotPtr> days;
    ReportTrades kept; // with --events only: the trades the engine applied
    auto startPass = [&](const SymbolInfo &grid) {
        days.clear();
        kept.trades.clear();
        feed.reset();
        registry = std::make_unique<EngineRegistry>(config);
        feed = std::make_unique<MarketFeed>(*registry);
        feed->setSymbolInfo(grid);
        feed->restrictTo({symbol});
        feed->setSource(false, "replay");
        engine = feed->engineFor(symbol);
        engine->onDayClosing = [&days](const SnapshotPtr &s) { days.push_back(s); };
        if (o.events)
            engine->addObserver(&kept);
        return ReplaySource::Sink([f = feed.get()](const MarketEvent &e) { f->apply(e); });
    };
    ReplayStats stats;
    if (!o.exchangeInfo.isEmpty()) {
        std::string e;
        const auto ex = loadExchangeInfoFile(o.exchangeInfo.toStdString(), &e);
        if (!ex) {
            say(err, QStringLiteral("cannot read exchange info %1: %2").arg(o.exchangeInfo, QString::fromStdString(e)));
            return 1;
        }
        const SymbolInfo *s = ex->find(symbol);
        if (!s) {
            say(err, QStringLiteral("%1 is not in exchange info %2").arg(o.symbol, o.exchangeInfo));
            return 1;
        }
        info = *s;
        info.tickSource = TickSource::ExchangeInfo;
        ReplaySource replay(files, ReplaySource::Options{symbol, 0, nullptr});
        if (!replay.run(startPass(info))) {
            say(err, QString::fromStdString(replay.error()));
            return 1;
        }
        stats = replay.stats();
    } else {
        // The tick from the traded prices, inferred while replaying (one pass unless the grid
        // turns out finer later in the files).
        const InferredReplay r = replayInferringTick(files, symbol, [&](int64_t tick) {
            info.tickSize = tick;
            info.tickSource = TickSource::Inferred;
            return startPass(info);
        });
        if (!r.ok) {
            say(err, QString::fromStdString(r.error));
            return 1;
        }
        stats = r.stats;
    }
    days.push_back(engine->publish());

    KeyLevelsOptions ko;
    if (o.timeframe.isEmpty())
        ko.timeframes.assign(kTimeframes.begin(), kTimeframes.end());
    else
        ko.timeframes = {*parseTimeframe(o.timeframe.toStdString())};
    ko.rows = o.rows;
    ko.events = o.events;
    std::vector<const EngineSnapshot *> chosen;
    for (const SnapshotPtr &s : days) {
        if (!s->today || s->today->totals.trades == 0)
            continue;
        if (!o.date.isEmpty() && QString::fromStdString(isoDate(s->today->day)) != o.date)
            continue;
        chosen.push_back(s.get());
    }
    if (chosen.empty()) {
        say(err, o.date.isEmpty() ? QStringLiteral("no trades for %1 in the given files").arg(o.symbol)
                                  : QStringLiteral("no trades for %1 on %2").arg(o.symbol, o.date));
        return 1;
    }
    // The bytes of QJsonDocument::toJson for {"days": [...]}, written as each day is built: no
    // QJson tree of the footprint, no whole text held.
    json::JsonStream js(o.pretty, [out](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), out); });
    js.beginObject();
    js.key("days");
    js.beginArray();
    for (const EngineSnapshot *s : chosen) {
        // The same rows as get_key_levels with ticksPerRow (one RowSize for both).
        ko.grouping = o.ticksPerRow > 0 ? o.ticksPerRow : autoTicksForDay(*s, *s->today);
        QJsonObject extra;
        if (ko.grouping != 1 || o.ticksPerRow != 1) {
            extra.insert("ticksPerRow", qint64(ko.grouping));
            extra.insert("binSize", fixedToDouble(ko.grouping * s->symbol.tickSize));
        }
        KeyLevels levels = buildKeyLevels(*s, ko);
        if (o.events) // at the trade that completed each zone (the trades kept while replaying)
            for (auto &[tf, bars] : levels.footprint) {
                FootprintQuery q;
                q.timeframe = *parseTimeframe(tf);
                q.grouping = ko.grouping;
                q.events = true;
                exactZoneEvents(bars, *s, q, tradesInMemory(kept.trades));
            }
        writeKeyLevels(js, std::move(levels), extra, o.events);
    }
    js.endArray();
    js.endObject();
    js.finish();
    std::fputc('\n', out);
    const ReplayStats &st = stats;
    say(err, QStringLiteral("replayed %1 lines, %2 events, %3 bad frames, %4 trades applied")
                 .arg(st.lines)
                 .arg(st.events)
                 .arg(st.decode.malformed + st.decode.missingField + st.badLines)
                 .arg(engine->tradesApplied()));
    return 0;
}

} // namespace co
