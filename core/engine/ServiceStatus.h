#pragma once
// Status of the running services (binance streams, storage, replay, server) by component, for
// /healthz and the GUI status bar. Any thread may write or read.
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <mutex>

namespace co {

class ServiceStatus {
public:
    void set(const QString &component, const QJsonObject &status)
    {
        std::lock_guard lock(mutex_);
        status_[component] = status;
    }
    void remove(const QString &component)
    {
        std::lock_guard lock(mutex_);
        status_.remove(component);
    }
    QJsonObject get(const QString &component) const
    {
        std::lock_guard lock(mutex_);
        return status_.value(component);
    }
    QJsonObject all() const
    {
        std::lock_guard lock(mutex_);
        QJsonObject o;
        for (auto it = status_.begin(); it != status_.end(); ++it)
            o.insert(it.key(), it.value());
        return o;
    }

private:
    mutable std::mutex mutex_;
    QMap<QString, QJsonObject> status_;
};

} // namespace co
