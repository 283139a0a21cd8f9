#!/usr/bin/env bash
# A real Pyroscope server for @gostd/pprof/pyroscope's end-to-end test.
#
#   pyroscope.sh build   builds the server from the Go module proxy unless the
#                        cached binary exists (~/.cache/gostd/pyroscope-<version>)
#   pyroscope.sh test    builds, starts it on 127.0.0.1, runs
#                        src/pyroscope-server.test.ts against it, stops it;
#                        exits 3 when the server cannot be built (the module
#                        proxy refused it), 1 when the test fails
#
# The module github.com/grafana/pyroscope/v2 replaces its nested modules api
# and lidia with local folders that the module zip leaves out, so `go install`
# refuses it: the build downloads the module, makes a writable copy, drops
# those two replaces (go.mod also requires versions of them that the proxy
# serves) and builds ./cmd/pyroscope without cgo.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="${PYROSCOPE_VERSION:-v2.2.1}"
module=github.com/grafana/pyroscope/v2
cache="${XDG_CACHE_HOME:-$HOME/.cache}/gostd/pyroscope-$version"
bin="$cache/pyroscope"

build() {
  if [ -x "$bin" ]; then
    echo "pyroscope: using the cached $bin"
    return 0
  fi
  local t0 work json dir
  t0=$(date +%s)
  echo "pyroscope: building $module@$version (CGO_ENABLED=0) into $cache"
  if ! json=$(go mod download -json "$module@$version" 2>&1); then
    echo "pyroscope: go mod download -json $module@$version failed:" >&2
    echo "$json" >&2
    return 1
  fi
  dir=$(printf '%s' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "pyroscope: go mod download -json $module@$version gave no module directory:" >&2
    echo "$json" >&2
    return 1
  fi
  work=$(mktemp -d)
  cp -R "$dir/." "$work/src"
  chmod -R u+w "$work/src"
  (
    cd "$work/src"
    go mod edit -dropreplace=github.com/grafana/pyroscope/api -dropreplace=github.com/grafana/pyroscope/lidia
    mkdir -p "$cache"
    CGO_ENABLED=0 go build -o "$bin.tmp" ./cmd/pyroscope
  )
  mv "$bin.tmp" "$bin"
  rm -rf "$work"
  echo "pyroscope: built $bin in $(($(date +%s) - t0)) s"
}

run_test() {
  if ! build; then
    echo "pyroscope: UNAVAILABLE: the Pyroscope server could not be built (error above); the real-server test did not run" >&2
    return 3
  fi
  local data port grpc log pid
  data=$(mktemp -d)
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  grpc=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  cat >"$data/config.yaml" <<YAML
target: all
server:
  http_listen_address: 127.0.0.1
  http_listen_port: $port
  grpc_listen_address: 127.0.0.1
  grpc_listen_port: $grpc
memberlist:
  bind_addr: [127.0.0.1]
  advertise_addr: 127.0.0.1
pyroscopedb:
  data_path: $data/db
storage:
  backend: filesystem
  filesystem:
    dir: $data/store
self_profiling:
  disable_push: true
analytics:
  reporting_enabled: false
YAML
  log="$data/pyroscope.log"
  "$bin" -config.file="$data/config.yaml" >"$log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064
  trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf '$data'" EXIT
  for _ in $(seq 1 120); do
    if node -e "fetch('http://127.0.0.1:$port/ready').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "pyroscope: the server exited; its log:" >&2
      tail -50 "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "pyroscope: server on http://127.0.0.1:$port (pid $pid)"
  (cd "$here" && PYROSCOPE_URL="http://127.0.0.1:$port" npx vitest run src/pyroscope-server.test.ts) || {
    echo "pyroscope: the test failed; the server's log:" >&2
    tail -50 "$log" >&2
    return 1
  }
}

case "${1:-}" in
build) build ;;
test) run_test ;;
*)
  echo "usage: $0 build|test" >&2
  exit 2
  ;;
esac
