#pragma once
// What the parts of bench_import share: the recorded clip, the generated day, timing.
#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class QTemporaryDir;

namespace co::bench {

inline constexpr double kTargetRowsPerSec = 2.0e6;
inline constexpr double kTargetVsWc = 3.0;
inline constexpr qint64 kTargetHealthzMs = 1000;
inline constexpr qint64 kTargetRssKb = 150 * 1024;
inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kDay0 = 19'944LL * kDayMs; // 2024-08-09 00:00 UTC

struct Src {
    int64_t time = 0, qtyUnits = 0;
    std::string price, qty;
    bool buyerMaker = false;
};

// "0.006" → 600000 (1e-8 units), independently of the code under test.
int64_t units(const std::string &s);
// The trades of a recorded gzip of raw frames (hftbacktest/btcusdt_20240808.gz).
std::vector<Src> loadRecorded(const QString &path);

// Row k of a day made of the clip repeated: consecutive ids, times spread over the day.
struct DayGen {
    const std::vector<Src> &clip;
    int64_t rows, dayStart, firstId;
    int64_t span = 0, reps = 0;
    DayGen(const std::vector<Src> &c, int64_t n, int64_t day, int64_t id) : clip(c), rows(n), dayStart(day), firstId(id)
    {
        span = clip.back().time - clip.front().time + 1;
        reps = (rows + int64_t(clip.size()) - 1) / int64_t(clip.size());
    }
    const Src &src(int64_t k) const { return clip[size_t(k % int64_t(clip.size()))]; }
    int64_t time(int64_t k) const
    {
        const int64_t rep = k / int64_t(clip.size());
        return dayStart + (rep * span + src(k).time - clip.front().time) * kDayMs / (reps * span);
    }
};

struct CsvFacts {
    int64_t rows = 0, qty = 0;
    qint64 bytes = 0;
};

bool writeCsv(const QString &path, const DayGen &g, CsvFacts &facts);
double cpuSeconds();

struct Timing {
    std::vector<double> wall, cpu;
    void add(double w, double c)
    {
        wall.push_back(w);
        cpu.push_back(c);
    }
    double best() const;
    double median() const;
    double bestCpu() const;
};

template <class Fn> void timeIt(Timing &t, Fn &&fn)
{
    QElapsedTimer w;
    const double c0 = cpuSeconds();
    w.start();
    fn();
    t.add(double(w.nsecsElapsed()) / 1e9, cpuSeconds() - c0);
}

double wcSeconds(const QString &path);
QString mps(double rows, double s);

// Part 1 (ImportDay.cpp) and part 2 (ImportStartup.cpp); both return the process exit code.
int benchImport(const std::vector<Src> &clip, int64_t rows, int rounds, const QTemporaryDir &tmp, const QString &app);
int benchStartup(const std::vector<Src> &clip, int64_t btcPerDay, int64_t ethPerDay, int days, const QString &app,
                 QString db);

} // namespace co::bench
