#!/usr/bin/env bash
# Throughput of 1, 2 and 3 Carnet nodes behind nginx on one PostgreSQL (issue 8), with the CPU each request costs.
#
#   bench/cluster.sh            # BENCH_SECONDS=20 by default; BENCH_NODES="1 2 3"
#
# For each node count it starts (through the test classes' ClusterLab) an embedded PostgreSQL, the nodes from
# target/carnet.jar (-Xmx256m each) and nginx with round-robin upstreams, fills a blog (300 posts, a 5,500-character
# French article with 50 comments), then runs wrk through nginx (2 threads, 64 connections) twice:
#   read   the article page, signed out (each node's anonymous page cache);
#   mix    9 reads of the article for 1 comment posted by a signed-in member (each comment changes the page, so
#          the caches of every node are refilled all the time: a worst case for them).
# It prints requests/s, p50/p99, and the CPU time the nodes used per request (from /proc: user + system), which
# does not depend on how many cores this machine has: cores / CPU-per-request is what the nodes could serve with
# nginx and PostgreSQL elsewhere. On a 2-core machine running wrk, nginx and PostgreSQL too, more nodes add
# overhead, not throughput. Installs nginx and wrk from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-20}
counts=${BENCH_NODES:-1 2 3}

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Always from the sources as they are: a jar left from an earlier build would measure old code.
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/test.classpath)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/mix.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    local body = "_csrf=" .. csrf .. "&body=Commentaire+de+charge+" .. n .. "+" .. math.random(1, 1e9)
    return wrk.format("POST", post_path, {["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
  end
  return wrk.format("GET", post_path)
end
LUA

cpu_ticks() { # user+system clock ticks of the given pids
  local total=0 p
  for p in "$@"; do
    read -r -a f < "/proc/$p/stat"
    total=$((total + f[13] + f[14]))
  done
  echo "$total"
}
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

printf '%-6s %-5s %10s %9s %9s %14s %9s %8s\n' nodes case req/s p50 p99 "CPU ms/req" "errors" "RSS MB"
for n in $counts; do
  fifo="$work/in-$n"; mkfifo "$fifo"
  java -cp "$cp" -Djava.io.tmpdir=target org.carnet.cluster.ClusterLab "$n" < "$fifo" > "$work/lab-$n.out" 2>&1 &
  lab=$!
  exec 7> "$fifo"
  for _ in $(seq 1 300); do grep -q '^READY' "$work/lab-$n.out" && break; sleep 1; done
  grep -q '^READY' "$work/lab-$n.out" || { cat "$work/lab-$n.out"; exit 1; }
  val() { grep "^$1=" "$work/lab-$n.out" | cut -d= -f2-; }
  lb=$(val LB); path=$(val POST_PATH); pids=$(val PIDS)
  # shellcheck disable=SC2086
  wrk -t2 -c64 -d5s "$lb$path" >/dev/null  # warm-up: JIT and caches
  for case in read mix; do
    args=()
    if [ "$case" = mix ]; then
      sed -e "1i post_path = \"$path\"" -e "1i cookie = \"$(val COOKIE)\"" -e "1i csrf = \"$(val CSRF)\"" \
        "$work/mix.lua" > "$work/mix-$n.lua"
      args=(-s "$work/mix-$n.lua")
    fi
    # shellcheck disable=SC2086
    before=$(cpu_ticks $pids)
    out=$(wrk -t2 -c64 -d"${secs}s" --latency "${args[@]}" "$lb$path")
    # shellcheck disable=SC2086
    after=$(cpu_ticks $pids)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    sockerr=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}')
    errors="${non2xx:-0}/${sockerr:-0}"
    cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v r="$requests" 'BEGIN {printf "%.3f", t * 1000 / hz / r}')
    rss=""; for p in $pids; do rss="$rss$(rss_mb "$p") "; done
    printf '%-6s %-5s %10s %9s %9s %14s %9s %8s\n' "$n" "$case" "$rps" "$p50" "$p99" "$cpu" \
      "$errors" "$rss"
  done
  exec 7>&-
  wait "$lab" || true
done
echo "(errors: answers of 400 or more / socket errors, as wrk counts them (a comment's 303 is a success);"
echo " CPU ms/req: CPU time of all nodes / requests; RSS MB: each node's resident memory after the run)"
