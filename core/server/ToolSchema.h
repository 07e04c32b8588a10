#pragma once
// Building blocks of the tool schemas, kept to the keywords every client and model provider
// accepts (type, properties, required, enum, pattern, minimum, maximum, default, items, maxItems,
// description, additionalProperties): no type arrays, oneOf or $ref.
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <initializer_list>
#include <utility>

namespace co::schema {

using Props = std::initializer_list<std::pair<QString, QJsonObject>>;

inline QJsonObject object(Props props, QJsonArray required, bool closed)
{
    QJsonObject p;
    for (const auto &[k, v] : props)
        p.insert(k, v);
    QJsonObject o{{"type", "object"}, {"properties", p}};
    if (!required.isEmpty())
        o.insert("required", required);
    if (closed)
        o.insert("additionalProperties", false);
    return o;
}
// inputSchema: unknown arguments are refused.
inline QJsonObject input(Props props, QJsonArray required = {}) { return object(props, required, true); }
// outputSchema: clients drop what they do not know, so it stays open.
inline QJsonObject output(Props props, QJsonArray required = {}) { return object(props, required, false); }

inline QJsonObject typed(const char *type, const QString &description = {})
{
    QJsonObject o{{"type", type}};
    if (!description.isEmpty())
        o.insert("description", description);
    return o;
}
inline QJsonObject integer(qint64 min, qint64 max, qint64 def, const QString &description)
{
    return {{"type", "integer"}, {"minimum", min}, {"maximum", max}, {"default", def}, {"description", description}};
}
inline QJsonObject symbol()
{
    return {{"type", "string"},
            {"pattern", "^[A-Z0-9]{2,20}$"},
            {"description", "a Binance USD-M perpetual such as BTCUSDT"}};
}
inline QJsonObject timeframe(const QString &def = {})
{
    QJsonObject o{{"type", "string"}, {"enum", QJsonArray{"1m", "5m", "15m", "30m", "1h"}}, {"description", "bar size"}};
    if (!def.isEmpty())
        o.insert("default", def);
    return o;
}
// The footprint tools' bar sizes: also 4h and 1d (the Python server's), all aligned to UTC.
inline QJsonObject footprintTimeframe(const QString &def = {})
{
    QJsonObject o = timeframe(def);
    o.insert("enum", QJsonArray{"1m", "5m", "15m", "30m", "1h", "4h", "1d"});
    o.insert("description", "bar size; bars aligned to UTC (4h bars open at 00, 04, … UTC, 1d at UTC midnight)");
    return o;
}
inline QJsonObject array(const QJsonObject &items) { return {{"type", "array"}, {"items", items}}; }

// The dataQuality record of every answer (indicators.md §11).
inline QJsonObject dataQuality()
{
    return output({{"live", typed("boolean")},
                   {"source", typed("string")},
                   {"ageMs", typed("integer")},
                   {"coverage", typed("number")},
                   {"gaps", typed("array")},
                   {"warnings", array(typed("string"))}},
                  {"live", "source", "coverage", "warnings"});
}

} // namespace co::schema
