#include "server/ToolArgs.h"

#include "engine/Query.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace co {

namespace {
const QRegularExpression &symbolPattern()
{
    static const QRegularExpression re("^[A-Z0-9]{2,20}$");
    return re;
}

QString shown(const QJsonValue &v)
{
    if (v.isString())
        return "'" + v.toString().left(60) + "'";
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    if (v.isBool())
        return v.toBool() ? "true" : "false";
    if (v.isNull())
        return "null";
    const QByteArray j = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(j.left(60));
}

QString numberText(const QJsonValue &v) { return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest); }

// "use an integer from 1 to 200 (default 12)", "use one of 1m, 5m, …", from the schema entry.
QString allowedText(const QJsonObject &p)
{
    if (p.contains("enum")) {
        QStringList items;
        for (const QJsonValue &v : p["enum"].toArray())
            items << v.toString();
        return "use one of " + items.join(", ");
    }
    const QString type = p["type"].toString();
    QString s;
    if (type == "integer" || type == "number") {
        s = type == "integer" ? "use an integer" : "use a number";
        if (p.contains("minimum") && p.contains("maximum"))
            s += " from " + numberText(p["minimum"]) + " to " + numberText(p["maximum"]);
        if (p.contains("default"))
            s += " (default " + numberText(p["default"]) + ")";
        else if (p.contains("description"))
            s += ", " + p["description"].toString();
    } else if (type == "boolean") {
        s = "use true or false";
        if (p.contains("default"))
            s += p["default"].toBool() ? " (default true)" : " (default false)";
    } else {
        s = "use " + p["description"].toString();
    }
    return s;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diag = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            row[size_t(j)] = std::min({up + 1, row[size_t(j - 1)] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row.back();
}
} // namespace

ToolArgs::ToolArgs(const QString &tool, const QJsonObject &args, const QJsonObject &inputSchema, const ToolContext &ctx)
    : tool_(tool), args_(args), schema_(inputSchema), ctx_(ctx)
{
    const QJsonObject props = schema_["properties"].toObject();
    for (auto it = args_.begin(); it != args_.end(); ++it)
        if (!props.contains(it.key()))
            throw ApiError{ApiErrorKind::BadArgument, "Unknown argument '" + it.key().left(60) + "': " + tool_ +
                                                          " accepts " + props.keys().join(", ") + "."};
    for (const QJsonValue &r : schema_["required"].toArray()) {
        const QString name = r.toString();
        if (!args_.contains(name)) {
            QString allowed = allowedText(props[name].toObject());
            if (name == "symbol")
                allowed += "; available: " + knownSymbols().join(", ");
            throw ApiError{ApiErrorKind::BadArgument, "Missing argument '" + name + "': " + allowed + "."};
        }
    }
}

QJsonObject ToolArgs::prop(const char *name) const
{
    return schema_["properties"].toObject()[QLatin1String(name)].toObject();
}

void ToolArgs::fail(const char *name, const QString &got, const QString &allowed) const
{
    throw ApiError{ApiErrorKind::BadArgument, QString("Invalid %1 %2: %3.").arg(QLatin1String(name), got, allowed)};
}

void ToolArgs::reject(const char *name, const QString &why) const
{
    fail(name, shown(args_.value(QLatin1String(name))), why);
}

std::optional<int64_t> ToolArgs::optInteger(const char *name) const
{
    const QJsonObject p = prop(name);
    const QJsonValue v = args_.value(QLatin1String(name));
    if (v.isUndefined())
        return p.contains("default") ? std::optional<int64_t>(p["default"].toInteger()) : std::nullopt;
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::floor(d) || std::abs(d) > 9.0e15)
        fail(name, shown(v), allowedText(p));
    const int64_t i = int64_t(d);
    if ((p.contains("minimum") && i < p["minimum"].toInteger()) || (p.contains("maximum") && i > p["maximum"].toInteger()))
        fail(name, shown(v), allowedText(p));
    return i;
}

int64_t ToolArgs::integer(const char *name) const { return optInteger(name).value_or(0); }

double ToolArgs::number(const char *name) const
{
    const QJsonObject p = prop(name);
    const QJsonValue v = args_.value(QLatin1String(name));
    if (v.isUndefined())
        return p["default"].toDouble();
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || (p.contains("minimum") && d < p["minimum"].toDouble()) ||
        (p.contains("maximum") && d > p["maximum"].toDouble()))
        fail(name, shown(v), allowedText(p));
    return d;
}

bool ToolArgs::boolean(const char *name) const
{
    const QJsonObject p = prop(name);
    const QJsonValue v = args_.value(QLatin1String(name));
    if (v.isUndefined())
        return p["default"].toBool();
    if (!v.isBool())
        fail(name, shown(v), allowedText(p));
    return v.toBool();
}

std::optional<QString> ToolArgs::string(const char *name) const
{
    const QJsonObject p = prop(name);
    const QJsonValue v = args_.value(QLatin1String(name));
    if (v.isUndefined())
        return p.contains("default") ? std::optional<QString>(p["default"].toString()) : std::nullopt;
    if (!v.isString())
        fail(name, shown(v), allowedText(p));
    const QString s = v.toString();
    if (p.contains("enum") && !p["enum"].toArray().contains(s))
        fail(name, shown(v), allowedText(p));
    if (p.contains("pattern") && !QRegularExpression(p["pattern"].toString()).match(s).hasMatch())
        fail(name, shown(v), allowedText(p));
    return s;
}

