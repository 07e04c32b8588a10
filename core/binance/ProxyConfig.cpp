#include "binance/ProxyConfig.h"

#include <QUrl>

namespace co {

EnvProxyFactory::EnvProxyFactory(Env env) : env_(std::move(env))
{
    if (!env_)
        env_ = [](const char *name) { return qEnvironmentVariable(name); };
}

QNetworkProxy EnvProxyFactory::parse(const QString &value)
{
    QString v = value.trimmed();
    if (v.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    if (!v.contains("://"))
        v.prepend("http://");
    const QUrl u(v);
    if (!u.isValid() || u.host().isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QString scheme = u.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    int port = 8080;
    if (scheme.startsWith("socks")) {
        type = QNetworkProxy::Socks5Proxy;
        port = 1080;
    } else if (scheme == "https") {
        port = 443;
    }
    return QNetworkProxy(type, u.host(), quint16(u.port(port)), u.userName(QUrl::FullyDecoded),
                         u.password(QUrl::FullyDecoded));
}

bool EnvProxyFactory::bypass(const QString &host) const
{
    QString list = env_("NO_PROXY");
    if (list.isEmpty())
        list = env_("no_proxy");
    for (QString entry : list.split(',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry == "*")
            return true;
        if (entry.contains(':') && !entry.contains('['))
            entry = entry.left(entry.indexOf(':')); // host:port → host
        if (entry.startsWith('.'))
            entry = entry.mid(1);
        const QString h = host.toLower();
        if (h == entry || h.endsWith('.' + entry))
            return true;
    }
    return false;
}

QNetworkProxy EnvProxyFactory::proxyFor(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const bool secure = scheme == "https" || scheme == "wss";
    if (bypass(url.host()))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    static const char *const secureVars[] = {"HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"};
    static const char *const plainVars[] = {"HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"};
    for (const char *name : secure ? secureVars : plainVars) {
        const QString v = env_(name);
        if (!v.trimmed().isEmpty())
            return parse(v);
    }
    const QList<QNetworkProxy> system = systemProxyForQuery(QNetworkProxyQuery(url));
    return system.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : system.first();
}

QList<QNetworkProxy> EnvProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    return {proxyFor(query.url())};
}

} // namespace co
