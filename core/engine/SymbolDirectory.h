#pragma once
// Symbols followed on demand (issue 15): the server and the GUI ask here about a symbol that is
// not in SYMBOLS. Asking for a trading perpetual not followed yet starts following it (at most
// MAX_SYMBOLS, the least recently asked on-demand one dropped); until today's backfill is
// complete the answer is "warming up" with the progress. Implemented over the live feed
// (pipeline/SymbolFollower); callable from any thread.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace co {

struct SymbolAccess {
    enum class Kind : uint8_t {
        Pass,      // not this directory's business (SYMBOLS, or no exchange list yet): the caller decides
        Ready,     // followed on demand, today complete
        WarmingUp, // followed on demand, today's backfill running
        Unknown,   // not a trading USD-M perpetual
    };
    Kind kind = Kind::Pass;
    double progress = 0;    // 0..1 of today's backfill
    int64_t etaMs = -1;     // -1: not known yet
    int retryAfterSec = 0;  // WarmingUp: when to ask again
    std::vector<std::string> closeMatches; // Unknown: up to 3 listed names, closest first
};

// One trading perpetual of the exchange's list.
struct SymbolListing {
    std::string name;
    int64_t quoteVolume24h = 0; // fixed-point (model/Fixed.h); 0 until the all-symbols ticker
    bool followed = false;
};

class SymbolDirectory {
public:
    virtual ~SymbolDirectory() = default;
    // A call for `symbol` (upper case): touches it (least-recently-asked order) and follows a
    // listed one not followed yet.
    virtual SymbolAccess request(const std::string &symbol) = 0;
    // The same answer without side effects (the GUI's progress display).
    virtual SymbolAccess peek(const std::string &symbol) const = 0;
    virtual std::vector<SymbolListing> listing() const = 0;
    // Calls `changed` (from any thread, never under the directory's lock) whenever an answer may
    // have moved (the feed published its status, a symbol was dropped), until unwatch(id). For
    // waits on a warm-up without polling; a directory that cannot tell returns 0.
    virtual int watch(std::function<void()> changed) { (void)changed; return 0; }
    virtual void unwatch(int id) { (void)id; }
};

// Up to `n` names of `names` close to `query`: those it is a prefix of (or that are a prefix of
// it) first, then edit distance ≤ 2, closest first; ties in name order.
std::vector<std::string> closeSymbols(const std::string &query, const std::vector<std::string> &names, size_t n = 3);

} // namespace co
