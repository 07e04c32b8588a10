#include "views/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace co {

QString resolveLanguage(const QString &setting, const QLocale &system)
{
    if (setting == QLatin1String("en") || setting == QLatin1String("zh_CN"))
        return setting;
    for (const QString &ui : system.uiLanguages())
        if (ui.startsWith(QLatin1String("zh"), Qt::CaseInsensitive))
            return QStringLiteral("zh_CN"); // the one Chinese catalogue there is
    return QStringLiteral("en");
}

bool installTranslations(QCoreApplication &app, const QString &language)
{
    // A switch: drop the catalogues of the language before.
    for (QTranslator *old : app.findChildren<QTranslator *>(QStringLiteral("co_translator"), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    // English: the source strings, plus the catalogue's plural forms ("1 order", "2 orders").
    auto *own = new QTranslator(&app);
    own->setObjectName(QStringLiteral("co_translator"));
    const bool ok = own->load(QStringLiteral(":/i18n/crypto-orderflow_%1.qm").arg(language));
    if (ok)
        QCoreApplication::installTranslator(own);
    if (language == QLatin1String("en"))
        return ok;
    // Qt's own dialogs and buttons (qt6-translations-l10n).
    auto *qt = new QTranslator(&app);
    qt->setObjectName(QStringLiteral("co_translator"));
    if (qt->load(QStringLiteral("qtbase_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return ok;
}

} // namespace co
