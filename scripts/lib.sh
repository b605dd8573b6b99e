# Shared by scripts/demo and scripts/test. Sourced, not run.
# Installs missing Debian packages and builds lede, printing nothing when
# there is nothing to do.

LEDE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LEDE_BUILD=${LEDE_BUILD:-$LEDE_ROOT/build}

# What the build and the tests need from Debian 12 (bookworm).
LEDE_PACKAGES=(
  g++ cmake make pkg-config
  libxapian-dev libicu-dev libcli11-dev libgtest-dev
  nlohmann-json3-dev libxxhash-dev libgumbo-dev libcmark-dev zlib1g-dev
  libzstd-dev
  mandoc man-db zsh bash-completion dpkg-dev
  jq
)

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

# Configures (once) and builds; output only on failure.
lede_build() {
  local log="$LEDE_BUILD/build.log"
  mkdir -p "$LEDE_BUILD"
  if [ ! -f "$LEDE_BUILD/CMakeCache.txt" ]; then
    if ! cmake -S "$LEDE_ROOT" -B "$LEDE_BUILD" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
      cat "$log" >&2
      return 1
    fi
  fi
  if ! cmake --build "$LEDE_BUILD" -j"$(nproc)" >"$log" 2>&1; then
    grep -E 'error|Error' "$log" >&2 || cat "$log" >&2
    echo "lede: build failed; full log in $log" >&2
    return 1
  fi
}
