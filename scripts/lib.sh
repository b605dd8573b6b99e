# Shared by scripts/demo and scripts/test. Sourced, not run.
# Installs missing Debian packages and builds lede, printing nothing when
# there is nothing to do.

LEDE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LEDE_BUILD=${LEDE_BUILD:-$LEDE_ROOT/build}

# What the build and the tests need from Debian 12 (bookworm).
LEDE_PACKAGES=(
  g++ cmake make pkg-config
  libxapian-dev xapian-tools libicu-dev libcli11-dev libgtest-dev
  nlohmann-json3-dev libxxhash-dev libgumbo-dev libcmark-dev zlib1g-dev
  libzstd-dev
  mandoc man-db zsh bash-completion dpkg-dev
  jq
)
# The sanitizer build and the fuzz targets (scripts/test --sanitize,
# scripts/fuzz): clang with its ASan/UBSan/libFuzzer runtimes, and
# llvm-symbolizer for readable stack traces.
LEDE_SANITIZE_PACKAGES=(clang-14 libclang-rt-14-dev llvm-14)
LEDE_SANITIZE_BUILD=${LEDE_SANITIZE_BUILD:-$LEDE_ROOT/build-sanitize}
# Tests the sanitized suite leaves out: each runs a whole shared corpus
# through code that the sliced tests and the fuzz targets cover too, and
# under ASan they took 11 of its 23 minutes (sec*proc).
LEDE_SANITIZE_EXCLUDE='^(IndexCli\.SharedCorporaIndexWithNoOptions|ReutersSpelling\..*|SharedCorpora\..*|FastPath\.SameTokensOverReuters)$'

lede_ensure_packages() {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "lede: need root or sudo to install: ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "lede: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update -qq >/dev/null
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Configures (once) and builds $LEDE_BUILD; output only on failure.
# Arguments are build targets (default: all).
lede_build() {
  local log="$LEDE_BUILD/build.log"
  mkdir -p "$LEDE_BUILD"
  if [ ! -f "$LEDE_BUILD/CMakeCache.txt" ]; then
    if ! cmake -S "$LEDE_ROOT" -B "$LEDE_BUILD" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
      cat "$log" >&2
      return 1
    fi
  fi
  local targets=()
  if [ $# -gt 0 ]; then
    # Named targets may be new since the last configure: configure again.
    if ! cmake "$LEDE_BUILD" >"$log" 2>&1; then
      cat "$log" >&2
      return 1
    fi
    targets=(--target "$@")
  fi
  if ! cmake --build "$LEDE_BUILD" -j"$(nproc)" "${targets[@]}" >"$log" 2>&1; then
    grep -E 'error|Error' "$log" >&2 || cat "$log" >&2
    echo "lede: build failed; full log in $log" >&2
    return 1
  fi
}

# The sanitizer build: clang 14, ASan + UBSan (-fno-sanitize-recover) and
# the libFuzzer targets (-DLEDE_FUZZ=ON), at -O1 with assertions on, in
# $LEDE_SANITIZE_BUILD. Arguments are build targets (default: all).
lede_build_sanitize() {
  lede_ensure_packages "${LEDE_SANITIZE_PACKAGES[@]}"
  local log="$LEDE_SANITIZE_BUILD/build.log"
  mkdir -p "$LEDE_SANITIZE_BUILD"
  if [ ! -f "$LEDE_SANITIZE_BUILD/CMakeCache.txt" ]; then
    if ! CC=clang-14 CXX=clang++-14 cmake -S "$LEDE_ROOT" -B "$LEDE_SANITIZE_BUILD" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
        -DLEDE_FUZZ=ON >"$log" 2>&1; then
      cat "$log" >&2
      return 1
    fi
  fi
  LEDE_BUILD=$LEDE_SANITIZE_BUILD lede_build "$@"
}

# What the sanitizers do on a finding: stop the program with SIGABRT (so
# that no exit status can hide it), with a symbolized stack trace.
lede_sanitizer_env() {
  export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-abort_on_error=1:print_stacktrace=1}
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}
}
