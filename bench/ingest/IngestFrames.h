#pragma once
// bench_ingest's frames: the recorded raw trades of a short clip, repeated with consecutive ids and
// times rescaled so N trade or aggTrade frames cover one UTC day, with the exact sums the
// pipeline's results are checked against (parsed here, independently of the code under test).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bench_ingest {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kUnitsPerOne = 100'000'000; // 1e-8 units, as co::parseFixed

struct SrcTrade {
    int64_t E = 0, T = 0, id = 0;
    std::string p, q, x;
    bool m = false;
    int64_t qtyUnits = 0; // q in 1e-8 units, parsed here independently of co::parseFixed
    int qtyDecimals = 0;
};

// "0.006" → 600000 units, 3 decimals. Independent of the code under test on purpose.
bool decimalUnits(std::string_view s, int64_t &units, int &decimals);

std::string formatUnits(int64_t units, int decimals);

bool readGzip(const std::string &path, std::string &out, std::string &err);

// The combined-stream raw trade frames of the recording, in file order.
bool loadTrades(const std::string &path, std::vector<SrcTrade> &out, size_t &skipped, std::string &err);

enum class Variant { AggTrade, Trade };
inline const char *variantName(Variant v) { return v == Variant::AggTrade ? "aggTrade" : "trade"; }

// One message of the repeated clip (a raw trade, or an aggregate of consecutive raw trades).
struct ClipMsg {
    int64_t dT = 0;     // T − T of the clip's first trade
    int64_t dE = 0;     // E − T
    int first = 0;      // index of its first raw trade in the clip
    int count = 1;      // raw trades in it
    int64_t qtyUnits = 0;
    std::string q;      // formatted like Binance (source decimals)
    const SrcTrade *src = nullptr; // price, side, X
};

struct FrameSet {
    Variant variant = Variant::AggTrade;
    std::vector<std::string> frames;
    size_t bytes = 0;
    size_t clipMessages = 0, repetitions = 0;
    int64_t periodMs = 0;
    int64_t firstMs = 0, lastMs = 0;
    int64_t buy = 0, sell = 0; // exact sums in 1e-8 units (taker buy = !m)
    int64_t firstId = 0, lastId = 0;
};

std::vector<ClipMsg> clipMessages(const std::vector<SrcTrade> &src, Variant v);

FrameSet generate(const std::vector<SrcTrade> &src, Variant v, size_t n);

} // namespace bench_ingest
