#include "storage/SymbolTable.h"

#include "model/Fixed.h"
#include "storage/Sqlite.h"

#include <QDateTime>

#include <algorithm>

namespace co {

namespace {
// 10^(8 - decimals of v): the coarsest power-of-ten unit v is a multiple of.
int64_t decimalUnit(int64_t v)
{
    if (v <= 0)
        return 1;
    int64_t unit = 1;
    for (int d = fixedDecimals(v); d < kFixedDecimals; ++d)
        unit *= 10;
    return unit;
}
} // namespace

TickSource tickSourceFromName(const QString &name)
{
    if (name == QLatin1String(tickSourceName(TickSource::ExchangeInfo)))
        return TickSource::ExchangeInfo;
    if (name == QLatin1String(tickSourceName(TickSource::Cache)))
        return TickSource::Cache;
    return TickSource::Inferred;
}

bool SymbolTable::load(QString *error)
{
    Statement q(db_, "SELECT id, name, price_unit, qty_unit, tick_size, step_size, tick_source FROM symbols");
    if (!q.ok()) {
        if (error)
            *error = q.error();
        return false;
    }
    byName_.clear();
    while (q.step()) {
        StoredSymbol s;
        s.id = q.int64(0);
        s.name = q.text(1).toStdString();
        s.priceUnit = q.int64(2);
        s.qtyUnit = q.int64(3);
        s.tickSize = q.int64(4);
        s.stepSize = q.int64(5);
        s.tickSource = tickSourceFromName(q.text(6));
        byName_[s.name] = s;
    }
    if (!q.error().isEmpty() && error)
        *error = q.error();
    return q.error().isEmpty();
}

const StoredSymbol *SymbolTable::find(const std::string &name) const
{
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : &it->second;
}

const StoredSymbol *SymbolTable::ensure(const SymbolInfo &info, int64_t samplePrice, int64_t sampleQty, QString *error)
{
    auto it = byName_.find(info.name);
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    // A grid from the cache is only what we stored: never write it back as news.
    const bool gridKnown = info.tickSize > 0 && info.tickSource != TickSource::Cache;
    if (it == byName_.end()) {
        StoredSymbol s;
        s.name = info.name;
        // Without a grid, a sample's decimals guess it, capped so that a round sample ("0.010")
        // does not leave most rows off the unit (they would need remainders).
        s.priceUnit = info.tickSize > 0 ? info.tickSize : std::min<int64_t>(decimalUnit(samplePrice), 1'000'000);
        s.qtyUnit = info.stepSize > 0 ? info.stepSize : std::min<int64_t>(decimalUnit(sampleQty), 100'000);
        s.tickSize = gridKnown ? info.tickSize : 0;
        s.stepSize = gridKnown ? info.stepSize : 0;
        s.tickSource = info.tickSource;
        Statement ins(db_, "INSERT INTO symbols(name, price_unit, qty_unit, tick_size, step_size, tick_source, "
                           "updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ins.bind(1, s.name);
        ins.bind(2, s.priceUnit);
        ins.bind(3, s.qtyUnit);
        ins.bind(4, s.tickSize);
        ins.bind(5, s.stepSize);
        ins.bind(6, std::string_view(tickSourceName(s.tickSource)));
        ins.bind(7, now);
        if (!ins.exec()) {
            if (error)
                *error = "cannot add symbol " + QString::fromStdString(s.name) + ": " + ins.error();
            return nullptr;
        }
        Statement id(db_, "SELECT id FROM symbols WHERE name = ?");
        id.bind(1, s.name);
        if (!id.step()) {
            if (error)
                *error = "cannot read back symbol " + QString::fromStdString(s.name) + ": " + id.error();
            return nullptr;
        }
        s.id = id.int64(0);
        return &(byName_[s.name] = s);
    }
    StoredSymbol &s = it->second;
    if (gridKnown && (s.tickSize != info.tickSize || s.stepSize != info.stepSize || s.tickSource != info.tickSource)) {
        Statement up(db_, "UPDATE symbols SET tick_size = ?, step_size = ?, tick_source = ?, updated_ms = ? WHERE id = ?");
        up.bind(1, info.tickSize);
        up.bind(2, info.stepSize);
        up.bind(3, std::string_view(tickSourceName(info.tickSource)));
        up.bind(4, now);
        up.bind(5, s.id);
        if (!up.exec()) {
            if (error)
                *error = "cannot update symbol " + QString::fromStdString(s.name) + ": " + up.error();
            return nullptr;
        }
        s.tickSize = info.tickSize;
        s.stepSize = info.stepSize;
        s.tickSource = info.tickSource;
    }
    return &s;
}

std::vector<StoredSymbol> SymbolTable::all() const
{
    std::vector<StoredSymbol> out;
    for (const auto &[name, s] : byName_)
        out.push_back(s);
    return out;
}

} // namespace co
