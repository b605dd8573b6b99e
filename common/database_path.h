#pragma once
// Which database a lede command works on when the user names none: the one
// rule lede-index and lede-query share, --db, else $LEDE_DB, else ./lede.db.
// No file is opened here.
#include <string>

namespace lede {

// The help text of --db on both commands, so that it says the rule above.
inline constexpr const char* kDatabaseOptionHelp =
    "Database directory (default: $LEDE_DB, else ./lede.db)";

// The database path: `flag` (the --db value) when given, else $LEDE_DB when
// set and not empty, else "lede.db" (relative to the working directory).
[[nodiscard]] std::string resolve_db_path(const std::string& flag);

}  // namespace lede
