#pragma once
// Replays recorded market data as typed events, in file order:
//  - recorder files (plain or .gz): one "<local timestamp> <frame>" per line. Local timestamps are
//    ns (19 digits, hftbacktest), float seconds ("1626992742.289739: {…}", cryptofeed) or absent;
//    lines "<url> -> <ts>: {json}" (REST answers, symbol taken from the url's symbol=) and other
//    non-JSON lines are accepted; REST depth snapshots carry no symbol: the file's last symbol is used.
//  - Binance archive aggTrades CSV (.csv or .zip, header row or not):
//    agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker.
//    The symbol comes from the file name (BTCUSDT-aggTrades-2024-08-01.csv) or Options::symbol.
#include "binance/FrameDecoder.h"
#include "model/Event.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace co {

struct ReplayStats {
    uint64_t lines = 0;
    uint64_t events = 0;
    uint64_t csvRows = 0;
    uint64_t badLines = 0; // unreadable lines / CSV rows (counted, skipped)
    DecodeStats decode;
};

class ReplaySource {
public:
    struct Options {
        std::string symbol;  // default symbol for CSV files / snapshot lines (upper case)
        double speed = 0;    // 0 = as fast as possible; N = N× real time by exchange time
        const std::atomic<bool> *cancel = nullptr;
    };
    using Sink = std::function<void(const MarketEvent &)>;

    ReplaySource(std::vector<std::string> files, Options options);
    ReplaySource(std::vector<std::string> files) : ReplaySource(std::move(files), Options{}) {}

    // Reads every file in order and calls sink for each event. Returns false on the first file that
    // cannot be opened or read (error() says which and why); events already delivered stay delivered.
    bool run(const Sink &sink);

    const ReplayStats &stats() const noexcept { return stats_; }
    const std::string &error() const noexcept { return error_; }

    // Kind of file, from its name and first bytes.
    enum class Format { Recording, AggTradesCsv, Unknown };
    static Format detect(const std::string &path);

private:
    bool runRecording(const std::string &path, const Sink &sink);
    bool runCsv(const std::string &path, const Sink &sink);
    void pace(int64_t exchangeMs);

    std::vector<std::string> files_;
    Options options_;
    ReplayStats stats_;
    std::string error_;
    FrameDecoder decoder_;
    int64_t paceStartExchangeMs_ = 0;
    int64_t paceStartWallNs_ = 0;
    int64_t countedLines_ = 0, countedRows_ = 0, countedBad_ = 0; // of the CSV being read
};

} // namespace co
