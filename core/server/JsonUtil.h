#pragma once
// Small helpers shared by the encoders: optional values are omitted, times go out as ms + ISO.
#include "server/JsonEncoders.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <string>

namespace co::json {

template <typename T>
void putOpt(QJsonObject &o, const char *key, const std::optional<T> &v)
{
    if (v)
        o.insert(QLatin1String(key), *v);
}

// key + "Ms" and key + "Iso"; nothing when ms is 0 (unknown).
inline void putTime(QJsonObject &o, const QString &key, int64_t ms)
{
    if (!ms)
        return;
    o.insert(key + "Ms", qint64(ms));
    o.insert(key + "Iso", isoTime(ms));
}

inline QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace co::json
