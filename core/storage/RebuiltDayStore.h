#pragma once
// The rebuilt_days table (migration 0007) on a read-write connection of its own: the typed record
// of a stored day rebuilt from trade blocks, kept across restarts. A record another version wrote
// is not read (the day is rebuilt and written again). Trades written into a record's span delete
// it (storage/TradeInserter); retention deletes it with its trades.
#include "storage/Database.h"
#include "storage/RebuiltDay.h"

#include <QString>

#include <optional>
#include <string>

namespace co {

struct RebuiltDayKey {
    std::string symbol, zone;
    int64_t day = 0;
    std::string settings; // the build-time engine settings (core/cache names them)
};

class RebuiltDayStore {
public:
    bool open(const QString &path, QString *error);
    std::optional<RebuiltDay> load(const RebuiltDayKey &k, QString *error = nullptr);
    // fromMs/endMs: the span of the trades it was rebuilt from.
    bool save(const RebuiltDayKey &k, int64_t fromMs, int64_t endMs, const RebuiltDay &d, QString *error = nullptr);

private:
    std::optional<int64_t> symbolId(const std::string &name, QString *error);
    Database db_;
};

} // namespace co
