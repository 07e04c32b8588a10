#pragma once
// A query's answer for a tool: its value, or its QueryError thrown as the matching ApiError.
#include "engine/Query.h"
#include "server/ApiError.h"

#include <variant>

namespace co {

inline ApiErrorKind apiErrorKind(QueryErrorKind k)
{
    switch (k) {
    case QueryErrorKind::NoData: return ApiErrorKind::NoData;
    case QueryErrorKind::NotInMemory: return ApiErrorKind::NotInMemory;
    case QueryErrorKind::Unsupported: return ApiErrorKind::Unsupported;
    }
    return ApiErrorKind::NoData;
}

template <typename T>
const T &valueOr(const QueryResult<T> &r)
{
    if (const QueryError *e = std::get_if<QueryError>(&r))
        throw ApiError{apiErrorKind(e->kind), QString::fromStdString(e->message)};
    return std::get<T>(r);
}

} // namespace co
