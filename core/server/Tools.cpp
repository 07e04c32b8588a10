#include "server/Tools.h"

#include "server/ToolArgs.h"
#include "server/ToolImages.h"
#include "server/WarmUpWait.h"
#include "engine/DayBook.h"
#include "model/Time.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QThreadPool>

#include <mutex>
#include <set>

namespace co {

namespace {
QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
QByteArray compact(const QJsonValue &v)
{
    if (v.isObject())
        return compact(v.toObject());
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    return QByteArray(16, ' '); // a scalar: a few bytes
}

// Drops the tail of o's largest arrays until `excess` bytes are gone; marks o truncated.
QJsonObject trimLists(QJsonObject o, qsizetype excess)
{
    while (excess > 0) {
        QString largest;
        qsizetype size = 0;
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it->isArray() && !it->toArray().isEmpty())
                if (const qsizetype n = compact(it->toArray()).size(); n > size)
                    largest = it.key(), size = n;
        if (largest.isEmpty())
            break;
        QJsonArray a = o[largest].toArray();
        const qsizetype keep = a.size() / 2;
        while (a.size() > keep) {
            excess -= compact(a.last()).size() + 1;
            a.removeLast();
        }
        o.insert(largest, a);
        o.insert("truncated", true);
    }
    return o;
}

// Cuts the oldest entries of def.cutKey until the answer fits the hard cap.
void capSize(const ToolDef &def, ToolOutput &out)
{
    if (out.text.size() <= Tools::kHardCapBytes || def.cutKey.isEmpty())
        return;
    QJsonArray items = out.structured[def.cutKey].toArray();
    qsizetype excess = out.text.size() - Tools::kHardCapBytes + 256; // room for the flags
    // The newest entry stays: an answer with none helps nobody. If it alone is too big, its own
    // lists (a bar's levels, big trades, events) lose their tail, largest list first.
    while (items.size() > 1 && excess > 0) {
        const qsizetype at = def.newestFirst ? items.size() - 1 : 0;
        excess -= compact(items[at]).size() + 1;
        items.removeAt(at);
    }
    if (items.size() == 1 && excess > 0 && items[0].isObject())
        items[0] = trimLists(items[0].toObject(), excess);
    out.structured.insert(def.cutKey, items);
    out.structured.insert("truncated", true);
    if (def.cutKey == "bars" && !items.isEmpty()) // footprint: where the next (older) page ends
        out.structured.insert("next", QJsonObject{{"endTime", items.first().toObject()["openTime"].toInteger()}});
    out.structured.insert("hint", def.cutHint);
    out.text = compact(out.structured);
}
} // namespace

// Answers drawn on pool threads until call() takes them; one nobody takes goes after kKeepMs.
struct Tools::DrawnAnswers {
    static constexpr int64_t kKeepMs = 30'000;
    std::mutex mutex;
    QMultiHash<QByteArray, std::pair<int64_t, std::variant<ToolOutput, ApiError>>> items;

    void put(const QByteArray &key, std::variant<ToolOutput, ApiError> r, int64_t nowMs)
    {
        std::lock_guard lock(mutex);
        items.removeIf([nowMs](const auto &it) { return nowMs - it.value().first > kKeepMs; });
        items.insert(key, {nowMs, std::move(r)});
    }
    std::optional<std::variant<ToolOutput, ApiError>> take(const QByteArray &key)
    {
        std::lock_guard lock(mutex);
        const auto it = items.find(key);
        if (it == items.end())
            return std::nullopt;
        auto r = std::move(it->second);
        items.erase(it);
        return r;
    }
};

Tools::Tools(const EngineRegistry &registry, QStringList configuredSymbols, HistoryProviderPtr history)
    : registry_(registry), symbols_(std::move(configuredSymbols)), history_(std::move(history)),
      defs_{marketSnapshotTool(), keyLevelsTool(),   footprintTool(),  orderflowMetricsTool(),
            depthDeltaTool(),     liquidationsTool(), scanMarketTool(),
            swingLiquidityTool(), marketStructureTool(), openInterestTool(),
            footprintStatisticsTool(), sessionProfileTool(), tpoProfileTool(),
            fundingRateTool(), orderbookHeatmapTool()}
{
    drawn_ = std::make_shared<DrawnAnswers>();
}

QJsonArray Tools::list() const
{
    QJsonArray a;
    for (const ToolDef &d : defs_) {
        QJsonObject t{{"name", d.name},
                      {"title", d.title},
                      {"description", d.description},
                      {"inputSchema", d.inputSchema},
                      {"annotations", QJsonObject{{"readOnlyHint", true}, {"openWorldHint", false}}}};
        if (!d.outputSchema.isEmpty())
            t.insert("outputSchema", d.outputSchema);
        if (!d.meta.isEmpty())
            t.insert("_meta", d.meta);
        a.append(t);
    }
    return a;
}

const ToolDef *Tools::find(const QString &name) const
{
    for (const ToolDef &d : defs_)
        if (d.name == name)
            return &d;
    return nullptr;
}

