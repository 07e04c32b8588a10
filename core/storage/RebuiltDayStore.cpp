#include "storage/RebuiltDayStore.h"

#include "storage/Sqlite.h"

namespace co {

namespace {
void bindKey(Statement &st, int64_t sym, const RebuiltDayKey &k)
{
    st.bind(1, sym);
    st.bind(2, k.zone);
    st.bind(3, k.day);
    st.bind(4, k.settings);
}

bool failed(const Statement &st, QString *error)
{
    if (error)
        *error = st.error();
    return false;
}
} // namespace

bool RebuiltDayStore::open(const QString &path, QString *error)
{
    Database::Options o;
    o.cacheKiB = 2 * 1024; // reads a few records: a small page cache
    return db_.open(path, o, error);
}

std::optional<int64_t> RebuiltDayStore::symbolId(const std::string &name, QString *error)
{
    Statement st(db_.handle(), "SELECT id FROM symbols WHERE name = ?");
    st.bind(1, name);
    if (st.step())
        return st.int64(0);
    if (error && !st.error().isEmpty())
        *error = st.error();
    return std::nullopt;
}

std::optional<RebuiltDay> RebuiltDayStore::load(const RebuiltDayKey &k, QString *error)
{
    const std::optional<int64_t> sym = symbolId(k.symbol, error);
    if (!sym)
        return std::nullopt;
    Statement st(db_.handle(), "SELECT record FROM rebuilt_days WHERE sym = ? AND zone = ? AND day = ? AND settings = ?");
    bindKey(st, *sym, k);
    if (!st.step()) {
        if (error && !st.error().isEmpty())
            *error = st.error();
        return std::nullopt;
    }
    const std::string_view b = st.blob(0);
    return decodeRebuiltDay(QByteArray::fromRawData(b.data(), qsizetype(b.size())));
}

bool RebuiltDayStore::save(const RebuiltDayKey &k, int64_t fromMs, int64_t endMs, const RebuiltDay &d, QString *error)
{
    const std::optional<int64_t> sym = symbolId(k.symbol, error);
    if (!sym)
        return false;
    const QByteArray record = encodeRebuiltDay(d);
    if (record.isEmpty()) {
        if (error)
            *error = "the record could not be compressed";
        return false;
    }
    // A trade of the span committed after this deletes the row; one committed while the day was
    // being rebuilt (after its read, before this) is missed until the next trade of the span.
    Statement st(db_.handle(), "INSERT OR REPLACE INTO rebuilt_days(sym, zone, day, settings, from_ms, end_ms, record) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)");
    bindKey(st, *sym, k);
    st.bind(5, fromMs);
    st.bind(6, endMs);
    st.bindBlob(7, record.constData(), int(record.size()));
    return st.exec() || failed(st, error);
}

} // namespace co
