#include "views/StatusPanel.h"

#include "render/Format.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace co {

namespace {
QString colourFor(const QString &state)
{
    static const QStringList good{"connected", "live", "running", "ok", "ready", "synced", "listening", "open", "done", "finished"};
    static const QStringList busy{"connecting", "syncing", "reconnecting", "backfilling", "starting", "replaying", "restoring"};
    static const QStringList idle{"replay", "offline", "stopped", "off", "idle", "disabled", "cancelled"};
    const QString s = state.toLower();
    if (good.contains(s))
        return QStringLiteral("#26a65b");
    if (busy.contains(s))
        return QStringLiteral("#f5c542");
    if (idle.contains(s))
        return QStringLiteral("#8a919d");
    return QStringLiteral("#e0464f");
}

// Service states are English words from core; the known ones are shown translated.
const char *const kStateWords[] = {
    QT_TRANSLATE_NOOP("co::StatusPanel", "connected"),  QT_TRANSLATE_NOOP("co::StatusPanel", "disconnected"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "connecting"), QT_TRANSLATE_NOOP("co::StatusPanel", "reconnecting"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "syncing"),    QT_TRANSLATE_NOOP("co::StatusPanel", "synced"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "backfilling"), QT_TRANSLATE_NOOP("co::StatusPanel", "live"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "running"),    QT_TRANSLATE_NOOP("co::StatusPanel", "stopped"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "ok"),         QT_TRANSLATE_NOOP("co::StatusPanel", "error"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "ready"),      QT_TRANSLATE_NOOP("co::StatusPanel", "restoring"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "off"),        QT_TRANSLATE_NOOP("co::StatusPanel", "cancelled"),
    // data sources (dataQuality.source)
    QT_TRANSLATE_NOOP("co::StatusPanel", "replay"),     QT_TRANSLATE_NOOP("co::StatusPanel", "archive"),
    QT_TRANSLATE_NOOP("co::StatusPanel", "cache"),      QT_TRANSLATE_NOOP("co::StatusPanel", "binance-usdm"),
};

QString word(const QString &english)
{
    for (const char *w : kStateWords)
        if (english == QLatin1String(w))
            return QCoreApplication::translate("co::StatusPanel", w);
    return english;
}

QString dot(const QString &name, const QString &state, const QString &colour)
{
    return QStringLiteral("<span style='color:%1'>●</span> %2: %3")
        .arg(colour, name.toHtmlEscaped(), word(state).toHtmlEscaped());
}

QString qs(const std::string &s) { return QString::fromStdString(s); }
QString inBrackets(const std::string &s) { return s.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(s)); }

// The tooltip: the numbers behind the dots, one line per service, stream or symbol.
QString details(const ServiceStatus::Services &all)
{
    QStringList lines;
    if (const auto &b = all.binance) {
        lines << QStringLiteral("binance: %1, REST weight %2/%3, %4 queued, %5 failed%6")
                     .arg(stateOf(*b))
                     .arg(b->rest.usedWeight)
                     .arg(b->rest.weightLimit)
                     .arg(b->rest.queued)
                     .arg(b->rest.failed)
                     .arg(inBrackets(b->message));
        for (const auto *st : {&b->marketStream, &b->publicStream})
            if (*st)
                lines << QStringLiteral("  /%1: %2, %3 messages, %4 reconnects")
                             .arg(qs((*st)->route), stateOf(**st))
                             .arg((*st)->messages)
                             .arg((*st)->reconnects);
        for (const auto &[name, f] : b->symbols) {
            const QString backfill =
                f.backfill.active ? QStringLiteral(", backfill %1 %").arg(qRound(f.backfill.progress * 100)) : QString();
            lines << QStringLiteral("  %1: %2 pending, %3 gaps filled, %4 unfilled%5")
                         .arg(qs(name))
                         .arg(f.pendingTrades)
                         .arg(f.gapsFilled)
                         .arg(f.gapsUnfilled)
                         .arg(backfill);
        }
    }
    if (const auto &r = all.replay)
        lines << QStringLiteral("replay: %1 %2").arg(stateOf(*r), qs(r->message));
    if (const auto &sv = all.server)
        lines << QStringLiteral("server: %1 %2")
                     .arg(stateOf(*sv), sv->running ? QStringLiteral("%1:%2").arg(qs(sv->host)).arg(sv->port) : qs(sv->error));
    if (const auto &st = all.storage)
        lines << QStringLiteral("storage: %1, %2 trades restored, %3%4")
                     .arg(stateOf(*st))
                     .arg(st->restoredTrades)
                     .arg(qs(st->path), inBrackets(st->error));
    return lines.join(QLatin1Char('\n'));
}
} // namespace

