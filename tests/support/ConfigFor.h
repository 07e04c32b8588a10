#pragma once
// The program's configuration from command-line arguments only (no environment, .env or saved
// settings), as the tests that run the whole Application use it. Header-only: needs co_app.
#include "app/Config.h"

#include <QStringList>
#include <QtGlobal>

namespace co::test {

inline Config configFor(const QStringList &args)
{
    ConfigSources src;
    src.args = args;
    QString error;
    auto c = loadConfig(src, &error);
    if (!c)
        qFatal("config: %s", qPrintable(error));
    return *c;
}

} // namespace co::test
