#include "engine/ZoneIds.h"

#include <QByteArray>
#include <QFile>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace co {

namespace {
bool digits(QByteArrayView s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); }

// "UTC+HH:MM" / "UTC-HH:MM", |offset| ≤ 14:00: Qt makes these without reading any file.
bool fixedOffset(QByteArrayView id)
{
    if (id.size() != 9 || !id.startsWith("UTC") || (id[3] != '+' && id[3] != '-') || id[6] != ':')
        return false;
    if (!digits(id.sliced(4, 2)) || !digits(id.sliced(7, 2)))
        return false;
    const int h = (id[4] - '0') * 10 + (id[5] - '0'), m = (id[7] - '0') * 10 + (id[8] - '0');
    return m < 60 && h * 60 + m <= 14 * 60;
}

// A plain zone name: "Area/Location" letters, digits, _ + -; never ".." or a leading "/".
bool plainName(QByteArrayView s)
{
    if (s.isEmpty() || s.size() > kMaxZoneIdLength || s.front() == '/' || s.back() == '/' || s.contains("//"))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
               c == '+' || c == '-';
    });
}

// Read once (thread-safe static), from the database's index files, never from a caller's name:
// Qt's list (zone.tab) plus the zones and links of tzdata.zi (Etc/UTC, US/Eastern, … that
// zone.tab leaves out).
const QSet<QByteArray> &databaseIds()
{
    static const QSet<QByteArray> ids = [] {
        QSet<QByteArray> s;
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
            s.insert(id);
        for (const char *path : {"/usr/share/zoneinfo/tzdata.zi", "/usr/lib/zoneinfo/tzdata.zi"}) {
            QFile f(QString::fromLatin1(path));
            if (!f.open(QIODevice::ReadOnly)) // a regular file of the system, read once
                continue;
            while (!f.atEnd()) {
                const QList<QByteArray> w = f.readLine(4096).simplified().split(' ');
                // "Z name …" a zone, "L target alias" a link
                const QByteArray name = w.value(0) == "Z" ? w.value(1) : w.value(0) == "L" ? w.value(2) : QByteArray();
                if (plainName(name))
                    s.insert(name);
            }
            break;
        }
        return s;
    }();
    return ids;
}
} // namespace

bool zoneIdKnown(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > kMaxZoneIdLength)
        return false;
    if (id == "UTC" || fixedOffset(id))
        return true;
    return databaseIds().contains(id.toByteArray());
}

QString zoneIdsAllowed()
{
    return "use an IANA time zone of the system's database such as Europe/London or America/New_York, UTC, or "
           "a fixed offset such as UTC+08:00";
}

} // namespace co
