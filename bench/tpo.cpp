// bench_tpo: TPO chart repaint time (target ≤ 16 ms, one frame at 60 Hz) of a full day — 48
// periods × ROWS rows with letters — offscreen into a 1920×1080 QImage, next to a baseline measured
// in the same run: one fill of the whole image.
// Run: build/bin/bench_tpo [--rows 130] [--rounds 40] (above ~400 rows letters become blocks)
#include "views/TpoPainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace co;

namespace {
template <typename F>
double medianMs(int rounds, F &&f)
{
    std::vector<double> ms;
    for (int i = 0; i <= rounds; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        if (i > 0) // the first warms caches
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int rows = 130, rounds = 40; // 130 rows of 8 px letters fill 1080 px (the widget merges rows to that)
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rows"))
            rows = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
    }
    // A day of 48 periods drifting over the rows: each period prints a band of 40 rows.
    TpoScene s;
    s.title = "bench";
    s.rowStep = 1;
    s.priceDecimals = 0;
    s.periods = 48;
    for (int r = rows - 1; r >= 0; --r) {
        TpoSceneRow row{1000.0 + r, {}};
        for (int p = 0; p < 48; ++p) {
            const int centre = (p * 7 + rows / 2) % rows;
            if (std::abs(r - centre) < 20)
                row.letters += QChar(p < 26 ? 'A' + p : 'a' + (p - 26));
        }
        s.rows.push_back(row);
    }
    s.poc = 1000.0 + rows / 2;
    s.vah = *s.poc + rows / 6;
    s.val = *s.poc - rows / 6;
    s.ibHigh = *s.poc + 20;
    s.ibLow = *s.poc - 20;
    QImage img(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const double paint = medianMs(rounds, [&] {
        QPainter p(&img);
        paintTpo(p, QRectF(0, 0, 1920, 1080), s);
    });
    const double fill = medianMs(rounds, [&] {
        QPainter p(&img);
        p.fillRect(QRectF(0, 0, 1920, 1080), Qt::black);
    });
    std::printf("tpo %d rows x 48 periods, 1920x1080: median %.2f ms (%.1fx a full-image fill, %.3f ms)  %s\n", rows, paint,
                paint / std::max(fill, 1e-6), fill, paint <= 16 ? "PASS (<= 16 ms)" : "MISS (> 16 ms)");
    return 0;
}
