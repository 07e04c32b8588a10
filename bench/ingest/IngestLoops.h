#pragma once
// The loops bench_ingest times over the same frames: the real pipeline (FrameDecoder →
// MarketFeed → MarketEngine, publishing every 100 ms) and two baselines (bare simdjson, Qt JSON).
#include "IngestFrames.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace bench_ingest {

using Clock = std::chrono::steady_clock;

double threadCpuSeconds();

struct Timer {
    Clock::time_point w0 = Clock::now();
    double c0 = threadCpuSeconds();
    double wall = 0, cpu = 0;
    void stop()
    {
        cpu = threadCpuSeconds() - c0;
        wall = std::chrono::duration<double>(Clock::now() - w0).count();
    }
};

struct PipelineRun {
    double wall = 0, cpu = 0;
    uint64_t publishes = 0, notEvent = 0, decoded = 0, applied = 0;
    int64_t trades = 0, buy = 0, sell = 0, duplicates = 0, offGrid = 0;
    size_t gaps = 0, bars1m = 0, profileRows = 0;
    std::string lastError;
};

PipelineRun runPipeline(const FrameSet &fs);

struct BaselineRun {
    double wall = 0, cpu = 0;
    uint64_t complete = 0; // frames where all eight fields were read
};

// (a) Bare simdjson on-demand over the payload's fields; `raw` = strings as raw bytes.
template <bool raw>
BaselineRun runSimdjson(const FrameSet &fs);

// (b) QJsonDocument::fromJson, then the same fields from the "data" object.
BaselineRun runQt(const FrameSet &fs);

} // namespace bench_ingest
