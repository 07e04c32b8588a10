// The request guard: any bytes, whole and split at every LF (as they may arrive), with small and
// default limits. A complete head must lie inside the input and satisfy the limits it was read with.
#include "server/HttpRequest.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    co::HttpLimits small;
    small.maxHeaderBytes = 256;
    small.maxBodyBytes = 64;
    for (const co::HttpLimits &limits : {co::HttpLimits{}, small}) {
        const co::HeadResult r = co::parseRequestHead(bytes, limits);
        if (r.kind == co::HeadResult::Complete &&
            (r.headBytes > bytes.size() || r.headBytes > limits.maxHeaderBytes ||
             r.request.contentLength > limits.maxBodyBytes || !r.request.target.startsWith('/')))
            std::abort();
        if (r.kind == co::HeadResult::Error && (r.status < 400 || r.status > 505))
            std::abort();
        // A prefix is never complete where the whole was incomplete.
        for (qsizetype at = bytes.indexOf('\n'); at >= 0 && r.kind == co::HeadResult::Incomplete;
             at = bytes.indexOf('\n', at + 1))
            if (co::parseRequestHead(bytes.first(at + 1), limits).kind == co::HeadResult::Complete)
                std::abort();
    }
    return 0;
}
