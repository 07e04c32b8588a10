#pragma once
// Small helpers shared by the subcommands' argument parsers (report, import).
#include <QString>
#include <QStringList>

namespace co {

// Takes the value after args[i] (advancing i); false with "<flag> needs a value" when absent.
inline bool takeValue(const QStringList &args, int &i, QString &dst, QString *error)
{
    if (i + 1 >= args.size() || args[i + 1].startsWith("--")) {
        *error = args[i] + " needs a value";
        return false;
    }
    dst = args[++i];
    return true;
}

} // namespace co
