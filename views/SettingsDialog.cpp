#include "views/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace co {

namespace {
QString originNote(const QString &origin)
{
    if (origin == QLatin1String("cli"))
        return SettingsDialog::tr("Set on the command line: a saved value is used only when it is not given there.");
    if (origin == QLatin1String("env"))
        return SettingsDialog::tr("Set in the environment: a saved value is used only when that variable is unset.");
    if (origin == QLatin1String(".env"))
        return SettingsDialog::tr("Set in the .env file: a saved value is used only when it is not given there.");
    return {};
}

bool sameValue(const SettingInfo &info, const QString &a, const QString &b)
{
    if (info.kind == EditorKind::Decimal || info.kind == EditorKind::Integer) {
        bool okA = false, okB = false;
        const double x = a.toDouble(&okA), y = b.toDouble(&okB);
        if (okA && okB)
            return std::abs(x - y) < 1e-9;
    }
    return a.trimmed() == b.trimmed();
}
} // namespace

SettingsDialog::SettingsDialog(QList<SettingField> fields, QSettings &store, Validator validate, QWidget *parent)
    : QDialog(parent), fields_(std::move(fields)), store_(store), validate_(std::move(validate))
{
    setObjectName("settingsDialog");
    setWindowTitle(tr("Settings"));
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName("settingsTabs");
    QMap<QString, QFormLayout *> forms;
    auto formFor = [&](const QString &group) {
        if (!forms.contains(group)) {
            auto *page = new QWidget;
            auto *form = new QFormLayout(page);
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            auto *scroll = new QScrollArea;
            scroll->setWidget(page);
            scroll->setWidgetResizable(true);
            scroll->setFrameShape(QFrame::NoFrame);
            tabs->addTab(scroll, group);
            forms[group] = form;
        }
        return forms[group];
    };
    // Tabs in catalog order, then fields in the order given.
    for (const QString &g : settingGroups())
        for (const SettingField &f : fields_)
            if (settingInfo(f.name).group == g) {
                formFor(g);
                break;
            }

    for (const SettingField &f : fields_) {
        const SettingInfo info = settingInfo(f.name);
        QWidget *editor = nullptr;
        switch (info.kind) {
        case EditorKind::Integer: {
            // QSpinBox is int-only; larger ranges (notional) use a 0-decimal double box.
            if (info.max > 2e9) {
                auto *d = new QDoubleSpinBox;
                d->setDecimals(0);
                d->setRange(info.min, info.max);
                editor = d;
            } else {
                auto *s = new QSpinBox;
                s->setRange(int(info.min), int(info.max));
                editor = s;
            }
            break;
        }
        case EditorKind::Decimal: {
            auto *d = new QDoubleSpinBox;
            d->setDecimals(info.decimals);
            d->setRange(info.min, info.max);
            d->setSingleStep(info.decimals >= 2 ? 0.1 : 1);
            editor = d;
            break;
        }
        case EditorKind::Choice: {
            auto *c = new QComboBox;
            for (int i = 0; i < info.choices.size(); ++i)
                c->addItem(info.choiceLabels.value(i, info.choices[i]), info.choices[i]);
            editor = c;
            break;
        }
        case EditorKind::Password: {
            auto *e = new QLineEdit;
            e->setEchoMode(QLineEdit::PasswordEchoOnEdit);
            editor = e;
            break;
        }
        case EditorKind::Symbols: {
            auto *e = new QLineEdit;
            e->setValidator(new QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9, ]*"), e));
            editor = e;
            break;
        }
        case EditorKind::Text: {
            auto *e = new QLineEdit;
            if (f.name == QLatin1String("CACHE_DB_PATH"))
                e->setPlaceholderText(tr("default location"));
            editor = e;
            break;
        }
        }
        editor->setObjectName("setting_" + f.name);
        editors_[f.name] = editor;
        setEditorValue(f.name, f.value);
        initial_[f.name] = editorValue(f.name);

        auto *box = new QWidget;
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 6);
        v->setSpacing(1);
        v->addWidget(editor);
        QString note = info.known ? info.help : f.help;
        const bool server = info.group == QCoreApplication::translate("Settings", "Server");
        note += QLatin1Char(' ') + (!info.live ? tr("Applies after a restart.")
                                    : server   ? tr("Applies at once: the server restarts on it.")
                                               : tr("Applies at once, to the charts and the server."));
        if (const QString o = originNote(f.origin); !o.isEmpty())
            note += QLatin1Char(' ') + o;
        auto *help = new QLabel(note);
        help->setWordWrap(true);
        help->setObjectName("settingHelp_" + f.name);
        QFont small = help->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        help->setFont(small);
        help->setForegroundRole(QPalette::PlaceholderText);
        v->addWidget(help);
        QFormLayout *form = formFor(info.group);
        form->addRow(info.label + QLatin1Char(':'), box);
        if (!info.known)
            form->labelForField(box)->setToolTip(f.name);
    }

    // The interface's own settings.
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    // Size on disk and days held, read-only, under TRADE_CACHE_DAYS (its tab, else this one).
    usage_ = new QLabel(tr("unknown"));
    usage_->setObjectName("settingsCacheUsage");
    usage_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    forms.value(settingInfo(QStringLiteral("TRADE_CACHE_DAYS")).group, form)->addRow(tr("Trade cache on disk:"), usage_);
    auto *lang = new QComboBox;
    lang->setObjectName("setting_language");
    lang->addItem(tr("Follow the system"), QString());
    lang->addItem(QStringLiteral("English"), QStringLiteral("en"));
    lang->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    initialLanguage_ = store_.value(kLanguageKey).toString();
    lang->setCurrentIndex(std::max(0, lang->findData(initialLanguage_)));
    form->addRow(tr("Language:"), lang);
    form->addRow(QString(), new QLabel(tr("Applies at once.")));
    auto *tray = new QCheckBox(tr("Closing the window keeps running in the tray"));
    tray->setObjectName("setting_closeToTray");
    initialCloseToTray_ = store_.value(kCloseToTrayKey, true).toBool();
    tray->setChecked(initialCloseToTray_);
    form->addRow(QString(), tray);
    tabs->addTab(page, tr("Interface"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    buttons->setObjectName("settingsButtons");
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, &SettingsDialog::restoreDefaults);
    error_ = new QLabel(this);
    error_->setObjectName("settingsError");
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #ff5c66"));
    error_->hide();
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(tabs, 1);
    lay->addWidget(error_);
    lay->addWidget(buttons);
    resize(620, 520);
}

