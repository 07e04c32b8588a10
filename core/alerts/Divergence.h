#pragma once
// Delta/CVD divergence at a new session high or low (alert kind "divergence"), worked out from the
// trades alone as the engine accepts them (nothing polls):
//
// - CVD: the running sum of taker-buy minus taker-sell quantity within the session (the engine's
//   day), starting at 0 with the session's first trade seen.
// - Bars of the rule's timeframe, aligned to UTC multiples of their length. A bar closes when the
//   first trade of a later bar arrives; its CVD is the CVD after its last trade.
// - When a bar closes and the session has an earlier closed bar:
//   bearish: its high is above every earlier bar's high (a new session high) while its CVD is at or
//   below the CVD of the bar that made the previous session high (CVD made no new high);
//   bullish: its low is below every earlier bar's low while its CVD is at or above the CVD of the
//   bar that made the previous session low. A tie does not make a new extreme.
// - A new session resets everything. Only extremes seen by the rule count (it starts fresh).
#include <cstdint>
#include <optional>

namespace co {

class DivergenceTracker {
public:
    explicit DivergenceTracker(int64_t barMs) : barMs_(barMs) {}

    struct Signal {
        bool bearish = false;       // new high without CVD (else: new low without CVD)
        int64_t barOpenMs = 0;      // the bar that made the new extreme
        double extreme = 0;         // its high (bearish) or low (bullish)
        double previous = 0;        // the session's previous high or low
        double cvd = 0;             // the bar's closing CVD
        double previousCvd = 0;     // the closing CVD of the bar that made the previous extreme
    };
    // One trade: price, quantity signed by the aggressor (+ taker buy), and the end of the
    // session it belongs to (UTC ms). A signal when this trade closed a diverging bar.
    std::optional<Signal> add(int64_t timeMs, double price, double signedQty, int64_t sessionEndMs);

private:
    std::optional<Signal> closeBar();

    int64_t barMs_;
    int64_t sessionEnd_ = -1;
    double cvd_ = 0;
    int64_t open_ = -1; // the open bar (-1: none yet)
    double high_ = 0, low_ = 0;
    bool haveClosed_ = false; // a closed bar in this session
    double hi_ = 0, hiCvd_ = 0, lo_ = 0, loCvd_ = 0;
};

} // namespace co
