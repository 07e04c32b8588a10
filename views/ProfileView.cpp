#include "views/ProfileView.h"

#include "engine/KeyLevels.h"
#include "indicators/ValueArea.h"
#include "model/Fixed.h"
#include "model/Time.h"
#include "views/Format.h"
#include "views/PriceChart.h"
#include "views/Theme.h"

#include <QComboBox>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace co {

namespace {
// A session's profile: today's and the prior day's 1-minute bars that open inside its window
// (sessions start and end on whole minutes, so this is exact).
Ladder sessionLadder(const EngineSnapshot &s, const SessionView &v)
{
    Ladder out;
    for (const auto *day : {s.prior.get(), s.today.get()}) {
        if (!day)
            continue;
        for (const BarPtr &b : day->barsOf(Timeframe::M1)) {
            if (b->openTime < v.windowStartMs || b->openTime >= v.windowEndMs || b->rows.empty())
                continue;
            for (int64_t row = b->rows.lowRow(); row <= b->rows.highRow(); ++row)
                out.addRow(row, b->rows.at(row));
        }
    }
    return out;
}
} // namespace

std::vector<ProfileChoice> profileChoices(const EngineSnapshot &s)
{
    std::vector<ProfileChoice> out;
    out.push_back({ProfileChoice::Today, 0, ProfileView::tr("Today")});
    if (s.prior && s.prior->totals.trades)
        out.push_back({ProfileChoice::PriorDay, 0, ProfileView::tr("Prior day")});
    for (size_t i = 0; i < s.todaySessions.size(); ++i)
        if (s.todaySessions[i].stats)
            out.push_back({ProfileChoice::Session, i,
                           ProfileView::tr("%1 session").arg(sessionDisplayName(s.todaySessions[i].name))});
    for (size_t i = 0; i < s.priorSessions.size(); ++i) // each configured session of the prior day too
        if (s.priorSessions[i].stats)
            out.push_back({ProfileChoice::PriorSession, i,
                           ProfileView::tr("%1 session, prior day").arg(sessionDisplayName(s.priorSessions[i].name))});
    return out;
}

ProfileScene buildProfileScene(const EngineSnapshot &s, const ProfileChoice &c, int64_t grouping, int64_t maxRows)
{
    ProfileScene sc;
    sc.title = c.label;
    grouping = std::max<int64_t>(1, grouping);
    const int64_t tick = s.symbol.tickSize;
    sc.rowStep = fixedToDouble(tick * grouping);
    sc.priceDecimals = decimalsFor(fixedToDouble(tick));
    sc.hasLastPrice = s.hasTrade;
    sc.lastPrice = fixedToDouble(s.lastPrice);
    Ladder ladder;
    if (c.kind == ProfileChoice::Today && s.today && s.today->profile)
        ladder = *s.today->profile;
    else if (c.kind == ProfileChoice::PriorDay && s.prior && s.prior->profile)
        ladder = *s.prior->profile;
    else if (c.kind == ProfileChoice::Session && c.session < s.todaySessions.size())
        ladder = sessionLadder(s, s.todaySessions[c.session]);
    else if (c.kind == ProfileChoice::PriorSession && c.session < s.priorSessions.size())
        ladder = sessionLadder(s, s.priorSessions[c.session]);
    if (ladder.empty() || tick <= 0)
        return sc;
    if (maxRows > 0) {
        const int64_t base = grouping;
        for (int64_t m : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000}) {
            grouping = base * m;
            if (floorDiv(ladder.highRow(), grouping) - floorDiv(ladder.lowRow(), grouping) + 1 <= maxRows)
                break;
        }
        sc.rowStep = fixedToDouble(tick * grouping);
    }
    const Ladder rows = ladder.grouped(grouping);
    for (int64_t r = rows.highRow(); r >= rows.lowRow(); --r) {
        const RowVolume &v = rows.at(r);
        sc.rows.push_back({fixedToDouble(r * grouping * tick), qtyValue(v.buy), qtyValue(v.sell)});
    }
    if (auto pl = profileLevels(rows, s.config.valueAreaBp, s.config.valueAreaMethod)) {
        sc.poc = fixedToDouble(pl->pocRow * grouping * tick);
        sc.vah = fixedToDouble(pl->vahRow * grouping * tick);
        sc.val = fixedToDouble(pl->valRow * grouping * tick);
        sc.volume = qtyValue(pl->totalVolume);
        sc.valueAreaVolume = qtyValue(pl->vaVolume);
    }
    return sc;
}

