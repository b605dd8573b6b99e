#pragma once
// SIGINT and SIGTERM for lede-index: the first one sets a flag that the
// pipeline polls between inputs, so the run finishes its current batch,
// commits, prints its summary and exits 130; a second one kills the
// process at once (the database is then at its last commit). The flag is
// process-wide state because a signal handler can reach nothing else.

namespace lede::indexer {

// Installs the handlers. Call once, from the main thread, before starting
// worker threads.
void install_interrupt_handlers();

// Restores the default actions (for in-process tests).
void remove_interrupt_handlers();

// Whether SIGINT or SIGTERM has arrived since install_interrupt_handlers().
// Safe from any thread.
[[nodiscard]] bool interrupted();

}  // namespace lede::indexer
