#!/usr/bin/env bash
# A real Pyroscope server for @gostd/pprof/pyroscope's end-to-end test.
#
#   pyroscope.sh build   builds the server from the Go module proxy unless the
#                        cached binary exists
#                        (~/.cache/gostd/pyroscope-<version>/pyroscope)
#   pyroscope.sh test    builds, starts it on 127.0.0.1 (a free port, a fresh
#                        storage folder), runs src/pyroscope-server.test.ts
#                        against it, stops it
#
# Exit codes: 0 passed; 1 the build or the test failed; 2 usage; 3 the Go module
# proxy refused the module (nothing was built, the test did not run).
#
# Which server. The server this machine can build is the open-source Pyroscope
# from before Grafana's rewrite, github.com/pyroscope-io/pyroscope v0.37.2 (its
# last release, 2023). Grafana's github.com/grafana/pyroscope/v2 (v2.2.1; also
# v1 and @latest) is refused here by the module proxy:
#   go: github.com/grafana/pyroscope/v2@v2.2.1: reading
#   https://proxy.golang.org/github.com/grafana/pyroscope/v2/@v/v2.2.1.zip:
#   403 Forbidden ... This module version is not available
# v0.37.2 takes the same ingest API that Grafana's server and its clients keep
# (POST /ingest?name=app{k=v}&from&until with the pprof in the multipart field
# `profile` and an optional `sample_type_config`), but it stores and queries
# with its own engine (/render, /labels, /label-values), not Grafana's; so the
# test proves what a Pyroscope server makes of our uploads, not what Grafana's
# v2 storage does.
#
# The build: go mod download of the module, a writable copy, and one patch: its
# indirect dependency github.com/pyroscope-io/godeltaprof (v0.1.0, and v0.1.2)
# does not compile on Go >= 1.22 (internal/pprof/stub.go is tagged !go1.22 and
# go:linknames into runtime/pprof), so a writable copy of v0.1.2 gets a stub.go
# with plain Go bodies (only the server's own self-profiling calls them, and the
# server runs with --no-self-profiling) and go.mod replaces the module with it.
# cgo is needed (github.com/mattn/go-sqlite3): gcc must be on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="${PYROSCOPE_VERSION:-v0.37.2}"
module=github.com/pyroscope-io/pyroscope
gdp=github.com/pyroscope-io/godeltaprof
gdpVersion=v0.1.2
cache="${XDG_CACHE_HOME:-$HOME/.cache}/gostd/pyroscope-$version"
bin="$cache/pyroscope"
if [ -x /usr/local/go/bin/go ]; then PATH="/usr/local/go/bin:$PATH"; fi

# download MODULE@VERSION: prints the module's directory in the module cache;
# exits 3 when the proxy refuses the module, 1 on any other failure.
download() {
  local json dir
  if ! json=$(go mod download -json "$1" 2>&1); then
    echo "pyroscope: go mod download -json $1 failed:" >&2
    echo "$json" >&2
    if printf '%s' "$json" | grep -q -e 'not available' -e '403 Forbidden' -e '410 Gone' -e '404 Not Found'; then
      return 3
    fi
    return 1
  fi
  dir=$(printf '%s' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "pyroscope: go mod download -json $1 gave no module directory:" >&2
    echo "$json" >&2
    return 1
  fi
  printf '%s\n' "$dir"
}

build() {
  if [ -x "$bin" ]; then
    echo "pyroscope: using the cached $bin"
    return 0
  fi
  if ! command -v go >/dev/null; then
    echo "pyroscope: go is not on PATH" >&2
    return 1
  fi
  if ! command -v gcc >/dev/null; then
    echo "pyroscope: gcc is not on PATH (cgo builds github.com/mattn/go-sqlite3)" >&2
    return 1
  fi
  local t0 work src gdpDir rc=0
  t0=$(date +%s)
  echo "pyroscope: building $module@$version (cgo, $(go version)) into $cache"
  src=$(download "$module@$version") || return $?
  gdpDir=$(download "$gdp@$gdpVersion") || return $?
  work=$(mktemp -d)
  cp -R "$src/." "$work/src"
  cp -R "$gdpDir/." "$work/gdp"
  chmod -R u+w "$work/src" "$work/gdp"
  cat >"$work/gdp/internal/pprof/stub.go" <<'GO'
package pprof

// Plain bodies instead of go:linknames into runtime/pprof, which Go >= 1.22
// refuses: inline frames are not expanded and cycles are taken as nanoseconds.
// Only the server's self-profiling (off in the test) reaches them.

func runtime_expandFinalInlineFrame(stk []uintptr) []uintptr { return stk }

func runtime_cyclesPerSecond() int64 { return 1e9 }
GO
  mkdir -p "$cache"
  (
    cd "$work/src"
    go mod edit -require="$gdp@$gdpVersion" -replace="$gdp=$work/gdp"
    GOFLAGS=-mod=mod CGO_ENABLED=1 go build -o "$bin.tmp" ./cmd/pyroscope
  ) || rc=$?
  rm -rf "$work"
  if [ "$rc" -ne 0 ]; then
    echo "pyroscope: go build ./cmd/pyroscope failed (exit $rc)" >&2
    rm -f "$bin.tmp"
    return 1
  fi
  mv "$bin.tmp" "$bin"
  echo "pyroscope: built $bin in $(($(date +%s) - t0)) s"
}

run_test() {
  local rc=0
  build || rc=$?
  if [ "$rc" -eq 3 ]; then
    echo "pyroscope: UNAVAILABLE: the module proxy refused the Pyroscope server (error above); the real-server test did not run" >&2
    return 3
  elif [ "$rc" -ne 0 ]; then
    echo "pyroscope: the Pyroscope server could not be built (error above)" >&2
    return 1
  fi
  local data port log pid t0
  data=$(mktemp -d)
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  log="$data/pyroscope.log"
  # Everything it writes stays in $data; no self-profiling, no analytics.
  : >"$data/server.yml"
  "$bin" server \
    --config="$data/server.yml" \
    --api-bind-addr="127.0.0.1:$port" \
    --storage-path="$data/store" \
    --adhoc-data-path="$data/adhoc" \
    --admin-socket-path="$data/admin.sock" \
    --analytics-opt-out=true \
    --no-self-profiling=true \
    --log-level=info >"$log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064
  trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf '$data'" EXIT
  local up=0
  for _ in $(seq 1 60); do
    if node -e "fetch('http://127.0.0.1:$port/healthz').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
      up=1
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
  done
  if [ "$up" -ne 1 ]; then
    echo "pyroscope: the server did not answer /healthz; its log:" >&2
    tail -50 "$log" >&2
    return 1
  fi
  echo "pyroscope: $version on http://127.0.0.1:$port (pid $pid)"
  t0=$(date +%s)
  (cd "$here" && PYROSCOPE_URL="http://127.0.0.1:$port" npx vitest run src/pyroscope-server.test.ts) || {
    echo "pyroscope: the test failed; the server's log:" >&2
    tail -50 "$log" >&2
    return 1
  }
  echo "pyroscope: the real-server test passed in $(($(date +%s) - t0)) s"
}

case "${1:-}" in
build) build ;;
test) run_test ;;
*)
  echo "usage: $0 build|test" >&2
  exit 2
  ;;
esac
