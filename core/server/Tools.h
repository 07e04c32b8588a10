#pragma once
// The MCP tools (also served as REST): their list in a fixed order and one call entry point that
// validates, runs on a snapshot, encodes once and keeps answers small (hard cap 32 KB: oldest rows
// cut, "truncated" and a hint set).
#include "engine/EngineRegistry.h"
#include "server/ApiError.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <variant>
#include <vector>

namespace co {

class ToolArgs;

struct ToolDef {
    QString name, title, description;
    QJsonObject inputSchema, outputSchema;
    std::function<QJsonObject(const ToolArgs &)> run; // throws ApiError
    // Over the hard cap: the array cut from its oldest end, and what to say.
    QString cutKey;
    bool newestFirst = false;
    QString cutHint;
};

struct ToolOutput {
    QJsonObject structured;
    QByteArray text; // the same object, compact JSON
};

class Tools {
public:
    static constexpr qsizetype kHardCapBytes = 32 * 1024;

    Tools(const EngineRegistry &registry, QStringList configuredSymbols);

    // The "tools" array of tools/list.
    QJsonArray list() const;
    const ToolDef *find(const QString &name) const;
    // Unknown tool → InvalidParams; bad arguments and missing data → tool-level ApiError.
    // The same call on unchanged snapshots within kReuseMs gets the answer already encoded.
    std::variant<ToolOutput, ApiError> call(const QString &name, const QJsonObject &arguments) const;

    // Answers are reused for at most this long (live answers hold ages and lags against now).
    static constexpr int64_t kReuseMs = 100;

private:
    std::variant<ToolOutput, ApiError> run(const ToolDef &def, const QJsonObject &arguments, int64_t wallMs) const;

    struct Answer {
        uint64_t version = 0;
        int64_t wallMs = 0;
        std::variant<ToolOutput, ApiError> result;
    };
    const EngineRegistry &registry_;
    QStringList symbols_;
    std::vector<ToolDef> defs_;
    // Not thread-safe: one Tools per server thread.
    mutable QHash<QByteArray, Answer> answers_; // key: tool name and compact arguments
};

// The definitions (one function per tool, schemas next to the code; Tools*.cpp).
ToolDef marketSnapshotTool();
ToolDef keyLevelsTool();
ToolDef footprintTool();
ToolDef orderflowMetricsTool();
ToolDef depthDeltaTool();
ToolDef liquidationsTool();
ToolDef scanMarketTool();

} // namespace co
