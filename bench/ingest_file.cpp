// bench_ingest_file: the file path of ingest. A gzip file of N aggTrade frames in the recorder's
// format (`<local ns> <combined-stream frame>` per line, as hftbacktest records) is generated
// from the recorded trades of hftbacktest/btcusdt_20240808.gz, repeated with consecutive ids and
// times spread over one UTC day. Timed in the same run, on the same file:
//   (a) zlib inflate alone (gzread into a buffer, lines found),
//   (b) the floor: zlib inflate + a bare simdjson on-demand parse of each frame's trade fields,
//   (c) `crypto-orderflow report --replay FILE --symbol BTCUSDT` (the real program: inflate,
//       FrameDecoder, MarketFeed, every indicator, the report).
// Reported: (c)/(b), the issue 16 target <= 1.5x, and (a)/(b) to show what the floor is made of.
// --before PATH also times another build of the program (e.g. before a change) in the same rounds.
// A benchmark, not a test: exit 0 whatever the speed; SKIP without the data; 1 on a wrong count.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <simdjson.h>
#include <zlib.h>

#include <sys/resource.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#ifndef CO_BENCH_DEFAULT_DATA_DIR
#define CO_BENCH_DEFAULT_DATA_DIR "../shared/data/binance"
#endif

namespace {
constexpr int64_t kDay0 = 19'944LL * 86'400'000; // 2024-08-09 00:00 UTC

struct Src {
    std::string p, q;
    bool m = false;
};

std::vector<Src> loadRecorded(const std::string &path)
{
    std::vector<Src> out;
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        return out;
    std::vector<char> line(1 << 20);
    simdjson::ondemand::parser parser;
    while (gzgets(f, line.data(), int(line.size()))) {
        std::string_view l(line.data());
        if (l.find("\"btcusdt@trade\"") == std::string_view::npos)
            continue;
        const simdjson::padded_string json(l.substr(l.find(' ') + 1));
        simdjson::ondemand::document doc;
        if (parser.iterate(json).get(doc))
            continue;
        std::string_view p, q, x = "MARKET";
        bool m = false;
        auto data = doc["data"];
        if (data["p"].get(p) || data["q"].get(q) || data["m"].get(m))
            continue;
        if (!data["X"].get(x) && x != "MARKET")
            continue;
        out.push_back({std::string(p), std::string(q), m});
    }
    gzclose(f);
    return out;
}

bool writeFrames(const QString &path, const std::vector<Src> &clip, int64_t n)
{
    gzFile f = gzopen(path.toUtf8().constData(), "wb6");
    if (!f)
        return false;
    gzbuffer(f, 1 << 20);
    char buf[512];
    for (int64_t i = 0; i < n; ++i) {
        const Src &s = clip[size_t(i) % clip.size()];
        const int64_t t = kDay0 + i * (86'400'000 - 1000) / n;
        const int64_t id = 2'300'000'000 + i;
        const int len = std::snprintf(
            buf, sizeof buf,
            "%lld {\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":%lld,\"a\":%lld,\"s\":\"BTCUSDT\","
            "\"p\":\"%s\",\"q\":\"%s\",\"f\":%lld,\"l\":%lld,\"T\":%lld,\"m\":%s}}\n",
            static_cast<long long>((t + 20) * 1'000'000), static_cast<long long>(t + 3), static_cast<long long>(id),
            s.p.c_str(), s.q.c_str(), static_cast<long long>(id * 2), static_cast<long long>(id * 2 + 1),
            static_cast<long long>(t), s.m ? "true" : "false");
        if (gzwrite(f, buf, unsigned(len)) != len) {
            gzclose(f);
            return false;
        }
    }
    return gzclose(f) == Z_OK;
}

// Inflates the file in 1 MiB pieces; calls line(view) for each line when given. Lines found.
template <class Fn> int64_t scanLines(const QString &path, Fn &&onLine)
{
    gzFile f = gzopen(path.toUtf8().constData(), "rb");
    if (!f)
        return -1;
    gzbuffer(f, 1 << 20);
    std::string buf(1 << 20, '\0'), carry;
    int64_t lines = 0;
    int got;
    while ((got = gzread(f, buf.data(), unsigned(buf.size()))) > 0) {
        std::string_view chunk(buf.data(), size_t(got));
        size_t at = 0;
        for (size_t nl; (nl = chunk.find('\n', at)) != std::string_view::npos; at = nl + 1) {
            ++lines;
            if (!carry.empty()) {
                carry.append(chunk.substr(at, nl - at));
                onLine(std::string_view(carry));
                carry.clear();
            } else {
                onLine(chunk.substr(at, nl - at));
            }
        }
        carry.append(chunk.substr(at));
    }
    gzclose(f);
    return lines;
}

double seconds(const QElapsedTimer &t) { return double(t.nsecsElapsed()) / 1e9; }

// CPU time (user + system) of this process, and of its waited-for children: on a busy machine
// wall time mostly measures the other processes.
double selfCpu()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
double childrenCpu()
{
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dataDir = qEnvironmentVariable("CO_SHARED_DATA_DIR", CO_BENCH_DEFAULT_DATA_DIR);
    QString program = CO_APP_PATH, before;
    int64_t n = 3'000'000;
    int rounds = 3;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == "--data")
            dataDir = args[i + 1];
        else if (args[i] == "--app")
            program = args[i + 1];
        else if (args[i] == "--before")
            before = args[i + 1];
        else if (args[i] == "--messages")
            n = std::max<int64_t>(1000, args[i + 1].toLongLong());
        else if (args[i] == "--rounds")
            rounds = std::clamp(args[i + 1].toInt(), 1, 20);
        else {
            std::fprintf(stderr, "usage: bench_ingest_file [--data DIR] [--app PATH] [--before PATH] [--messages N] [--rounds R]\n");
            return 2;
        }
    }
    const std::vector<Src> clip = loadRecorded((dataDir + "/hftbacktest/btcusdt_20240808.gz").toStdString());
    if (clip.empty()) {
        std::printf("SKIP: no recorded trades under %s\n", qPrintable(dataDir));
        return 0;
    }
    QTemporaryDir tmp;
    const QString file = tmp.filePath("btcusdt-aggTrade-frames.gz");
    if (!writeFrames(file, clip, n)) {
        std::fprintf(stderr, "bench_ingest_file: cannot write %s\n", qPrintable(file));
        return 1;
    }
    std::printf("%lld aggTrade frames, gzip file %s\n", static_cast<long long>(n), qPrintable(file));
    double inflateBest = 1e9, floorBest = 1e9, replayBest = 1e9;
    double inflateCpu = 1e9, floorCpu = 1e9, replayCpu = 1e9, beforeBest = 1e9, beforeCpu = 1e9;
    simdjson::ondemand::parser parser;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        double c0 = selfCpu();
        const int64_t lines = scanLines(file, [](std::string_view) {});
        inflateBest = std::min(inflateBest, seconds(t));
        inflateCpu = std::min(inflateCpu, selfCpu() - c0);
        t.restart();
        c0 = selfCpu();
        int64_t parsed = 0;
        std::string padded;
        scanLines(file, [&](std::string_view line) {
            const std::string_view json = line.substr(line.find(' ') + 1);
            padded.assign(json);
            padded.append(simdjson::SIMDJSON_PADDING, '\0');
            simdjson::ondemand::document doc;
            if (parser.iterate(padded.data(), json.size(), padded.size()).get(doc))
                return;
            auto d = doc["data"];
            int64_t a = 0, tt = 0;
            std::string_view p, q;
            bool m = false;
            if (!d["a"].get(a) && !d["p"].get(p) && !d["q"].get(q) && !d["T"].get(tt) && !d["m"].get(m))
                ++parsed;
        });
        floorBest = std::min(floorBest, seconds(t));
        floorCpu = std::min(floorCpu, selfCpu() - c0);
        if (lines != n || parsed != n) {
            std::fprintf(stderr, "bench_ingest_file: WRONG: %lld lines, %lld parsed of %lld\n",
                         static_cast<long long>(lines), static_cast<long long>(parsed), static_cast<long long>(n));
            return 1;
        }
        auto report = [&](const QString &app, double &best, double &cpu) {
            QElapsedTimer w;
            w.start();
            const double cc = childrenCpu();
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p.setStandardOutputFile(QProcess::nullDevice());
            p.start(app, {"report", "--replay", file, "--symbol", "BTCUSDT"});
            if (!p.waitForFinished(-1) || p.exitCode() != 0) {
                std::fprintf(stderr, "bench_ingest_file: %s report failed\n", qPrintable(app));
                return false;
            }
            best = std::min(best, seconds(w));
            cpu = std::min(cpu, childrenCpu() - cc);
            return true;
        };
        if (!report(program, replayBest, replayCpu) || (!before.isEmpty() && !report(before, beforeBest, beforeCpu)))
            return 1;
    }
    std::printf("\n%-46s %8s %8s %8s %8s\n", "best of rounds", "wall s", "x floor", "cpu s", "x floor");
    auto row = [&](const char *name, double w, double c) {
        std::printf("%-46s %8.3f %8.2f %8.3f %8.2f\n", name, w, w / floorBest, c, c / floorCpu);
    };
    row("zlib inflate alone", inflateBest, inflateCpu);
    row("floor: inflate + bare simdjson (baseline)", floorBest, floorCpu);
    row("crypto-orderflow report --replay", replayBest, replayCpu);
    if (!before.isEmpty())
        row("  the same, --before build", beforeBest, beforeCpu);
    std::printf("\ntarget report --replay <= 1.5x floor: wall %.2fx %s, cpu %.2fx %s\n", replayBest / floorBest,
                replayBest / floorBest <= 1.5 ? "PASS" : "MISS", replayCpu / floorCpu,
                replayCpu / floorCpu <= 1.5 ? "PASS" : "MISS");
    return 0;
}
