#pragma once
// How the settings dialog presents each configuration variable (app/Config.h configVars()):
// group, label, help, editor and whether a change applies at once. Variables it does not know
// are shown as text fields with the help text configVars() gives.
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace co {

// A variable as the app hands it to the dialog.
struct SettingField {
    QString name;         // "PORT", or a GUI-only key such as "HTTPS_PROXY"
    QString defaultValue;
    QString value;        // effective value now
    QString origin;       // cli | env | .env | settings | default
    QString help;         // configVars() help (English), used when the catalog has none
};

enum class EditorKind { Text, Password, Integer, Decimal, Choice, Symbols };

struct SettingInfo {
    QString group, label, help;
    EditorKind kind = EditorKind::Text;
    double min = 0, max = 0;
    int decimals = 0;
    QStringList choices, choiceLabels; // values and what the user sees
    bool live = false;                 // applied at once: indicators on charts and engines, the server restarted
    bool known = false;
};

SettingInfo settingInfo(const QString &name);

// Group titles in dialog order.
QStringList settingGroups();

} // namespace co
