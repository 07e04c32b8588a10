#include "ImportData.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <zlib.h>

#include <sys/resource.h>

#include <algorithm>
#include <charconv>

namespace co::bench {

int64_t units(const std::string &s)
{
    const size_t dot = s.find('.');
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    frac.resize(8, '0');
    return std::stoll(s.substr(0, dot)) * 100'000'000 + std::stoll(frac);
}

std::vector<Src> loadRecorded(const QString &path)
{
    std::vector<Src> out;
    gzFile f = gzopen(path.toLocal8Bit().constData(), "rb");
    if (!f)
        return out;
    QByteArray all;
    char buf[1 << 16];
    for (int n; (n = gzread(f, buf, sizeof buf)) > 0;)
        all.append(buf, n);
    gzclose(f);
    for (const QByteArray &line : all.split('\n')) {
        const int sp = line.indexOf(' ');
        if (sp < 0 || !line.contains("\"e\":\"trade\""))
            continue;
        const QJsonObject d = QJsonDocument::fromJson(line.mid(sp + 1)).object().value("data").toObject();
        Src s;
        s.time = int64_t(d.value("T").toDouble());
        s.price = d.value("p").toString().toStdString();
        s.qty = d.value("q").toString().toStdString();
        s.qtyUnits = units(s.qty);
        s.buyerMaker = d.value("m").toBool();
        out.push_back(std::move(s));
    }
    return out;
}

bool writeCsv(const QString &path, const DayGen &g, CsvFacts &facts)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    std::string out = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n";
    char num[24];
    auto put = [&](int64_t v) {
        const auto r = std::to_chars(num, num + sizeof num, v);
        out.append(num, r.ptr);
    };
    for (int64_t k = 0; k < g.rows; ++k) {
        const Src &s = g.src(k);
        put(g.firstId + k);
        out += ',';
        out += s.price;
        out += ',';
        out += s.qty;
        out += ',';
        put(5'000'000'000 + 3 * k);
        out += ',';
        put(5'000'000'000 + 3 * k + 2);
        out += ',';
        put(g.time(k));
        out += s.buyerMaker ? ",true\n" : ",false\n";
        facts.qty += s.qtyUnits;
        if (out.size() > (8 << 20)) {
            f.write(out.data(), qint64(out.size()));
            out.clear();
        }
    }
    f.write(out.data(), qint64(out.size()));
    facts.rows = g.rows;
    facts.bytes = f.size();
    return f.error() == QFile::NoError;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double wcSeconds(const QString &path)
{
    QElapsedTimer w;
    w.start();
    QProcess p;
    p.start("wc", {"-l", path});
    p.waitForFinished(-1);
    return double(w.nsecsElapsed()) / 1e9;
}

QString mps(double rows, double s) { return QString::number(rows / s / 1e6, 'f', 2) + " M/s"; }

double Timing::best() const { return *std::min_element(wall.begin(), wall.end()); }
double Timing::median() const
{
    std::vector<double> v = wall;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
double Timing::bestCpu() const { return *std::min_element(cpu.begin(), cpu.end()); }

} // namespace co::bench
