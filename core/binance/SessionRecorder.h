#pragma once
// Records what the engines consumed in the recorder format ReplaySource (--replay, report)
// reads: gzip text, one "<local ts ns> <frame>" line per event, one file per symbol per UTC hour
// of the local receive time (<dir>/<SYMBOL>-<YYYYMMDD>-<HH>.gz). Trades are the gap-filled
// sequence (REST-filled ones included, in id order) as aggTrade frames; depth snapshots are
// REST lines naming their symbol; diffs, mark prices and liquidations are frames as decoded.
// Open interest has no frame form the replay reads and is not recorded. The folder is kept
// under maxBytes by deleting the oldest closed files first.
#include "model/FeedStatus.h"
#include "model/Event.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace co {

class SessionRecorder {
public:
    struct Options {
        QString dir;
        int64_t maxBytes = 0;        // 0 = unbounded
        int64_t checkEveryMs = 5000; // disk use is measured at most this often (and at each new file)
        int64_t flushEveryMs = 2000; // a crash loses at most this much
    };

    explicit SessionRecorder(Options options);
    ~SessionRecorder();
    SessionRecorder(const SessionRecorder &) = delete;
    SessionRecorder &operator=(const SessionRecorder &) = delete;

    void write(const std::vector<MarketEvent> &events);
    void close();
    RecordingStatus status() const;

    // The frame a replay decodes back to `e` (empty: not recordable).
    static std::string frameOf(const MarketEvent &e);
    static QString fileName(const std::string &symbol, int64_t localMs);

private:
    struct File {
        void *gz = nullptr; // gzFile
        int64_t hour = 0;
        QString path;
    };
    File *fileFor(const std::string &symbol, int64_t localMs);
    void enforceLimit();

    Options options_;
    std::map<std::string, File> open_;
    int64_t lastCheckMs_ = INT64_MIN / 2, lastFlushMs_ = 0;
    int64_t bytesOnDisk_ = 0, filesOnDisk_ = 0, deletedFiles_ = 0, lines_ = 0;
    QString error_;
};

} // namespace co
