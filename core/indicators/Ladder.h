#pragma once
// Dense volume-by-price rows, one per tick row, from the lowest to the highest traded row.
// Rows inside the range without trades hold zeros (spec indicators.md §2).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace co {

struct RowVolume {
    int64_t buy = 0;  // taker buys (ask side)
    int64_t sell = 0; // taker sells (bid side)
    int64_t trades = 0;
    int64_t total() const noexcept { return buy + sell; }
    bool operator==(const RowVolume &) const = default;
};

class Ladder {
public:
    void add(int64_t row, int64_t qty, bool takerBuy) noexcept
    {
        if (empty_ || row < low_ || row > high_) [[unlikely]]
            grow(row);
        RowVolume &r = rows_[size_t(row - base_)];
        (takerBuy ? r.buy : r.sell) += qty;
        ++r.trades;
    }
    void addRow(int64_t row, const RowVolume &v);

    bool empty() const noexcept { return empty_; }
    int64_t lowRow() const noexcept { return low_; }
    int64_t highRow() const noexcept { return high_; }
    size_t size() const noexcept { return empty_ ? 0 : size_t(high_ - low_ + 1); }
    const RowVolume &at(int64_t row) const noexcept { return rows_[size_t(row - base_)]; }
    RowVolume get(int64_t row) const noexcept
    {
        return (empty_ || row < low_ || row > high_) ? RowVolume{} : at(row);
    }
    // Drops the growth slack (a closed bar will not grow again).
    void compact();
    // Rows merged k at a time: grouped row g = floor(row / k).
    Ladder grouped(int64_t k) const;

    bool operator==(const Ladder &o) const;

private:
    void grow(int64_t row);

    std::vector<RowVolume> rows_; // rows_[i] is row base_ + i; slack on both ends
    int64_t base_ = 0;
    int64_t low_ = 0, high_ = -1;
    bool empty_ = true;
};

} // namespace co
