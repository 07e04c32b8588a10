#pragma once
// Every configuration value on tabs (views/SettingsCatalog.h), plus the interface's own choices
// (language, close to tray). Saves to QSettings — the "saved settings" layer Config reads —
// only what the user changed; a value equal to the default removes the key. Values set on the
// command line or in the environment still win, and the dialog says so next to them.
#include "views/SettingsCatalog.h"

#include <QDialog>
#include <QMap>

#include <functional>

class QLabel;
class QSettings;
class QWidget;

namespace co {

// GUI-only keys in QSettings.
inline constexpr const char *kLanguageKey = "gui/language";      // "" (system) | "en" | "zh_CN"
inline constexpr const char *kCloseToTrayKey = "gui/closeToTray"; // bool, default true

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // validate: "" when the values are acceptable, else the message to show.
    using Validator = std::function<QString(const QMap<QString, QString> &values)>;
    SettingsDialog(QList<SettingField> fields, QSettings &store, Validator validate, QWidget *parent = nullptr);

    // What the trade cache holds, shown read-only next to TRADE_CACHE_DAYS (bytes < 0: no cache).
    struct CacheUsage {
        qint64 bytes = -1;
        int days = 0;            // UTC days with stored trades
        QString firstDay, lastDay; // YYYY-MM-DD
    };
    void setCacheUsage(const CacheUsage &u);

    // Values as the editors hold them now, by variable name.
    QMap<QString, QString> values() const;
    // Saves what changed; false (the reason shown in the dialog) when the validator refuses.
    bool save();
    // Names saved by the last save() (GUI keys included), split by how they apply.
    QStringList changedLive() const { return changedLive_; }
    QStringList changedRestart() const { return changedRestart_; }

    void accept() override;

public Q_SLOTS:
    void restoreDefaults();

private:
    QString editorValue(const QString &name) const;
    void setEditorValue(const QString &name, const QString &value);

    QList<SettingField> fields_;
    QSettings &store_;
    Validator validate_;
    QMap<QString, QWidget *> editors_;
    QLabel *error_ = nullptr;
    QLabel *usage_ = nullptr;
    QMap<QString, QString> initial_;
    QStringList changedLive_, changedRestart_;
    QString initialLanguage_;
    bool initialCloseToTray_ = true;
};

} // namespace co
