#pragma once
// The status bar's content: state of each service and stream (engine/ServiceStatus.h), the data's
// lag behind the wall clock, the REST weight used, and the MCP server URL (click to copy).
#include "engine/Snapshot.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QToolButton;

namespace co {

// "connected", "syncing", … from a status value (a string, or an object with state/status/connected/running).
QString stateOf(const QJsonValue &v);

class StatusPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatusPanel(QWidget *parent = nullptr);
    // The configured server URL (http://HOST:PORT/mcp); a "server" status with a "url" wins.
    void setServerUrl(const QString &url);
    // What to show for Binance while no "binance" status exists ("replay", "offline").
    void setFallbackSource(const QString &text);
    void showStatus(const QJsonObject &all, const SnapshotPtr &snap, int64_t wallMs);
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
