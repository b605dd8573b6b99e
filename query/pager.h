#pragma once
// lede-query --show on a terminal: the text through the user's pager, as
// git and notmuch show do.
#include <string>

namespace lede::query {

// The pager command: $PAGER when set, else "less -R" (colours pass
// through). "" when there is none to run: PAGER set empty, or "cat".
std::string pager_command();

// Writes `text` to the standard input of `command` (run by /bin/sh, with
// LESS=FRX when LESS is unset, as git does: less quits at once when the
// text fits on one screen, keeps colours and leaves the text on the
// screen) and waits for it to end. The pager quitting before the end of
// the text is not an error. Returns false, having shown nothing, when the
// command could not be run (the shell says why on standard error); the
// caller then writes `text` itself.
bool write_through_pager(const std::string& command, const std::string& text);

}  // namespace lede::query
