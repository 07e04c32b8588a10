#pragma once
// Which proxy the REST and WebSocket clients use: HTTPS_PROXY / https_proxy (also HTTP_PROXY,
// ALL_PROXY; socks5:// accepted) with NO_PROXY, else the system configuration. Qt's own generic
// Unix lookup reads only lowercase http_proxy, so the variables are read here.
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QString>

#include <functional>

namespace co {

class EnvProxyFactory : public QNetworkProxyFactory {
public:
    using Env = std::function<QString(const char *)>;
    explicit EnvProxyFactory(Env env = {}); // default: the process environment
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query = QNetworkProxyQuery()) override;

    // The proxy for one URL (ws/wss use the https/http variables).
    QNetworkProxy proxyFor(const QUrl &url);
    // "user:pw@host:port" style value → proxy; NoProxy if empty or unreadable.
    static QNetworkProxy parse(const QString &value);

private:
    bool bypass(const QString &host) const;
    Env env_;
};

} // namespace co