QString stateOf(const BinanceStatus &s) { return QString::fromLatin1(stateName(s.state)); }
QString stateOf(const StreamStatus &s)
{
    return s.connected ? QStringLiteral("connected") : QStringLiteral("disconnected");
}
QString stateOf(const StorageStatus &s) { return QString::fromLatin1(stateName(s.state)); }
QString stateOf(const ServerStatus &s) { return s.running ? QStringLiteral("ok") : QStringLiteral("stopped"); }
QString stateOf(const ReplayStatus &s) { return s.ok ? QStringLiteral("ok") : QStringLiteral("error"); }

StatusPanel::StatusPanel(QWidget *parent)
    : QWidget(parent), connections_(new QLabel(this)), lag_(new QLabel(this)), weight_(new QLabel(this)),
      server_(new QToolButton(this))
{
    setObjectName("statusPanel");
    connections_->setObjectName("statusConnections");
    lag_->setObjectName("statusLag");
    weight_->setObjectName("statusWeight");
    server_->setObjectName("statusServerUrl");
    connections_->setTextFormat(Qt::RichText);
    server_->setAutoRaise(true);
    server_->setCursor(Qt::PointingHandCursor);
    server_->setToolTip(tr("Click to copy the MCP server URL (for Cherry Studio and other MCP clients)"));
    auto *lay = new QHBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(14);
    lay->addWidget(connections_);
    lay->addWidget(lag_);
    lay->addWidget(weight_);
    lay->addWidget(server_);
    weight_->hide();
    connect(server_, &QToolButton::clicked, this, [this] {
        if (url_.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(url_);
        Q_EMIT urlCopied(url_);
    });
}

void StatusPanel::setServerUrl(const QString &url)
{
    configuredUrl_ = url;
    url_ = url;
    server_->setText(tr("MCP %1").arg(url));
}

void StatusPanel::setFallbackSource(const QString &text) { fallback_ = text; }

QString StatusPanel::connectionText() const { return connections_->text(); }

void StatusPanel::showStatus(const ServiceStatus::Services &all, const SnapshotPtr &snap, int64_t wallMs)
{
    QStringList parts;
    auto add = [&parts](const QString &name, const QString &state) { parts << dot(name, state, colourFor(state)); };
    if (const auto &b = all.binance) {
        if (b->marketStream)
            add(QStringLiteral("binance/market"), stateOf(*b->marketStream));
        if (b->publicStream)
            add(QStringLiteral("binance/public"), stateOf(*b->publicStream));
        if (!b->marketStream && !b->publicStream) // before the streams exist
            add(QStringLiteral("binance"), stateOf(*b));
    } else {
        parts << dot(QStringLiteral("Binance"), fallback_.isEmpty() ? tr("offline") : fallback_, QStringLiteral("#8a919d"));
    }
    if (all.replay)
        add(QStringLiteral("replay"), stateOf(*all.replay));
    if (all.server)
        add(QStringLiteral("server"), stateOf(*all.server));
    if (all.storage)
        add(QStringLiteral("storage"), stateOf(*all.storage));
    connections_->setText(parts.join(QStringLiteral("&nbsp;&nbsp;")));
    connections_->setToolTip(details(all));

    if (!snap || !snap->hasTrade) {
        lag_->setText(tr("no data yet"));
    } else if (snap->quality.live) {
        lag_->setText(tr("lag %1 ms").arg(std::max<int64_t>(0, wallMs - snap->asOfMs)));
    } else {
        lag_->setText(tr("%1 · data time %2 UTC").arg(word(QString::fromStdString(snap->quality.source)), formatUtcDateTime(snap->asOfMs)));
    }

    if (all.binance) {
        const RestStatus &rest = all.binance->rest;
        weight_->setText(tr("REST weight %1 / %2").arg(rest.usedWeight).arg(rest.weightLimit));
        weight_->show();
    } else {
        weight_->hide();
    }

    // The running server's own address wins (PORT=0 binds any free port); stopped: none.
    if (const auto &server = all.server) {
        QString host = QString::fromStdString(server->host);
        if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::"))
            host = QStringLiteral("127.0.0.1");
        if (host.contains(QLatin1Char(':')))
            host = QLatin1Char('[') + host + QLatin1Char(']');
        url_ = !server->running                      ? QString()
               : server->port > 0 && !host.isEmpty() ? QStringLiteral("http://%1:%2/mcp").arg(host).arg(server->port)
                                                     : configuredUrl_;
    } else {
        url_ = configuredUrl_;
    }
    server_->setText(url_.isEmpty() ? tr("MCP server off") : tr("MCP %1").arg(url_));
}

} // namespace co
