#pragma once
// Colours of the custom-painted views and the chart panels (one dark palette, so the footprint,
// price chart and Qt Charts panels read alike). Tests compare pixels against these.
#include <QColor>

namespace co::theme {

inline const QColor kBackground{0x14, 0x16, 0x1b};
inline const QColor kPanel{0x1c, 0x1f, 0x26};
inline const QColor kGrid{0x2a, 0x2e, 0x37};
inline const QColor kAxisText{0x9a, 0xa1, 0xad};
inline const QColor kText{0xdc, 0xe0, 0xe8};
inline const QColor kTextOnStrong{0x0b, 0x0d, 0x10};
inline const QColor kCellNeutral{0x23, 0x26, 0x2e};

inline const QColor kBuy{0x26, 0xa6, 0x5b};  // taker buys, positive delta
inline const QColor kSell{0xe0, 0x46, 0x4f}; // taker sells, negative delta
inline const QColor kBuyImbalance{0x3d, 0xe0, 0x7f};
inline const QColor kSellImbalance{0xff, 0x5c, 0x66};
inline const QColor kBuyZone{0x3d, 0xe0, 0x7f, 70};  // stacked BUY zone band (translucent)
inline const QColor kSellZone{0xff, 0x5c, 0x66, 70};
inline const QColor kPoc{0xf5, 0xc5, 0x42};

inline const QColor kVwap{0x4a, 0xa3, 0xff};
inline const QColor kVwapBand{0x4a, 0xa3, 0xff, 150};
inline const QColor kPriorLevel{0xb0, 0x8c, 0xff};
inline const QColor kValueArea{0xf5, 0xc5, 0x42, 40};
inline const QColor kSessionLevel{0x5f, 0xc8, 0xc8};
inline const QColor kNakedPoc{0xff, 0x9f, 0x43};
inline const QColor kLastPrice{0xe8, 0xe8, 0xe8};

} // namespace co::theme
