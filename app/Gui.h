#pragma once
// The desktop face, behind two functions so main() has no #ifdefs: GuiMain.cpp (WITH_GUI=ON)
// or GuiStub.cpp (WITH_GUI=OFF, --headless only).
#include "app/Config.h"

namespace co {

// Whether the GUI or tray modes can run here: built with the GUI and a display exists.
bool guiAvailable(QString *why);
// Creates the QApplication, starts an Application and runs the window/tray until quit.
int runGui(int &argc, char **argv, const Config &config);

} // namespace co
