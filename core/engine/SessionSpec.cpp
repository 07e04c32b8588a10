#include "engine/SessionSpec.h"

#include "engine/QtZoneOffsets.h"
#include "engine/ZoneIds.h"

#include <QRegularExpression>
#include <QStringList>

namespace co {

namespace {
const QString kForm = QStringLiteral("name=HH:MM-HH:MM or name=HH:MM-HH:MM@Zone, comma separated, up to %1 "
                                     "(e.g. tokyo=00:00-09:00,newyork=09:30-16:00@America/New_York)")
                          .arg(kMaxSessions);

// Minutes after midnight of "HH:MM"; 24:00 only where allowed (an end).
std::optional<int> minutesOf(const QString &hhmm, bool end)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{2}):([0-9]{2})$"));
    const QRegularExpressionMatch m = re.match(hhmm);
    if (!m.hasMatch())
        return std::nullopt;
    const int h = m.captured(1).toInt(), min = m.captured(2).toInt();
    if (min > 59 || h > 24 || (h == 24 && (min != 0 || !end)))
        return std::nullopt;
    return h * 60 + min;
}

QString hhmmText(int minutes) { return QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QChar('0')).arg(minutes % 60, 2, 10, QChar('0')); }
} // namespace

std::optional<std::vector<SessionDef>> parseSessions(const QString &text, QString *why)
{
    auto fail = [why](const QString &what) {
        if (why)
            *why = what + "; use " + kForm;
        return std::nullopt;
    };
    static const QRegularExpression entryRe(QStringLiteral("^([A-Za-z][A-Za-z0-9_]{0,31})=([0-9:]+)-([0-9:]+)(?:@(.+))?$"));
    std::vector<SessionDef> out;
    const QStringList entries = text.split(',', Qt::SkipEmptyParts);
    if (entries.isEmpty())
        return fail(QStringLiteral("no session"));
    if (entries.size() > kMaxSessions)
        return fail(QStringLiteral("%1 sessions").arg(entries.size()));
    for (const QString &raw : entries) {
        const QString e = raw.trimmed();
        const QRegularExpressionMatch m = entryRe.match(e);
        if (!m.hasMatch())
            return fail(QStringLiteral("'%1' is not a session").arg(e.left(60)));
        SessionDef d;
        d.name = m.captured(1).toLower().toStdString();
        const auto start = minutesOf(m.captured(2), false), end = minutesOf(m.captured(3), true);
        if (!start || !end)
            return fail(QStringLiteral("'%1': times are HH:MM from 00:00 to 24:00").arg(e.left(60)));
        if (*start == *end)
            return fail(QStringLiteral("'%1': the window is empty").arg(e.left(60)));
        d.startMin = *start;
        d.endMin = *end;
        if (m.hasCaptured(4)) {
            const QString zone = m.captured(4).trimmed();
            if (!zoneIdKnown(zone))
                return fail(QStringLiteral("'%1': unknown time zone; %2").arg(zone.left(kMaxZoneIdLength), zoneIdsAllowed()));
            if (zone != QLatin1String("UTC"))
                d.zone = makeZoneOffsets(zone.toStdString());
            if (zone != QLatin1String("UTC") && !d.zone)
                return fail(QStringLiteral("'%1': unknown time zone").arg(zone.left(kMaxZoneIdLength)));
        }
        for (const SessionDef &o : out)
            if (o.name == d.name)
                return fail(QStringLiteral("the name %1 is used twice").arg(QString::fromStdString(d.name)));
        out.push_back(std::move(d));
    }
    return out;
}

QString sessionsText(const std::vector<SessionDef> &defs)
{
    QStringList parts;
    for (const SessionDef &d : defs) {
        QString p = QString::fromStdString(d.name) + "=" + hhmmText(d.startMin) + "-" + hhmmText(d.endMin);
        if (d.zone)
            p += "@" + QString::fromStdString(ZoneClock(d.zone).id());
        parts << p;
    }
    return parts.join(',');
}

} // namespace co
