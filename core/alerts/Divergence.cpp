#include "alerts/Divergence.h"

namespace co {

std::optional<DivergenceTracker::Signal> DivergenceTracker::closeBar()
{
    std::optional<Signal> out;
    if (!haveClosed_) {
        haveClosed_ = true;
        hi_ = high_, hiCvd_ = cvd_, lo_ = low_, loCvd_ = cvd_;
        return out;
    }
    if (high_ > hi_) {
        if (cvd_ <= hiCvd_)
            out = Signal{true, open_, high_, hi_, cvd_, hiCvd_};
        hi_ = high_, hiCvd_ = cvd_;
    }
    if (low_ < lo_) {
        if (cvd_ >= loCvd_ && !out) // an outside bar diverging both ways reports its high
            out = Signal{false, open_, low_, lo_, cvd_, loCvd_};
        lo_ = low_, loCvd_ = cvd_;
    }
    return out;
}

std::optional<DivergenceTracker::Signal> DivergenceTracker::add(int64_t timeMs, double price, double signedQty,
                                                               int64_t sessionEndMs)
{
    if (sessionEndMs != sessionEnd_) { // a new session: nothing of the last one counts
        *this = DivergenceTracker(barMs_);
        sessionEnd_ = sessionEndMs;
    }
    std::optional<Signal> out;
    const int64_t open = timeMs - ((timeMs % barMs_) + barMs_) % barMs_;
    if (open_ >= 0 && open != open_)
        out = closeBar(); // the CVD is still the closed bar's
    if (open != open_) {
        open_ = open;
        high_ = low_ = price;
    }
    high_ = price > high_ ? price : high_;
    low_ = price < low_ ? price : low_;
    cvd_ += signedQty;
    return out;
}

} // namespace co