void paintProfile(QPainter &p, const QRectF &area, const ProfileScene &sc)
{
    using namespace theme;
    p.save();
    p.fillRect(area, kBackground);
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
    if (sc.rows.empty()) {
        p.setPen(kAxisText);
        p.drawText(area, Qt::AlignCenter, ProfileView::tr("No trades in this profile yet"));
        p.restore();
        return;
    }
    constexpr double kAxis = 70, kHeader = 20;
    const QRectF plot(area.left() + kAxis, area.top() + kHeader, std::max(0.0, area.width() - kAxis - 8),
                      std::max(0.0, area.height() - kHeader - 4));
    const double rowH = plot.height() / double(sc.rows.size());
    auto yOf = [&](size_t i) { return plot.top() + double(i) * rowH; };
    auto indexOf = [&](double price) { return size_t(std::llround((sc.rows.front().price - price) / sc.rowStep)); };
    double maxVol = 0;
    for (const ProfileRow &r : sc.rows)
        maxVol = std::max(maxVol, r.buy + r.sell);

    if (sc.vah && sc.val)
        p.fillRect(QRectF(area.left(), yOf(indexOf(*sc.vah)), area.width(), (double(indexOf(*sc.val)) - double(indexOf(*sc.vah)) + 1) * rowH),
                   kValueArea);
    const double gap = rowH >= 4 ? 1 : 0;
    for (size_t i = 0; i < sc.rows.size(); ++i) {
        const ProfileRow &r = sc.rows[i];
        const double len = maxVol > 0 ? (r.buy + r.sell) / maxVol * plot.width() : 0;
        const double sellLen = r.buy + r.sell > 0 ? len * r.sell / (r.buy + r.sell) : 0;
        const bool inVa = sc.vah && sc.val && r.price <= *sc.vah + sc.rowStep / 4 && r.price >= *sc.val - sc.rowStep / 4;
        const int alpha = inVa ? 230 : 120;
        p.fillRect(QRectF(plot.left(), yOf(i), sellLen, rowH - gap), QColor(kSell.red(), kSell.green(), kSell.blue(), alpha));
        p.fillRect(QRectF(plot.left() + sellLen, yOf(i), len - sellLen, rowH - gap), QColor(kBuy.red(), kBuy.green(), kBuy.blue(), alpha));
    }

    // POC, VAH, VAL lines and labels; price labels on the left.
    auto level = [&](const std::optional<double> &price, const QString &name, const QColor &c, Qt::PenStyle st) {
        if (!price)
            return;
        const double y = yOf(indexOf(*price)) + rowH / 2;
        p.setPen(QPen(c, st == Qt::SolidLine ? 2 : 1, st));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(c);
        const bool below = y - 14 < plot.top(); // keep clear of the header
        p.drawText(QRectF(plot.right() - 150, below ? y + 1 : y - 14, 146, 13), Qt::AlignRight | (below ? Qt::AlignTop : Qt::AlignBottom),
                   name + QLatin1Char(' ') + formatPrice(*price, sc.priceDecimals));
    };
    level(sc.vah, ProfileView::tr("VAH"), kPoc, Qt::DashLine);
    level(sc.val, ProfileView::tr("VAL"), kPoc, Qt::DashLine);
    level(sc.poc, ProfileView::tr("POC"), kPoc, Qt::SolidLine);

    p.setPen(kAxisText);
    const size_t every = size_t(std::max(1.0, std::ceil(16 / std::max(rowH, 0.01))));
    for (size_t i = 0; i < sc.rows.size(); i += every)
        p.drawText(QRectF(area.left() + 2, yOf(i) + rowH / 2 - 8, kAxis - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatPrice(sc.rows[i].price, sc.priceDecimals));
    if (sc.hasLastPrice && sc.lastPrice <= sc.rows.front().price && sc.lastPrice >= sc.rows.back().price) {
        const double y = yOf(indexOf(std::floor(sc.lastPrice / sc.rowStep + 1e-9) * sc.rowStep)) + rowH / 2;
        p.fillRect(QRectF(area.left() + 2, y - 8, kAxis - 4, 16), kLastPrice);
        p.setPen(kTextOnStrong);
        p.drawText(QRectF(area.left() + 2, y - 8, kAxis - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatPrice(sc.lastPrice, sc.priceDecimals));
    }
    p.setPen(kText);
    p.drawText(QRectF(area.left() + 6, area.top() + 2, area.width() - 12, kHeader - 4), Qt::AlignLeft | Qt::AlignVCenter,
               ProfileView::tr("%1 · rows %2 · volume %3 · value area %4")
                   .arg(sc.title, formatPrice(sc.rowStep, decimalsFor(sc.rowStep)), formatQty(sc.volume), formatQty(sc.valueAreaVolume)));
    p.restore();
}

ProfileCanvas::ProfileCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName("profileCanvas");
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 160);
}

void ProfileCanvas::setScene(ProfileScene scene)
{
    scene_ = std::move(scene);
    update();
}

void ProfileCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintProfile(p, QRectF(rect()), scene_);
}

ProfileView::ProfileView(QWidget *parent) : QWidget(parent), picker_(new QComboBox(this)), canvas_(new ProfileCanvas(this))
{
    setObjectName("profileView");
    picker_->setObjectName("profilePicker");
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(2);
    lay->addWidget(picker_);
    lay->addWidget(canvas_, 1);
    connect(picker_, &QComboBox::currentIndexChanged, this, [this] {
        dirty_ = true;
        refresh();
    });
}

void ProfileView::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    dirty_ = true;
    if (isVisible())
        refresh();
}

void ProfileView::setGrouping(int64_t ticks)
{
    grouping_ = ticks;
    setSnapshot(snap_);
}

void ProfileView::showEvent(QShowEvent *) { refresh(); }

void ProfileView::resizeEvent(QResizeEvent *)
{
    dirty_ = true; // the row merging depends on the height
    if (isVisible())
        refresh();
}

void ProfileView::refresh()
{
    if (!dirty_)
        return;
    dirty_ = false;
    if (!snap_) {
        canvas_->setScene({});
        return;
    }
    // Keep the selection by label while sessions come and go.
    const QString current = picker_->currentText();
    choices_ = profileChoices(*snap_);
    QStringList labels;
    for (const ProfileChoice &c : choices_)
        labels << c.label;
    QStringList existing;
    for (int i = 0; i < picker_->count(); ++i)
        existing << picker_->itemText(i);
    if (labels != existing) {
        const QSignalBlocker block(picker_);
        picker_->clear();
        picker_->addItems(labels);
        picker_->setCurrentIndex(std::max<qsizetype>(0, labels.indexOf(current)));
    }
    const int i = std::max(0, picker_->currentIndex());
    // Rows of at least 3 px: a day of 0.1-tick BTC rows would not fit otherwise.
    canvas_->setScene(buildProfileScene(*snap_, choices_[size_t(i)], grouping_, std::max(20, (canvas_->height() - 24) / 3)));
}

} // namespace co
