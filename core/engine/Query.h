#pragma once
// Common parts of the read-side queries over a snapshot (server tools, REST, GUI): which "now"
// a query is answered at, and why a query may have no answer.
#include "engine/Snapshot.h"

#include <cstdint>
#include <string>
#include <variant>

namespace co {

enum class QueryErrorKind : uint8_t {
    NoData,      // nothing received yet for this symbol/stream: retry later
    NotInMemory, // a valid request for data the engine no longer (or never) kept
    Unsupported, // a valid request the engine cannot answer exactly (e.g. another day zone)
};

struct QueryError {
    QueryErrorKind kind = QueryErrorKind::NoData;
    std::string message;
};

template <typename T>
using QueryResult = std::variant<T, QueryError>;

// Replayed or imported data is answered at its own time (the latest event), live and cached data
// at the wall clock, so ageMs and "active" flags mean the same in both.
inline int64_t queryNowMs(const EngineSnapshot &s, int64_t wallMs)
{
    const bool recorded = !s.quality.live && (s.quality.source == "replay" || s.quality.source == "archive");
    return recorded ? s.asOfMs : wallMs;
}

} // namespace co
