#pragma once
// Moved to render/ (a GUI-free library the headless server draws with too); kept so includes stay.
#include "render/NumberGlyphs.h"
