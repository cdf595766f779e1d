#!/usr/bin/env bash
# Search latency on a generated French blog of 10,000 posts: imports the generated export, starts Carnet from
# the built jar, then runs wrk (2 threads, 8 connections, 15 s per query) against /{blog}/search?q=... and
# prints wrk's latency distribution (p50, p99). Installs wrk from Debian when missing.
# Usage: bench/search.sh [POSTS]   (build the jar first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-10000}
jar=target/carnet.jar
port=18188
[ -f "$jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
python3 bench/gen-blogger-export.py "$posts" 0 > "$work/blog.xml"
java -jar "$jar" user add --email bench@example.org --name Bench --instance-admin --data "$work/data" \
  < /dev/null > /dev/null
java -jar "$jar" import blogger "$work/blog.xml" --blog bench --create --data "$work/data" 2>/dev/null
CARNET_ADMIN_PASSWORD=bench-admin-password java -Xmx512m -jar "$jar" serve --port $port --data "$work/data" \
  > "$work/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.2; done
for q in "samarcande" "hiver+coupoles" "%22routes+de+la+soie%22" "lecons"; do
  curl -sf -o /dev/null "http://127.0.0.1:$port/bench/search?q=$q"   # warm up
  echo "== q=$q"
  wrk -t2 -c8 -d15s --latency "http://127.0.0.1:$port/bench/search?q=$q" | grep -E "Requests/sec|50%|90%|99%"
done
