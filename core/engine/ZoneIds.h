#pragma once
// The time-zone names a caller may ask for: the ids of the system's time-zone database
// (QTimeZone::availableTimeZoneIds), "UTC" and fixed offsets "UTC+08:00" / "UTC-05:30" up to ±14:00.
// Checked before any QTimeZone is made from outside text: QTimeZone's tz backend opens
// /usr/share/zoneinfo/<id> for any string (a path, a FIFO) and takes POSIX rules like "ABC3".
#include <QByteArrayView>
#include <QString>

namespace co {

inline constexpr qsizetype kMaxZoneIdLength = 64; // longer names are refused unread

bool zoneIdKnown(QByteArrayView id);
inline bool zoneIdKnown(const QString &id) { return id.size() <= kMaxZoneIdLength && zoneIdKnown(QByteArrayView(id.toUtf8())); }
// What the error of a refused name says is allowed.
QString zoneIdsAllowed();

} // namespace co
