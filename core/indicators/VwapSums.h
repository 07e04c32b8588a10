#pragma once
// Exact Σq, Σp·q, Σp²·q in 128-bit integers (spec indicators.md §0, §1). Prices and quantities are
// reduced to the smallest decimal scale the data needs (0.1-tick BTC prices → 1 decimal) so that
// Σp²·q of a busy day stays far inside 128 bits; a finer number later rescales the sums exactly.
#include <cstdint>
#include <optional>

namespace co {

// A price/qty pair reduced to a decimal scale: value = pr·10^-pd, qty = qr·10^-qd.
struct ScaledPQ {
    int64_t pr = 0;
    int64_t qr = 0;
    int8_t pd = 0;
    int8_t qd = 0;
    __int128 pq = 0;  // pr·qr, computed once per trade for every sum it enters
    __int128 p2q = 0; // pr²·qr
};

// Reduces 1e-8 fixed values to the smallest scale seen so far (the scale only grows).
class Scaler {
public:
    ScaledPQ scale(int64_t price, int64_t qty) noexcept;
    void ensureDecimals(int priceDecimals, int qtyDecimals) noexcept;

private:
    int8_t pd_ = 0, qd_ = 0;
    int64_t pDiv_ = 100'000'000, qDiv_ = 100'000'000;
};

struct VwapBands {
    double vwap = 0;
    double sigma = 0;
};

class VwapSums {
public:
    void add(const ScaledPQ &t) noexcept
    {
        if (t.pd != pd_ || t.qd != qd_) [[unlikely]]
            rescale(t.pd, t.qd);
        sq_ += t.qr;
        spq_ += t.pq;
        sp2q_ += t.p2q;
    }
    void merge(const VwapSums &o) noexcept;
    bool empty() const noexcept { return sq_ == 0; }
    // No trades → nullopt (never 0).
    std::optional<VwapBands> bands() const noexcept;
    std::optional<double> vwap() const noexcept;
    // Σp·q as a price (quote volume), converted once at the edge.
    double notional() const noexcept
    {
        long double div = 1;
        for (int i = 0; i < pd_ + qd_; ++i)
            div *= 10;
        return double((long double)spq_ / div);
    }

    bool operator==(const VwapSums &) const = default;

    // The sums as they are (a stored rebuilt day keeps them exactly).
    struct Raw {
        __int128 q = 0, pq = 0, p2q = 0;
        int8_t pd = 0, qd = 0;
    };
    Raw raw() const noexcept { return {sq_, spq_, sp2q_, pd_, qd_}; }
    static VwapSums fromRaw(const Raw &r) noexcept
    {
        VwapSums s;
        s.sq_ = r.q;
        s.spq_ = r.pq;
        s.sp2q_ = r.p2q;
        s.pd_ = r.pd;
        s.qd_ = r.qd;
        return s;
    }

private:
    void rescale(int8_t pd, int8_t qd) noexcept;

    __int128 sq_ = 0, spq_ = 0, sp2q_ = 0;
    int8_t pd_ = 0, qd_ = 0;
};

} // namespace co
