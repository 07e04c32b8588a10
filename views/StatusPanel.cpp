#include "views/StatusPanel.h"

#include "views/Format.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QToolButton>

#include <optional>

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

// First number among the keys, searching nested objects too.
std::optional<double> findNumber(const QJsonObject &o, const QStringList &keys)
{
    for (const QString &k : keys)
        if (o.value(k).isDouble())
            return o.value(k).toDouble();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it->isObject())
            if (auto v = findNumber(it->toObject(), keys))
                return v;
    return std::nullopt;
}
} // namespace

QString stateOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("ok") : QStringLiteral("off");
    const QJsonObject o = v.toObject();
    for (const char *k : {"state", "status"})
        if (o.value(k).isString())
            return o.value(k).toString();
    if (o.value("connected").isBool())
        return o.value("connected").toBool() ? QStringLiteral("connected") : QStringLiteral("disconnected");
    if (o.value("running").isBool())
        return o.value("running").toBool() ? QStringLiteral("running") : QStringLiteral("stopped");
    if (o.value("ok").isBool())
        return o.value("ok").toBool() ? QStringLiteral("ok") : QStringLiteral("error");
    return QStringLiteral("ok");
}

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

void StatusPanel::showStatus(const QJsonObject &all, const SnapshotPtr &snap, int64_t wallMs)
{
    QStringList parts;
    if (!all.contains("binance"))
        parts << dot(QStringLiteral("Binance"), fallback_.isEmpty() ? tr("offline") : fallback_, QStringLiteral("#8a919d"));
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonObject o = it->toObject();
        const QJsonValue streams = o.value("streams");
        if (streams.isObject()) {
            const QJsonObject so = streams.toObject();
            for (auto s = so.begin(); s != so.end(); ++s)
                parts << dot(it.key() + QLatin1Char('/') + s.key(), stateOf(*s), colourFor(stateOf(*s)));
        } else {
            parts << dot(it.key(), stateOf(*it), colourFor(stateOf(*it)));
        }
    }
    connections_->setText(parts.join(QStringLiteral("&nbsp;&nbsp;")));
    connections_->setToolTip(QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Indented)));

    if (!snap || !snap->hasTrade) {
        lag_->setText(tr("no data yet"));
    } else if (snap->quality.live) {
        lag_->setText(tr("lag %1 ms").arg(std::max<int64_t>(0, wallMs - snap->asOfMs)));
    } else {
        lag_->setText(tr("%1 · data time %2 UTC").arg(word(QString::fromStdString(snap->quality.source)), formatUtcDateTime(snap->asOfMs)));
    }

    const QJsonObject binance = all.value("binance").toObject();
    if (auto used = findNumber(binance, {"usedWeight1m", "usedWeight", "restWeight", "weight"})) {
        const auto limit = findNumber(binance, {"weightLimit", "limit1m", "limit"});
        weight_->setText(limit ? tr("REST weight %1 / %2").arg(*used).arg(*limit) : tr("REST weight %1").arg(*used));
        weight_->show();
    } else {
        weight_->hide();
    }

    // The running server's own address wins (PORT=0 binds any free port); stopped: none.
    if (all.contains("server")) {
        const QJsonObject server = all.value("server").toObject();
        QString host = server.value("host").toString();
        if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::"))
            host = QStringLiteral("127.0.0.1");
        if (host.contains(QLatin1Char(':')))
            host = QLatin1Char('[') + host + QLatin1Char(']');
        const int port = server.value("port").toInt();
        url_ = stateOf(server) == QLatin1String("stopped") ? QString()
               : port > 0 && !host.isEmpty()                ? QStringLiteral("http://%1:%2/mcp").arg(host).arg(port)
                                                            : configuredUrl_;
    } else {
        url_ = configuredUrl_;
    }
    server_->setText(url_.isEmpty() ? tr("MCP server off") : tr("MCP %1").arg(url_));
}

} // namespace co
