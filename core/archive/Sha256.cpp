#include "archive/Sha256.h"

#include <QFile>

#include <openssl/evp.h>

namespace co {

struct Sha256::Ctx {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) { EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr); }

Sha256::~Sha256() = default;

void Sha256::add(const char *data, qsizetype size) { EVP_DigestUpdate(ctx_->md, data, size_t(size)); }

QString Sha256::hex()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_->md, out, &n);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), int(n)).toHex());
}

QString Sha256::ofFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = f.errorString();
        return {};
    }
    Sha256 h;
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buf.data(), buf.size());
        if (n < 0) {
            if (error)
                *error = "cannot read " + path + ": " + f.errorString();
            return {};
        }
        if (n == 0)
            break;
        h.add(buf.constData(), qsizetype(n));
    }
    return h.hex();
}

} // namespace co
