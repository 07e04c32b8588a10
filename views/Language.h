#pragma once
// The interface language: English or Simplified Chinese, following the system unless chosen in
// the settings (gui/language). Loads the app's translations (embedded, :/i18n) and Qt's own.
#include <QLocale>
#include <QString>

class QCoreApplication;

namespace co {

// "en" or "zh_CN" for a setting ("" = system) and the system's UI languages.
QString resolveLanguage(const QString &setting, const QLocale &system = QLocale::system());
// Installs the translators on the application, replacing those installed before (a live switch:
// every widget then gets QEvent::LanguageChange); false if the app's catalogue is missing.
bool installTranslations(QCoreApplication &app, const QString &language);

} // namespace co
