#pragma once
// SESSIONS (spec analysis.md A4): named windows of local clock time, optionally in a time zone,
//   tokyo=00:00-09:00,london=07:00-16:00,newyork=09:30-16:00@America/New_York
// A zone makes the window follow its DST (QTimeZone); without one the window is in UTC. An end
// before the start crosses midnight (the window belongs to the day in which it ends); 24:00 is
// midnight at the end.
#include "indicators/SessionLevels.h"

#include <QString>

#include <optional>
#include <vector>

namespace co {

inline constexpr int kMaxSessions = 12;

// nullopt with *why saying what is wrong and what is allowed.
std::optional<std::vector<SessionDef>> parseSessions(const QString &text, QString *why);

// The text of sessions in SESSIONS form (zones by id), e.g. for the settings dialog and errors.
QString sessionsText(const std::vector<SessionDef> &defs);

} // namespace co
