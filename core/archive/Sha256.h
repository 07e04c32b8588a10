#pragma once
// SHA-256 through OpenSSL's libcrypto (SHA-NI/AVX2: ~1.5 GB/s, ~10x QCryptographicHash in Qt
// 6.4), for archive checksums: a day of aggTrades CSV is ~170 MB.
#include <QByteArray>
#include <QString>

#include <memory>

namespace co {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    void add(const char *data, qsizetype size);
    void add(const QByteArray &data) { add(data.constData(), data.size()); }
    QString hex(); // lower case; ends the hash

    // Of a whole file; "" with *error when it cannot be read.
    static QString ofFile(const QString &path, QString *error = nullptr);

private:
    struct Ctx;
    std::unique_ptr<Ctx> ctx_;
};

} // namespace co
