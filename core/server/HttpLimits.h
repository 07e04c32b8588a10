#pragma once
// The server's limits (README "Limits"; each one a setting of app/Config). Defaults are sane for a
// local server with a few MCP clients.
#include <QtGlobal>

namespace co {

struct HttpLimits {
    qsizetype maxHeaderBytes = 16 * 1024;    // MAX_HEADER_BYTES: request line + headers (431 beyond)
    qsizetype maxBodyBytes = 1024 * 1024;    // MAX_BODY_BYTES: checked on Content-Length, before reading (413)
    int headerTimeoutMs = 10'000;            // HEADER_TIMEOUT: head complete (then the body) within this (408)
    int idleTimeoutMs = 60'000;              // IDLE_TIMEOUT: a keep-alive connection with no request is closed
    int maxConnections = 256;                // MAX_CONNECTIONS: per server thread; beyond it 503 (room kept for /healthz)
    qsizetype maxOutputBytes = 8 * 1024 * 1024; // MAX_OUTPUT_BYTES: unsent answer bytes per connection…
    int slowClientMs = 5'000;                // SLOW_CLIENT_TIMEOUT: …tolerated this long, then the client is dropped
    int maxBatch = 50;                       // MAX_BATCH: JSON-RPC requests in one batch (413 beyond)
    qsizetype maxAnswerBytes = 4 * 1024 * 1024; // MAX_ANSWER_BYTES: a batch's answers; the rest get an error
};

} // namespace co
