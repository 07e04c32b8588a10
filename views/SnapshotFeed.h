#pragma once
// The views' window onto the engines: polls the registry for the selected symbol ~10 times a
// second and hands out the snapshot only when its seq changed, so views repaint only on news.
// Indicator settings that are computed at read time (value area, imbalances, depth band, CVD
// reset) can be overridden here, which applies them to the views without a restart.
#include "engine/EngineRegistry.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace co {

class SnapshotFeed : public QObject {
    Q_OBJECT
public:
    explicit SnapshotFeed(const EngineRegistry &registry, QObject *parent = nullptr);

    void start(int intervalMs = 100);
    void setSymbol(const QString &symbol);
    QString symbol() const { return symbol_; }
    void setReadTimeSettings(const EngineConfig &config);
    SnapshotPtr current() const { return current_; }

public Q_SLOTS:
    void poll();

Q_SIGNALS:
    void snapshotChanged(const co::SnapshotPtr &snapshot); // null when the symbol has no engine
    void engineSymbolsChanged(const QStringList &symbols);

private:
    void emitCurrent(const SnapshotPtr &raw);

    const EngineRegistry &registry_;
    QTimer timer_;
    QString symbol_;
    std::optional<EngineConfig> readTime_;
    SnapshotPtr raw_, current_;
    QStringList engineSymbols_;
};

} // namespace co
