#include "views/DerivativesChart.h"

#include "engine/KeyLevels.h"
#include "model/Fixed.h"
#include "render/Format.h"
#include "render/Theme.h"

#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace co {

namespace {
constexpr int kFundingSeenMax = 20'000;

QString countdown(int64_t ms)
{
    ms = std::max<int64_t>(0, ms);
    const int64_t s = ms / 1000;
    return QString::asprintf("%02lld:%02lld:%02lld", (long long)(s / 3600), (long long)(s / 60 % 60), (long long)(s % 60));
}
} // namespace

DerivativesChart::DerivativesChart(QWidget *parent) : ChartPanel(parent)
{
    setObjectName("derivativesChart");
    oiAxis_ = addValueAxis(Qt::AlignLeft);
    fundingAxis_ = addValueAxis(Qt::AlignRight);
    oi_ = addLine(QString(), theme::kNakedPoc, oiAxis_, 2);
    funding_ = addLine(QString(), theme::kVwap, fundingAxis_);
    retranslate();
}

void DerivativesChart::retranslate()
{
    oi_->setName(tr("Open interest"));
    funding_->setName(tr("Funding rate %"));
}

void DerivativesChart::setSnapshot(const SnapshotPtr &s)
{
    const QString symbol = s ? QString::fromStdString(s->symbol.name) : QString();
    if (symbol != symbol_) {
        symbol_ = symbol;
        fundingSeen_.clear();
        lastMarkMs_ = 0;
    }
    snap_ = s;
    // Collect funding samples even while hidden: the history exists only here.
    if (s && s->funding && s->funding->mark() && s->funding->mark()->eventMs > lastMarkMs_) {
        const MarkPrice &m = *s->funding->mark();
        lastMarkMs_ = m.eventMs;
        fundingSeen_.append({chartTime(m.eventMs), fixedToDouble(m.fundingRate) * 100});
        if (fundingSeen_.size() > kFundingSeenMax)
            fundingSeen_.remove(0, fundingSeen_.size() - kFundingSeenMax);
    }
    markDirty();
}

void DerivativesChart::refresh()
{
    QList<QPointF> oi;
    double oiLo = INFINITY, oiHi = -INFINITY;
    int64_t from = INT64_MAX, to = INT64_MIN;
    QStringList parts;
    if (snap_ && snap_->funding) {
        const Funding &f = *snap_->funding;
        for (const OpenInterest &v : f.openInterestHistory()) {
            const double q = qtyValue(v.openInterest);
            oi.append({chartTime(v.timeMs), q});
            oiLo = std::min(oiLo, q);
            oiHi = std::max(oiHi, q);
            from = std::min(from, v.timeMs);
            to = std::max(to, v.timeMs);
        }
        if (const auto &m = f.mark()) {
            const int d = decimalsFor(fixedToDouble(snap_->symbol.tickSize));
            parts << tr("Mark %1 · index %2").arg(formatPrice(fixedToDouble(m->markPrice), d), formatPrice(fixedToDouble(m->indexPrice), d))
                  << tr("funding %1 %").arg(QString::number(fixedToDouble(m->fundingRate) * 100, 'f', 4));
            if (m->nextFundingMs > 0)
                parts << tr("next in %1").arg(countdown(m->nextFundingMs - snap_->asOfMs));
        }
        if (const auto latest = f.openInterest()) {
            QString s = tr("OI %1").arg(formatQty(qtyValue(latest->openInterest)));
            if (const auto ch = f.openInterestChange(3'600'000); ch && latest->openInterest != *ch)
                s += QLatin1Char(' ') + tr("(1 h %1)").arg(formatSignedQty(qtyValue(*ch)));
            parts << s;
        }
    }
    double fLo = INFINITY, fHi = -INFINITY;
    for (const QPointF &p : fundingSeen_) {
        fLo = std::min(fLo, p.y());
        fHi = std::max(fHi, p.y());
    }
    oi_->replace(oi);
    funding_->replace(fundingSeen_);
    if (oi.isEmpty() && fundingSeen_.isEmpty()) {
        header()->setText(tr("No mark price or open interest in this data (recorded files often have neither)."));
        return;
    }
    header()->setText(parts.join(QStringLiteral(" · ")));
    // Time range: OI history and the funding samples seen.
    if (!fundingSeen_.isEmpty()) {
        from = std::min(from, lastMarkMs_ - 60'000);
        to = std::max(to, lastMarkMs_);
    }
    setTimeRange(from, to);
    if (!oi.isEmpty())
        setRange(oiAxis_, oiLo, oiHi);
    if (!fundingSeen_.isEmpty())
        setRange(fundingAxis_, fLo, fHi);
}

} // namespace co
