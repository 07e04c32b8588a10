#include "engine/SymbolDirectory.h"

#include <algorithm>
#include <tuple>

namespace co {
namespace {
size_t editDistance(const std::string &a, const std::string &b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}
} // namespace

std::vector<std::string> closeSymbols(const std::string &query, const std::vector<std::string> &names, size_t n)
{
    std::vector<std::tuple<int, size_t, std::string>> ranked; // (prefix? 0 : 1, distance, name)
    for (const std::string &name : names) {
        const bool prefix = !query.empty() && (name.rfind(query, 0) == 0 || query.rfind(name, 0) == 0);
        const size_t d = editDistance(query, name);
        if (prefix || d <= 2)
            ranked.emplace_back(prefix ? 0 : 1, d, name);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> out;
    for (size_t i = 0; i < ranked.size() && i < n; ++i)
        out.push_back(std::get<2>(ranked[i]));
    return out;
}

} // namespace co