std::variant<ToolOutput, ApiError> Tools::call(const QString &name, const QJsonObject &arguments,
                                               const ToolProgress &progress) const
{
    const ToolDef *def = find(name);
    if (!def)
        return ApiError{ApiErrorKind::InvalidParams, "Unknown tool: " + name.left(100)};
    // Many clients asking the same between two publishes (every 100 ms) get one computation.
    const int64_t wallMs = QDateTime::currentMSecsSinceEpoch();
    const uint64_t version = registry_.version();
    const QByteArray key = name.toUtf8() + '\0' + compact(arguments);
    if (auto drawn = drawn_->take(key)) // made by prepare() for this call
        return std::move(*drawn);
    if (auto it = answers_.constFind(key);
        it != answers_.constEnd() && it->version == version && wallMs - it->wallMs <= kReuseMs && wallMs >= it->wallMs)
        return it->result;
    auto result = run(*def, arguments, wallMs, progress);
    // Only answers of the current version within kReuseMs can be served: drop the rest.
    if (version != answersVersion_) {
        answers_.clear();
        answersVersion_ = version;
    } else if (answers_.size() >= 64) {
        answers_.removeIf([wallMs](const auto &it) { return wallMs - it.value().wallMs > kReuseMs; });
        if (answers_.size() >= 512) // many distinct calls within kReuseMs
            answers_.clear();
    }
    answers_.insert(key, Answer{version, wallMs, result});
    return result;
}

std::variant<ToolOutput, ApiError> Tools::run(const ToolDef &def, const QJsonObject &arguments, int64_t wallMs,
                                              const ToolProgress &progress) const
{
    try {
        ToolOutput out;
        const ToolContext ctx{registry_, symbols_, wallMs, history_.get(), progress, &out.pictures};
        const ToolArgs args(def.name, arguments, def.inputSchema, ctx);
        out.structured = def.run(args);
        out.text = compact(out.structured);
        capSize(def, out);
        return out;
    } catch (const ApiError &e) {
        return e;
    }
}

QStringList Tools::dates(const QString &symbol) const
{
    QStringList names = symbols();
    if (names.contains(symbol.toUpper()))
        names = {symbol.toUpper()};
    std::set<QString> days;
    for (const QString &name : names) {
        if (const SnapshotPtr s = registry_.snapshot(name.toStdString()))
            for (const auto &day : {s->today, s->prior})
                if (day && day->totals.trades > 0)
                    days.insert(QString::fromStdString(isoDate(day->day)));
        if (history_)
            for (const std::string &d : history_->storedDates(name.toStdString()))
                days.insert(QString::fromStdString(d));
    }
    return QStringList(days.rbegin(), days.rend());
}

bool Tools::prepare(const QString &name, const QJsonObject &arguments, const WaitOne &waitOne,
                    const ToolProgress &progress) const
{
    // A picture is drawn once the data is there (a rebuilt day, a warmed-up symbol): if the call
    // still waits for data it is drawn on this thread when answered.
    return prepareData(name, arguments, waitOne, progress) || drawInBackground(name, arguments, waitOne);
}

bool Tools::drawInBackground(const QString &name, const QJsonObject &arguments, const WaitOne &waitOne) const
{
    const ToolDef *def = find(name);
    const bool png = toolImages() && arguments.value("format").toString() == "png";
    if (!def || (!png && !(def->heavy && def->heavy(arguments))))
        return false;
    const QByteArray key = name.toUtf8() + '\0' + compact(arguments);
    // Its own Tools (no answer cache shared across threads) over the same registry and history.
    auto worker = std::make_shared<Tools>(registry_, symbols_, history_);
    QThreadPool::globalInstance()->start([worker, def = *def, arguments, key, drawn = drawn_, ready = waitOne()] {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        drawn->put(key, worker->run(def, arguments, now, {}), now);
        ready();
    });
    return true;
}

bool Tools::prepareData(const QString &name, const QJsonObject &arguments, const WaitOne &waitOne,
                        const ToolProgress &progress) const
{
    const ToolDef *def = find(name);
    // A symbol warming up: with a progressToken the answer waits for today's backfill.
    bool warming = false;
    if (def && progress && def->inputSchema["properties"].toObject().contains("symbol")) {
        const QString s = arguments.value("symbol").toString().trimmed().toUpper();
        if (!s.isEmpty() && !symbols_.contains(s))
            warming = waitForWarmUp(registry_.directory(), s, waitOne, progress);
    }
    if (!def || !def->history || !history_)
        return warming;
    if (warming) // one progress sequence per call: the rebuild, if any, reports nothing
        return prepareData(name, arguments, waitOne, {}) || warming;
    try {
        const ToolContext ctx{registry_, symbols_, QDateTime::currentMSecsSinceEpoch(), history_.get(), {}, nullptr};
        const ToolArgs args(def->name, arguments, def->inputSchema, ctx);
        const std::optional<HistoryRequest> r = def->history(args);
        if (!r)
            return false;
        std::function<void()> ready = waitOne();
        const QString day = QString::fromStdString(r->symbol) + " " + QDate(1970, 1, 1).addDays(r->day).toString(Qt::ISODate) +
                            " (" + QString::fromStdString(r->zoneId) + ")";
        auto done = [ready, progress, day] {
            if (progress) // before the answer is released: nothing of the request follows it
                progress(1, 1, "rebuilt " + day);
            ready();
        };
        if (history_->prepare(*r, done)) {
            ready();
            return false;
        }
        if (progress) // dropped when the rebuild already finished (progress must grow)
            progress(0, 1, "rebuilding " + day + " from the cache");
        return true;
    } catch (const ApiError &) {
        return false; // call() reports it
    }
}

} // namespace co
