// WITH_GUI=OFF: no desktop face; main() runs headless.
#include "app/Gui.h"

namespace co {

bool guiAvailable(QString *why)
{
    if (why)
        *why = QStringLiteral("built without the GUI (WITH_GUI=OFF)");
    return false;
}

int runGui(int &, char **, const Config &) { return 1; }

} // namespace co
