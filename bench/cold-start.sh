#!/usr/bin/env bash
# Cold start of `carnet serve`: milliseconds from launching the JVM to the first 200 of the sample blog's
# home page, on an empty data directory (first run: migrations, admin account, sample blog) and again on
# the same directory (everything already there). Usage: bench/cold-start.sh [runs]  (build the jar first)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/carnet.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }
runs=${1:-3}
port=18123

measure() { # prints ms to first 200 of /bienvenue/
  local dir=$1 start end pid
  start=$(date +%s%N)
  CARNET_ADMIN_PASSWORD=cold-start-password java -jar "$jar" serve --port $port --data "$dir" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/bienvenue/"; do sleep 0.02; done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  empty=$(measure "$dir")
  existing=$(measure "$dir")
  rm -rf "$dir"
  echo "run $i: empty database ${empty} ms, with the sample blog ${existing} ms"
done
