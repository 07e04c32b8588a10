#include "indicators/VwapSums.h"

#include <cmath>

namespace co {

namespace {
constexpr int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
}

void Scaler::ensureDecimals(int priceDecimals, int qtyDecimals) noexcept
{
    if (priceDecimals > pd_) {
        pd_ = int8_t(priceDecimals);
        pDiv_ = kPow10[8 - pd_];
    }
    if (qtyDecimals > qd_) {
        qd_ = int8_t(qtyDecimals);
        qDiv_ = kPow10[8 - qd_];
    }
}

ScaledPQ Scaler::scale(int64_t price, int64_t qty) noexcept
{
    int64_t pr = price / pDiv_;
    if (pr * pDiv_ != price) [[unlikely]] {
        while (pd_ < 8 && price % pDiv_ != 0) {
            ++pd_;
            pDiv_ /= 10;
        }
        pr = price / pDiv_;
    }
    int64_t qr = qty / qDiv_;
    if (qr * qDiv_ != qty) [[unlikely]] {
        while (qd_ < 8 && qty % qDiv_ != 0) {
            ++qd_;
            qDiv_ /= 10;
        }
        qr = qty / qDiv_;
    }
    const __int128 pq = __int128(pr) * qr;
    return {pr, qr, pd_, qd_, pq, pq * pr};
}

void VwapSums::rescale(int8_t pd, int8_t qd) noexcept
{
    if (sq_ == 0) {
        pd_ = pd;
        qd_ = qd;
        return;
    }
    // Scales only grow; a coarser incoming pair would have been scaled by a newer Scaler.
    const __int128 fp = kPow10[pd > pd_ ? pd - pd_ : 0];
    const __int128 fq = kPow10[qd > qd_ ? qd - qd_ : 0];
    sq_ *= fq;
    spq_ *= fq * fp;
    sp2q_ *= fq * fp * fp;
    pd_ = pd > pd_ ? pd : pd_;
    qd_ = qd > qd_ ? qd : qd_;
}

void VwapSums::merge(const VwapSums &o) noexcept
{
    if (o.sq_ == 0)
        return;
    VwapSums other = o;
    const int8_t pd = pd_ > o.pd_ ? pd_ : o.pd_;
    const int8_t qd = qd_ > o.qd_ ? qd_ : o.qd_;
    rescale(pd, qd);
    other.rescale(pd, qd);
    sq_ += other.sq_;
    spq_ += other.spq_;
    sp2q_ += other.sp2q_;
}

std::optional<double> VwapSums::vwap() const noexcept
{
    if (sq_ <= 0)
        return std::nullopt;
    const __int128 q = spq_ / sq_, r = spq_ % sq_;
    const long double v = (static_cast<long double>(q) + static_cast<long double>(r) / static_cast<long double>(sq_));
    return double(v / static_cast<long double>(kPow10[pd_]));
}

std::optional<VwapBands> VwapSums::bands() const noexcept
{
    if (sq_ <= 0)
        return std::nullopt;
    // var = E[p²] − E[p]², split into exact integer quotients and small fractions.
    using LD = long double;
    const __int128 qm = spq_ / sq_, rm = spq_ % sq_;
    const __int128 qa = sp2q_ / sq_, ra = sp2q_ % sq_;
    const LD s = LD(sq_);
    const LD fm = LD(rm) / s;
    LD var = LD(qa - qm * qm) + LD(ra) / s - 2 * LD(qm) * fm - fm * fm;
    if (var < 0)
        var = 0;
    const LD scale = LD(kPow10[pd_]);
    return VwapBands{double((LD(qm) + fm) / scale), double(std::sqrt(var) / scale)};
}

} // namespace co
