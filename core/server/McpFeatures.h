#pragma once
// Resources, prompts and completions of the MCP server (both protocol eras): read-only views of
// the tools' answers. Resources are templates over the live models (orderflow://{symbol}/…) whose
// read returns the same JSON as the matching tool; prompts are analysis workflows an assistant can
// start; completion/complete offers followed symbols, timeframes and the days kept (Tools::dates).
#include "server/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

namespace co {

class Tools;

class McpFeatures {
public:
    explicit McpFeatures(const Tools &tools) : tools_(tools) {}

    using Result = std::variant<QByteArray, ApiError>;
    // The encoded result of a resources/*, prompts/* or completion/complete request; nullopt for
    // other methods.
    std::optional<Result> result(const QString &method, const QJsonObject &params) const;
    // The capabilities these methods add.
    static QJsonObject capabilities();
    // Lists orderflow://alerts too (read by McpServer).
    void setAlertsResource(bool on) { alerts_ = on; }

private:
    Result listResources() const;
    Result readResource(const QJsonObject &params) const;
    Result getPrompt(const QJsonObject &params) const;
    Result complete(const QJsonObject &params) const;

    const Tools &tools_;
    bool alerts_ = false;
};

} // namespace co
