#pragma once
// The one reader of Binance archive aggTrades files (binance.md §7): a .zip holding one CSV, a
// plain .csv or a gzipped one, header row or not. Strict (import): a row that does not parse is
// an error naming the file and line, so an import never half-loads a damaged file. Lenient
// (replay): such rows are counted in badRows() and skipped.
#include "model/Trade.h"

#include <QFile>
#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

class QuaZip;
class QuaZipFile;

namespace co {

class Sha256;

// Parses one archive aggTrades CSV row into a trade; false if the row is not a data row.
bool parseAggTradeCsvRow(std::string_view row, Trade &out);
// "first field of line 1 is not all digits" → header (binance.md §7).
bool isCsvHeader(std::string_view firstLine);

class AggTradeFile {
public:
    enum class Mode { Strict, Lenient };
    explicit AggTradeFile(Mode mode = Mode::Strict);
    ~AggTradeFile();

    bool open(const QString &path, QString *error);
    // Appends up to max trades to out. False at the end or on an error (error() non-empty); a
    // damaged zip entry (CRC) or gzip stream is reported when the end is reached.
    bool read(std::vector<Trade> &out, size_t max);
    const QString &error() const noexcept { return error_; }

    int64_t line() const noexcept { return line_; }       // lines read so far
    int64_t rows() const noexcept { return rows_; }       // data rows (not header, not blank)
    int64_t badRows() const noexcept { return badRows_; } // Lenient: rows skipped
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

    Mode mode_;
    QString path_, name_;
    QFile file_;
    void *gz_ = nullptr; // gzFile of a gzipped CSV
    std::unique_ptr<QuaZip> zip_;
    std::unique_ptr<QuaZipFile> entry_;
    std::unique_ptr<char[]> buf_; // unread bytes [pos_, end_)
    size_t cap_ = 0, pos_ = 0, end_ = 0;
    bool eof_ = false, finished_ = false, header_ = false;
    int64_t line_ = 0, rows_ = 0, badRows_ = 0, consumed_ = 0, total_ = 0;
    QString error_;
    Sha256 *hash_ = nullptr;
};

} // namespace co
