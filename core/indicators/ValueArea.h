#pragma once
// POC and value area over a profile's rows (spec indicators.md §2).
#include "indicators/Ladder.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace co {

enum class VaMethod : uint8_t { Dual, Single }; // CBOT dual-row (default) or single-row

// Greatest total volume; tie → closest to the middle (|2k − (n−1)| smallest); still tied → lower.
std::optional<size_t> pocIndex(std::span<const int64_t> volumes) noexcept;

struct ValueAreaResult {
    size_t poc = 0;
    size_t low = 0;  // index of VAL
    size_t high = 0; // index of VAH
    int64_t volume = 0;
};

// percentBp: VA% in basis points (70 % = 7000). nullopt when there is no volume.
std::optional<ValueAreaResult> valueArea(std::span<const int64_t> volumes, int64_t percentBp,
                                         VaMethod method = VaMethod::Dual) noexcept;

// The same on a ladder, as absolute rows.
struct ProfileLevels {
    int64_t pocRow = 0;
    int64_t vahRow = 0;
    int64_t valRow = 0;
    int64_t vaVolume = 0;
    int64_t totalVolume = 0;
};
std::optional<ProfileLevels> profileLevels(const Ladder &ladder, int64_t percentBp, VaMethod method);
std::optional<int64_t> pocRow(const Ladder &ladder);

} // namespace co
