#pragma once
// The TPO (market profile) chart: one text row per price row with its period letters, the value
// area shaded, the TPO POC marked and the initial balance as a bar beside the letters. Building the
// scene (from the engine's tpoProfile, analysis.md A5) and painting are pure functions, so the
// chart renders the same on screen and into a QImage in tests and the benchmark.
#include "engine/Profiles.h"

#include <QImage>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace co {

struct TpoSceneRow {
    double price = 0;   // the row's low edge
    QString letters;    // A…Z, a…z in period order
};

struct TpoScene {
    QString title;
    std::vector<TpoSceneRow> rows; // highest price first
    double rowStep = 0;
    int priceDecimals = 2;
    int periods = 0;
    std::optional<double> poc, vah, val, ibHigh, ibLow;
};

// The day's (or a session's) TPO over [fromMs, toMs): periods of periodMinutes, rows of at least
// `ticks` ticks merged further (a round multiple) until at most maxRows remain (maxRows > 0).
TpoScene buildTpoScene(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, int periodMinutes, int64_t ticks,
                       int64_t maxRows, const QString &title);

void paintTpo(QPainter &p, const QRectF &area, const TpoScene &scene);
QImage renderTpo(const TpoScene &scene, QSize size);

// Layout shared by the painter and the tests: the y of a row's top, the letter column's x.
struct TpoLayout {
    QRectF plot;
    double rowHeight = 0, letterWidth = 0, ibX = 0;
    double rowTop(size_t i) const { return plot.top() + double(i) * rowHeight; }
    double letterX(int column) const { return plot.left() + double(column) * letterWidth; }
};
TpoLayout tpoLayout(const QRectF &area, const TpoScene &scene);

} // namespace co
