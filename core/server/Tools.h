#pragma once
// The MCP tools (also served as REST): their list in a fixed order and one call entry point that
// validates, runs on a snapshot, encodes once and keeps answers small (hard cap 32 KB: oldest rows
// cut, "truncated" and a hint set).
#include "engine/EngineRegistry.h"
#include "server/ApiError.h"
#include "engine/HistoryProvider.h"
#include "server/ToolProgress.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace co {

class ToolArgs;

struct ToolDef {
    QString name, title, description;
    QJsonObject inputSchema, outputSchema;
    std::function<QJsonObject(const ToolArgs &)> run; // throws ApiError
    // The day the call will ask the HistoryProvider for (get_key_levels), if any; throws ApiError.
    std::function<std::optional<HistoryRequest>(const ToolArgs &)> history;
    // Over the hard cap: the array cut from its oldest end, and what to say.
    QString cutKey;
    bool newestFirst = false;
    QString cutHint;
    QJsonObject meta; // the tool's _meta in tools/list (an MCP App page: McpApps::toolMeta)
    // True for a call that reads or computes much (events replayed from stored trades): it runs on
    // a pool thread like a picture, so the server thread keeps answering (Tools::prepare).
    std::function<bool(const QJsonObject &arguments)> heavy;
};

struct ToolOutput {
    QJsonObject structured;
    QByteArray text;    // the same object, compact JSON
    QList<QByteArray> pictures; // PNGs (format "png"): image content blocks before the text
};

class Tools {
public:
    static constexpr qsizetype kHardCapBytes = 32 * 1024;

    // history: days the engines do not hold (optional: without it only today and the prior day).
    Tools(const EngineRegistry &registry, QStringList configuredSymbols, HistoryProviderPtr history = {});

    // The "tools" array of tools/list.
    QJsonArray list() const;
    const ToolDef *find(const QString &name) const;
    // The followed symbols: configured ones, then any other the engines hold.
    QStringList symbols() const
    {
        QStringList out = symbols_;
        for (const std::string &s : registry_.symbols())
            if (!out.contains(QString::fromStdString(s)))
                out << QString::fromStdString(s);
        return out;
    }
    // The days a date argument can name for the symbol (all followed symbols when empty or
    // unknown), newest first: the engines' today and prior day, and the HistoryProvider's days.
    QStringList dates(const QString &symbol) const;
    // Unknown tool → InvalidParams; bad arguments and missing data → tool-level ApiError.
    // The same call on unchanged snapshots within kReuseMs gets the answer already encoded.
    // progress: the call's ToolProgress (may be empty), handed to the tool in its context.
    std::variant<ToolOutput, ApiError> call(const QString &name, const QJsonObject &arguments,
                                            const ToolProgress &progress = {}) const;
    // Before call(), without blocking: starts the work the call would wait for (a day rebuilt from
    // the cache). waitOne() gives a callback that is called exactly once, perhaps from another
    // thread, once call() will not wait. True when something is still running; then progress
    // (if given) hears 0 when the rebuild starts and 1 of 1 just before the callback.
    using WaitOne = std::function<std::function<void()>()>;
    bool prepare(const QString &name, const QJsonObject &arguments, const WaitOne &waitOne,
                 const ToolProgress &progress = {}) const;

    // Answers are reused for at most this long (live answers hold ages and lags against now).
    static constexpr int64_t kReuseMs = 100;

    struct DrawnAnswers; // Tools.cpp

private:
    std::variant<ToolOutput, ApiError> run(const ToolDef &def, const QJsonObject &arguments, int64_t wallMs,
                                           const ToolProgress &progress) const;
    bool prepareData(const QString &name, const QJsonObject &arguments, const WaitOne &waitOne,
                     const ToolProgress &progress) const;
    // format "png" or a heavy call: it runs on a pool thread (drawing takes 100–300 ms; this
    // thread serves every request of its connections); call() takes its answer. True when started.
    bool drawInBackground(const QString &name, const QJsonObject &arguments, const WaitOne &waitOne) const;

    struct Answer {
        uint64_t version = 0;
        int64_t wallMs = 0;
        std::variant<ToolOutput, ApiError> result;
    };
    const EngineRegistry &registry_;
    QStringList symbols_;
    HistoryProviderPtr history_;
    std::vector<ToolDef> defs_;
    // Not thread-safe: one Tools per server thread.
    mutable QHash<QByteArray, Answer> answers_; // key: tool name and compact arguments
    mutable uint64_t answersVersion_ = 0;
    std::shared_ptr<DrawnAnswers> drawn_; // shared with the pool threads drawing
};

// The definitions (one function per tool, schemas next to the code; Tools*.cpp).
ToolDef marketSnapshotTool();
ToolDef keyLevelsTool();
ToolDef footprintTool();
ToolDef footprintStatisticsTool(); // ToolsFootprint.cpp
ToolDef sessionProfileTool();      // ToolsProfiles.cpp
ToolDef tpoProfileTool();
ToolDef orderflowMetricsTool();
ToolDef depthDeltaTool();
ToolDef liquidationsTool();
ToolDef scanMarketTool();
// ToolsStructure.cpp
ToolDef swingLiquidityTool();
ToolDef marketStructureTool();
// ToolsDerivatives.cpp
ToolDef openInterestTool();
ToolDef fundingRateTool(); // ToolsFunding.cpp
ToolDef orderbookHeatmapTool(); // ToolsHeatmap.cpp

} // namespace co
