#pragma once
// Tool arguments checked against the tool's own inputSchema (the one source of names, types,
// ranges, enums and defaults): unknown or missing arguments and bad values throw an ApiError that
// names the argument and the allowed values; MCP turns it into an isError result, REST into 400.
#include "engine/EngineRegistry.h"
#include "indicators/Footprint.h"
#include "server/ApiError.h"
#include "engine/HistoryProvider.h"
#include "server/ToolProgress.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace co {

struct ToolContext {
    const EngineRegistry &registry;
    QStringList symbols; // configured (SYMBOLS)
    int64_t wallMs = 0;  // wall clock of the call
    HistoryProvider *history = nullptr; // days the engines do not hold; may be null
    ToolProgress progress;              // empty unless the client asked (server/ToolProgress.h)
    QList<QByteArray> *pictures = nullptr; // format "png": the tool's PNGs (server/ToolImages.h)
};

class ToolArgs {
public:
    // Throws ApiError{BadArgument} for unknown or missing arguments.
    ToolArgs(const QString &tool, const QJsonObject &args, const QJsonObject &inputSchema, const ToolContext &ctx);

    bool has(const char *name) const { return args_.contains(QLatin1String(name)); }
    // The value as given (undefined when absent), for arguments of more than one JSON type.
    QJsonValue raw(const char *name) const { return args_.value(QLatin1String(name)); }
    // Integer/number within the schema's minimum/maximum; its default when absent.
    int64_t integer(const char *name) const;
    std::optional<int64_t> optInteger(const char *name) const;
    double number(const char *name) const;
    bool boolean(const char *name) const;
    // A string matching the schema's enum/pattern; its default when absent (nullopt if none).
    std::optional<QString> string(const char *name) const;
    Timeframe timeframe(const char *name = "timeframe") const;

    // A symbol argument: upper-cased, checked against the pattern and the known symbols.
    QString symbol(const char *name = "symbol") const;
    QStringList symbolList(const char *name) const;
    // The engine snapshot of a known symbol; NoData when nothing was received for it yet.
    SnapshotPtr snapshot(const QString &symbol) const;
    QStringList knownSymbols() const;

    // Refuses the value given for name: "Invalid <name> <value>: <why>."
    [[noreturn]] void reject(const char *name, const QString &why) const;

    const ToolContext &context() const { return ctx_; }
    int64_t nowFor(const EngineSnapshot &s) const;

private:
    QJsonObject prop(const char *name) const;
    [[noreturn]] void fail(const char *name, const QString &got, const QString &allowed) const;
    QString checkSymbol(const QString &name, const QJsonValue &v) const;
    // A symbol outside SYMBOLS with a SymbolDirectory: followed on demand, warming up or unknown.
    QString onDemand(SymbolDirectory &dir, const QString &s) const;

    QString tool_;
    QJsonObject args_, schema_;
    const ToolContext &ctx_;
};

} // namespace co
