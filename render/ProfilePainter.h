#pragma once
// The volume profile picture: rows of sell and buy volume, the value area shaded, POC/VAH/VAL
// marked. A pure function of a scene, so the Volume profile dock (views/ProfileView) and the
// server's pictures (format "png" on get_session_profile/get_tpo_profile) draw the same.
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace co {

struct ProfileRow {
    double price = 0, buy = 0, sell = 0;
};

struct ProfileScene {
    QString title;
    std::vector<ProfileRow> rows; // highest price first, one per rowStep
    double rowStep = 0;
    int priceDecimals = 2;
    std::optional<double> poc, vah, val;
    double volume = 0, valueAreaVolume = 0;
    double lastPrice = 0;
    bool hasLastPrice = false;
};

void paintProfile(QPainter &p, const QRectF &area, const ProfileScene &scene);

} // namespace co
