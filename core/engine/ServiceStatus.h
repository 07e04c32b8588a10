#pragma once
// Status of the running services (Binance feed, storage, replay, server) as typed values, for
// /healthz (core/server/HealthEncoder, the only place that turns them into JSON) and the GUI status
// bar. A service that has not reported yet is absent (nullopt). Any thread may write or read.
#include "model/FeedStatus.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace co {

// The SQLite cache (cache/StorageService).
struct StorageStatus {
    enum class State : uint8_t { Starting, Restoring, Ready, Cancelled, Error, Closed };
    struct StoredTrade {
        int64_t id = 0, timeMs = 0;
        bool aggTrade = true; // else a raw trade id
    };
    struct Writer {
        uint64_t trades = 0, records = 0, batches = 0, pending = 0, dropped = 0, retained = 0;
        int64_t lastCommitMs = 0, maxCommitMs = 0, blockedMs = 0;
        std::string lastError; // "" = none
    };
    State state = State::Starting;
    std::string path;
    std::string error;   // "" = none
    bool opened = false; // false: the database did not open, only state, path and error are known
    int schemaVersion = 0;
    int64_t sizeBytes = 0; // the cache file with its WAL, on disk
    int cacheDays = 0;     // TRADE_CACHE_DAYS
    // Trade rows of an older cache being converted into blocks (0: none), and done so far.
    int64_t convertRows = 0, convertedRows = 0;
    int64_t restoredTrades = 0, expectedTrades = 0, seededDays = 0;
    double progress = 0;             // of the restore, 0..1
    std::string restoring;           // the symbol being restored; "" = none
    std::optional<int64_t> restoreMs; // once restored
    std::map<std::string, StoredTrade> lastStoredAtStart;
    std::optional<Writer> writer;
};

// The MCP/REST server.
struct ServerStatus {
    bool running = false;
    std::string host; // while running
    int port = 0;     // while running (the bound port)
    std::string error; // why it is not running; "" = stopped on request
};

// A replay that has finished (absent while it runs).
struct ReplayStatus {
    bool ok = true;
    std::string message;
};

inline const char *stateName(StorageStatus::State s)
{
    switch (s) {
    case StorageStatus::State::Starting: return "starting";
    case StorageStatus::State::Restoring: return "restoring";
    case StorageStatus::State::Ready: return "ready";
    case StorageStatus::State::Cancelled: return "cancelled";
    case StorageStatus::State::Error: return "error";
    case StorageStatus::State::Closed: return "closed";
    }
    return "unknown";
}

class ServiceStatus {
public:
    // Everything at one instant.
    struct Services {
        std::optional<BinanceStatus> binance;
        std::optional<StorageStatus> storage;
        std::optional<ServerStatus> server;
        std::optional<ReplayStatus> replay;
    };

    void set(BinanceStatus s) { put(&Services::binance, std::move(s)); }
    void set(StorageStatus s) { put(&Services::storage, std::move(s)); }
    void set(ServerStatus s) { put(&Services::server, std::move(s)); }
    void set(ReplayStatus s) { put(&Services::replay, std::move(s)); }

    // Copies: the producers keep writing.
    std::optional<BinanceStatus> binance() const { return get(&Services::binance); }
    std::optional<StorageStatus> storage() const { return get(&Services::storage); }
    std::optional<ServerStatus> server() const { return get(&Services::server); }
    std::optional<ReplayStatus> replay() const { return get(&Services::replay); }
    Services all() const
    {
        std::lock_guard lock(mutex_);
        return services_;
    }

private:
    template <class T>
    void put(std::optional<T> Services::*field, T &&value)
    {
        std::lock_guard lock(mutex_);
        services_.*field = std::move(value);
    }
    template <class T>
    std::optional<T> get(std::optional<T> Services::*field) const
    {
        std::lock_guard lock(mutex_);
        return services_.*field;
    }

    mutable std::mutex mutex_;
    Services services_;
};

} // namespace co
