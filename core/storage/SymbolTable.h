#pragma once
// The symbols table of one connection: ids, the fixed units trade rows are stored in, and the
// last known tick/step (so a restart without network keeps the right grid, TickSource::Cache).
#include "model/Symbol.h"

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace co {

struct StoredSymbol {
    int64_t id = 0;
    std::string name;
    int64_t priceUnit = 1, qtyUnit = 1; // 1e-8 units per stored step
    int64_t tickSize = 0, stepSize = 0;
    TickSource tickSource = TickSource::Inferred;
};

class SymbolTable {
public:
    explicit SymbolTable(sqlite3 *db) : db_(db) {}

    bool load(QString *error);
    const StoredSymbol *find(const std::string &name) const;
    // The symbol's row, created when missing. Units come from the grid (tick/step), else from
    // the decimals of a sample price/qty; a known grid is saved when it changed.
    const StoredSymbol *ensure(const SymbolInfo &info, int64_t samplePrice, int64_t sampleQty, QString *error);
    std::vector<StoredSymbol> all() const;

private:
    sqlite3 *db_;
    std::map<std::string, StoredSymbol, std::less<>> byName_;
};

TickSource tickSourceFromName(const QString &name);

} // namespace co
