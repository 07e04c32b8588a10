#include "alerts/AlertStore.h"

#include "storage/Database.h"
#include "storage/Sqlite.h"

#include <QJsonDocument>

namespace co {

namespace {
QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
QJsonObject object(const QString &text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }
} // namespace

AlertStore::AlertStore() = default;
AlertStore::~AlertStore() = default;

bool AlertStore::open(const QString &path, QString *error)
{
    db_ = std::make_unique<Database>();
    if (db_->open(path, error))
        return true;
    db_.reset();
    return false;
}

std::vector<AlertRule> AlertStore::loadRules()
{
    std::vector<AlertRule> out;
    if (!db_)
        return out;
    Statement s(db_->handle(), "SELECT id, rule, active, created_ms FROM alert_rules ORDER BY id");
    while (s.step()) {
        QString error;
        if (auto r = AlertRule::fromJson(object(s.text(1)), &error)) {
            r->id = s.int64(0);
            r->active = s.int64(2) != 0;
            r->createdMs = s.int64(3);
            out.push_back(*r);
        }
    }
    return out;
}

std::vector<AlertEvent> AlertStore::loadEvents(int limit)
{
    std::vector<AlertEvent> out;
    if (!db_)
        return out;
    Statement s(db_->handle(), "SELECT id, rule_id, event FROM (SELECT * FROM alert_events ORDER BY id DESC LIMIT ?1) ORDER BY id");
    s.bind(1, int64_t(limit));
    while (s.step()) {
        const QJsonObject o = object(s.text(2));
        AlertEvent e;
        e.id = s.int64(0);
        e.ruleId = s.int64(1);
        e.symbol = o["symbol"].toString();
        e.kind = o["kind"].toString();
        e.message = o["message"].toString();
        e.price = o["price"].toDouble();
        e.timeMs = int64_t(o["timeMs"].toDouble());
        e.detail = o["detail"].toObject();
        out.push_back(e);
    }
    return out;
}

bool AlertStore::saveRule(const AlertRule &r)
{
    if (!db_)
        return false;
    Statement s(db_->handle(), "INSERT OR REPLACE INTO alert_rules (id, symbol, rule, active, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
    const QByteArray rule = json(r.toJson()), symbol = r.symbol.toUtf8();
    s.bind(1, r.id);
    s.bind(2, std::string_view(symbol.constData(), size_t(symbol.size())));
    s.bind(3, std::string_view(rule.constData(), size_t(rule.size())));
    s.bind(4, int64_t(r.active ? 1 : 0));
    s.bind(5, r.createdMs);
    return s.exec();
}

bool AlertStore::deleteRule(int64_t id)
{
    if (!db_)
        return false;
    Statement s(db_->handle(), "DELETE FROM alert_rules WHERE id = ?1");
    s.bind(1, id);
    return s.exec();
}

bool AlertStore::saveEvent(const AlertEvent &e)
{
    if (!db_)
        return false;
    Statement s(db_->handle(), "INSERT INTO alert_events (id, rule_id, symbol, time_ms, event) VALUES (?1, ?2, ?3, ?4, ?5)");
    const QByteArray event = json(e.toJson()), symbol = e.symbol.toUtf8();
    s.bind(1, e.id);
    s.bind(2, e.ruleId);
    s.bind(3, std::string_view(symbol.constData(), size_t(symbol.size())));
    s.bind(4, e.timeMs);
    s.bind(5, std::string_view(event.constData(), size_t(event.size())));
    return s.exec();
}

} // namespace co
