// FrameDecoder on arbitrary frames: never throws, never reads out of bounds, with and without padding.
#include "binance/FrameDecoder.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static co::FrameDecoder decoder;
    const std::string_view frame(reinterpret_cast<const char *>(data), size);
    co::MarketEvent out;
    decoder.decode(frame, out, "BTCUSDT"); // copied to a padded buffer
    std::string padded(frame);
    padded.resize(size + 64);
    decoder.decode(std::string_view(padded.data(), size), padded.size(), out); // in place
    return 0;
}
