#include "views/SnapshotFeed.h"

namespace co {

SnapshotFeed::SnapshotFeed(const EngineRegistry &registry, QObject *parent) : QObject(parent), registry_(registry)
{
    connect(&timer_, &QTimer::timeout, this, &SnapshotFeed::poll);
}

void SnapshotFeed::start(int intervalMs)
{
    timer_.start(intervalMs);
    poll();
}

void SnapshotFeed::setSymbol(const QString &symbol)
{
    if (symbol == symbol_)
        return;
    symbol_ = symbol;
    raw_.reset();
    emitCurrent(registry_.snapshot(symbol_.toStdString()));
}

void SnapshotFeed::setReadTimeSettings(const EngineConfig &config)
{
    readTime_ = config;
    emitCurrent(raw_);
}

void SnapshotFeed::poll()
{
    QStringList symbols;
    for (const std::string &s : registry_.symbols())
        symbols << QString::fromStdString(s);
    if (symbols != engineSymbols_) {
        engineSymbols_ = symbols;
        Q_EMIT engineSymbolsChanged(symbols);
    }
    SnapshotPtr s = registry_.snapshot(symbol_.toStdString());
    if (s == raw_ || (s && raw_ && s->seq == raw_->seq))
        return;
    emitCurrent(s);
}

void SnapshotFeed::emitCurrent(const SnapshotPtr &raw)
{
    raw_ = raw;
    if (raw && readTime_) {
        // A shallow copy: days, bars and books stay shared with the engine's snapshot.
        auto copy = std::make_shared<EngineSnapshot>(*raw);
        applyReadTimeSettings(copy->config, *readTime_);
        current_ = std::move(copy);
    } else {
        current_ = raw;
    }
    Q_EMIT snapshotChanged(current_);
}

} // namespace co
