#pragma once
// The status bar's content: state of each service and stream (engine/ServiceStatus.h), the data's
// lag behind the wall clock, the REST weight used, and the MCP server URL (click to copy).
#include "engine/ServiceStatus.h"
#include "engine/Snapshot.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace co {

// A service's state as an English word ("live", "connected", "stopped", …); the panel translates it.
QString stateOf(const BinanceStatus &s);
QString stateOf(const StreamStatus &s);
QString stateOf(const StorageStatus &s);
QString stateOf(const ServerStatus &s);
QString stateOf(const ReplayStatus &s);

class StatusPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatusPanel(QWidget *parent = nullptr);
    // The configured server URL (http://HOST:PORT/mcp); a running server's own address wins.
    void setServerUrl(const QString &url);
    // What to show for Binance while no "binance" status exists ("replay", "offline").
    void setFallbackSource(const QString &text);
    void showStatus(const ServiceStatus::Services &all, const SnapshotPtr &snap, int64_t wallMs);
    QString serverUrl() const { return url_; }
    QString connectionText() const;

Q_SIGNALS:
    void urlCopied(const QString &url);

private:
    QLabel *connections_, *lag_, *weight_;
    QToolButton *server_;
    QString configuredUrl_, url_, fallback_;
};

} // namespace co
