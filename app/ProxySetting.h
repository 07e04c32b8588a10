#pragma once
// The proxy for Binance in every mode (GUI, tray, headless, stdio, import): the environment
// (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, lower case too) wins; else HTTPS_PROXY / HTTP_PROXY /
// ALL_PROXY / NO_PROXY from the .env file; else the proxy saved in the settings (HTTPS_PROXY).
// The chosen value is put into this process's environment, where binance/ProxyConfig (live
// clients) and the archive downloader read it.
#include "app/Config.h"

namespace co {

// Returns where the proxy came from: "env", ".env", "settings" or "" (none).
QString applyProxySetting(const ConfigSources &src);

} // namespace co