Timeframe ToolArgs::timeframe(const char *name) const
{
    const std::optional<QString> s = string(name);
    const auto tf = s ? parseTimeframe(s->toStdString()) : std::nullopt;
    if (!tf)
        fail(name, s ? "'" + *s + "'" : "(none)", allowedText(prop(name)));
    return *tf;
}

QStringList ToolArgs::knownSymbols() const
{
    QStringList out = ctx_.symbols;
    for (const std::string &s : ctx_.registry.symbols())
        if (!out.contains(QString::fromStdString(s)))
            out << QString::fromStdString(s);
    return out;
}

QString ToolArgs::checkSymbol(const QString &name, const QJsonValue &v) const
{
    const QString s = v.toString().trimmed().toUpper();
    if (!v.isString() || !symbolPattern().match(s).hasMatch())
        throw ApiError{ApiErrorKind::BadArgument, "Invalid " + name + " " + shown(v) +
                                                      ": use a Binance USD-M perpetual such as BTCUSDT (A-Z and 0-9, "
                                                      "2 to 20 characters); available: " + knownSymbols().join(", ") + "."};
    const QStringList known = knownSymbols();
    if (!ctx_.symbols.contains(s))
        if (const auto dir = ctx_.registry.directory())
            return onDemand(*dir, s);
    if (known.contains(s))
        return s;
    QStringList close;
    for (const QString &k : known)
        if (k.contains(s) || s.contains(k) || editDistance(s, k) <= 2)
            close << k;
    throw ApiError{ApiErrorKind::UnknownSymbol,
                   "Unknown symbol '" + s + "'" + (close.isEmpty() ? QString() : "; did you mean " + close.join(" or ") + "?") +
                       " This server follows " + known.join(", ") + "."};
}

QString ToolArgs::onDemand(SymbolDirectory &dir, const QString &s) const
{
    const SymbolAccess a = dir.request(s.toStdString());
    switch (a.kind) {
    case SymbolAccess::Kind::Ready:
        return s;
    case SymbolAccess::Kind::WarmingUp: {
        const int pct = int(a.progress * 100);
        const QString eta = a.etaMs < 0 ? QString("not known yet")
                                        : QString("about %1 s").arg(QString::number((a.etaMs + 999) / 1000));
        QJsonObject data{{"symbol", s}, {"progress", std::round(a.progress * 1000) / 1000},
                         {"retryAfterSec", a.retryAfterSec}};
        if (a.etaMs >= 0)
            data.insert("etaSec", double((a.etaMs + 999) / 1000));
        throw ApiError{ApiErrorKind::WarmingUp,
                       s + " is warming up: now followed live, today's backfill " + QString::number(pct) +
                           "% done, time left " + eta + "; retry in " + QString::number(a.retryAfterSec) + " s.",
                       data};
    }
    case SymbolAccess::Kind::Unknown: {
        QStringList close;
        for (const std::string &c : a.closeMatches)
            close << QString::fromStdString(c);
        throw ApiError{ApiErrorKind::UnknownSymbol,
                       "Unknown symbol '" + s + "': not a trading Binance USD-M perpetual" +
                           (close.isEmpty() ? QString(".") : "; did you mean " + close.join(" or ") + "?")};
    }
    case SymbolAccess::Kind::Pass:
        break;
    }
    // Not the directory's (no exchange list yet): as without one.
    if (knownSymbols().contains(s))
        return s;
    throw ApiError{ApiErrorKind::UnknownSymbol, "Unknown symbol '" + s + "'. This server follows " +
                                                    knownSymbols().join(", ") + "; the exchange's symbol list is not loaded yet."};
}

QString ToolArgs::symbol(const char *name) const { return checkSymbol(QLatin1String(name), args_.value(QLatin1String(name))); }

QStringList ToolArgs::symbolList(const char *name) const
{
    const QJsonObject p = prop(name);
    const QJsonValue v = args_.value(QLatin1String(name));
    if (v.isUndefined())
        return knownSymbols();
    const qsizetype maxItems = p["maxItems"].toInt(50);
    if (!v.isArray() || v.toArray().isEmpty() || v.toArray().size() > maxItems)
        fail(name, shown(v), allowedText(p));
    QStringList out;
    for (const QJsonValue &s : v.toArray()) {
        const QString sym = checkSymbol(QString(QLatin1String(name)) + " entry", s);
        if (!out.contains(sym))
            out << sym;
    }
    return out;
}

SnapshotPtr ToolArgs::snapshot(const QString &symbol) const
{
    SnapshotPtr s = ctx_.registry.snapshot(symbol.toStdString());
    if (!s)
        throw ApiError{ApiErrorKind::NoData, "no data for " + symbol + " since start-up; retry in a minute"};
    return s;
}

int64_t ToolArgs::nowFor(const EngineSnapshot &s) const { return queryNowMs(s, ctx_.wallMs); }

} // namespace co
