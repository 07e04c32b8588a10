#include "app/ProxySetting.h"

#include <QSettings>

namespace co {

namespace {
const char *const kProxyVars[] = {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"};
}

QString applyProxySetting(const ConfigSources &src)
{
    auto env = [&src](const char *name) { return src.env ? src.env(QString::fromLatin1(name)) : qEnvironmentVariable(name); };
    for (const char *v : kProxyVars)
        if (!env(v).trimmed().isEmpty())
            return QStringLiteral("env");
    if (!src.dotEnvPath.isEmpty()) {
        const QMap<QString, QString> dot = readDotEnv(src.dotEnvPath);
        bool any = false;
        for (const char *v : {"HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"})
            if (const QString value = dot.value(QString::fromLatin1(v)).trimmed(); !value.isEmpty() && env(v).isEmpty()) {
                qputenv(v, value.toUtf8());
                any |= QByteArrayView(v) != "NO_PROXY";
            }
        if (any)
            return QStringLiteral(".env");
    }
    const QString saved = src.settings ? src.settings->value("HTTPS_PROXY").toString().trimmed() : QString();
    if (saved.isEmpty())
        return {};
    qputenv("HTTPS_PROXY", saved.toUtf8());
    qputenv("HTTP_PROXY", saved.toUtf8());
    return QStringLiteral("settings");
}

} // namespace co
