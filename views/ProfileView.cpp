#include "views/ProfileView.h"

#include "engine/KeyLevels.h"
#include "indicators/ValueArea.h"
#include "model/Fixed.h"
#include "model/Time.h"
#include "render/Format.h"
#include "views/PriceChart.h"
#include "render/Theme.h"

#include <QPainter>

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

ProfileView::ProfileView(QWidget *parent)
    : ChoicePanel("profileView", "profilePicker", parent), canvas_(new ProfileCanvas(this))
{
    setCanvas(canvas_);
}

void ProfileView::rebuild()
{
    const SnapshotPtr &snap = snapshot();
    if (!snap) {
        canvas_->setScene({});
        return;
    }
    const std::vector<ProfileChoice> choices = profileChoices(*snap); // sessions come and go
    QStringList labels;
    for (const ProfileChoice &c : choices)
        labels << c.label;
    const int i = choose(labels);
    // Rows of at least 3 px: a day of 0.1-tick BTC rows would not fit otherwise.
    canvas_->setScene(buildProfileScene(*snap, choices[size_t(i)], grouping(), std::max(20, (canvas_->height() - 24) / 3)));
}

} // namespace co
