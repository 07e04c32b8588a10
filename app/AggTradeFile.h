#pragma once
// Reads a Binance archive aggTrades file for import: a .zip holding one CSV (binance.md §7) or a
// plain .csv, header row or not. Unlike a replay, a row that does not parse is an error naming
// the file and line (an import must not half-load a damaged file). Rows are parsed by
// binance/ReplaySource (parseAggTradeCsvRow, isCsvHeader).
#include "model/Trade.h"

#include <QString>

#include <QFile>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class QuaZip;
class QuaZipFile;

namespace co {

class Sha256;

class AggTradeFile {
public:
    AggTradeFile();
    ~AggTradeFile();

    bool open(const QString &path, QString *error);
    // Appends up to max trades to out. False at the end or on an error (error() non-empty); a
    // damaged zip entry (CRC) is reported when the end is reached.
    bool read(std::vector<Trade> &out, size_t max);
    const QString &error() const noexcept { return error_; }

    int64_t line() const noexcept { return line_; }   // lines read so far
    int64_t bytesRead() const noexcept { return consumed_; }
    int64_t bytesTotal() const noexcept { return total_; } // uncompressed size (0: unknown)
    bool hadHeader() const noexcept { return header_; }
    bool isZip() const noexcept { return zip_ != nullptr; }
    bool atEnd() const noexcept { return finished_; } // everything read
    // A plain file's bytes also go to h as they are read (one pass for rows and checksum).
    void hashAsRead(Sha256 *h) { hash_ = h; }

private:
    int64_t readRaw(char *buf, int64_t n);
    bool fail(const QString &why);
    bool finish();

    QString path_, name_;
    QFile file_;
    std::unique_ptr<QuaZip> zip_;
    std::unique_ptr<QuaZipFile> entry_;
    std::unique_ptr<char[]> buf_; // unread bytes [pos_, end_)
    size_t cap_ = 0, pos_ = 0, end_ = 0;
    bool eof_ = false, finished_ = false, header_ = false;
    int64_t line_ = 0, consumed_ = 0, total_ = 0;
    QString error_;
    Sha256 *hash_ = nullptr;
};

} // namespace co