void SettingsDialog::setCacheUsage(const CacheUsage &u)
{
    if (u.bytes < 0) {
        usage_->setText(tr("no trade cache open"));
        return;
    }
    QString text = tr("%1 on disk, days held: %2").arg(QLocale().formattedDataSize(u.bytes)).arg(u.days);
    if (u.days > 0)
        text += QStringLiteral(" (%1 – %2)").arg(u.firstDay, u.lastDay);
    usage_->setText(text);
}

QString SettingsDialog::editorValue(const QString &name) const
{
    QWidget *w = editors_.value(name);
    if (auto *s = qobject_cast<QSpinBox *>(w))
        return QString::number(s->value());
    if (auto *d = qobject_cast<QDoubleSpinBox *>(w))
        return QString::number(d->value(), 'f', d->decimals());
    if (auto *c = qobject_cast<QComboBox *>(w))
        return c->currentData().toString();
    if (auto *e = qobject_cast<QLineEdit *>(w)) {
        if (name == QLatin1String("SYMBOLS")) {
            QStringList out;
            for (const QString &s : e->text().split(',', Qt::SkipEmptyParts))
                out << s.trimmed().toUpper();
            return out.join(',');
        }
        return e->text().trimmed();
    }
    return {};
}

void SettingsDialog::setEditorValue(const QString &name, const QString &value)
{
    QWidget *w = editors_.value(name);
    if (auto *s = qobject_cast<QSpinBox *>(w))
        s->setValue(value.toInt());
    else if (auto *d = qobject_cast<QDoubleSpinBox *>(w))
        d->setValue(value.toDouble());
    else if (auto *c = qobject_cast<QComboBox *>(w))
        c->setCurrentIndex(std::max(0, c->findData(value)));
    else if (auto *e = qobject_cast<QLineEdit *>(w))
        e->setText(value);
}

QMap<QString, QString> SettingsDialog::values() const
{
    QMap<QString, QString> out;
    for (const SettingField &f : fields_)
        out[f.name] = editorValue(f.name);
    return out;
}

void SettingsDialog::restoreDefaults()
{
    for (const SettingField &f : fields_)
        setEditorValue(f.name, f.defaultValue);
    findChild<QComboBox *>("setting_language")->setCurrentIndex(0);
    findChild<QCheckBox *>("setting_closeToTray")->setChecked(true);
}

bool SettingsDialog::save()
{
    const QMap<QString, QString> now = values();
    if (validate_) {
        if (const QString error = validate_(now); !error.isEmpty()) {
            error_->setText(tr("Not saved: %1").arg(error));
            error_->show();
            return false;
        }
    }
    error_->hide();
    changedLive_.clear();
    changedRestart_.clear();
    for (const SettingField &f : fields_) {
        const SettingInfo info = settingInfo(f.name);
        if (sameValue(info, now[f.name], initial_[f.name]))
            continue;
        if (sameValue(info, now[f.name], f.defaultValue))
            store_.remove(f.name);
        else
            store_.setValue(f.name, now[f.name]);
        (info.live ? changedLive_ : changedRestart_) << f.name;
    }
    const QString lang = findChild<QComboBox *>("setting_language")->currentData().toString();
    if (lang != initialLanguage_) {
        store_.setValue(kLanguageKey, lang);
        changedLive_ << kLanguageKey;
    }
    const bool tray = findChild<QCheckBox *>("setting_closeToTray")->isChecked();
    if (tray != initialCloseToTray_) {
        store_.setValue(kCloseToTrayKey, tray);
        changedLive_ << kCloseToTrayKey;
    }
    store_.sync();
    return true;
}

void SettingsDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace co
