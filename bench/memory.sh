#!/usr/bin/env bash
# Issue 12, item 5: how much memory Carnet takes under a 30-second load of reads and comments, started as the
# README starts it, and with no JVM flags at all (the JVM's defaults: a quarter of the machine's memory as heap).
#
#   bench/memory.sh                 # both cases, BENCH_SECONDS=30 each
#   BENCH_EXTRA_FLAGS="-Xmx256m" bench/memory.sh   # and more cases
#
# For each case: a fresh data directory (first start: admin and sample blog), then wrk (2 threads, 64 connections)
# for BENCH_SECONDS: 9 reads of the sample post (signed out) for 1 comment posted by the signed-in admin. Prints
# the resident memory (RSS) after start, its peak during the load (VmHWM), after 30 s of rest, and the committed
# heap at the end (jcmd GC.heap_info).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-30}
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo;
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null; }
mvn -q -B package -DskipTests
jar=target/carnet.jar
# The README's start command's JVM flags: read from the README itself, so this measures what it says.
readme_flags=$(grep -o 'java [^`]*-jar target/carnet.jar serve' README.md | head -n1 | sed 's/^java //; s/ -jar target\/carnet.jar serve$//')
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
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
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
port=18301
printf '| %-40s | %9s | %9s | %9s | %9s | %12s |\n' "JVM flags" "req/s" "start MB" "peak MB" "rest MB" "heap MB"
printf '|%s|\n' "---|---|---|---|---|---"
cases=("$readme_flags" "")
# More cases to compare, separated by ';' (e.g. BENCH_EXTRA_FLAGS="-Xmx256m;-Xmx512m -XX:+UseSerialGC").
IFS=';' read -r -a extra <<< "${BENCH_EXTRA_FLAGS:-}"
cases+=("${extra[@]}")
[ -n "${BENCH_ONLY_EXTRA:-}" ] && cases=("${extra[@]}")
for flags in "${cases[@]}"; do
  rm -rf "$work/data"
  # shellcheck disable=SC2086
  CARNET_ADMIN_EMAIL=bench@example.org CARNET_ADMIN_PASSWORD=bench-password-memory \
    java $flags -jar "$jar" serve --port $port --data "$work/data" > "$work/serve.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 $pid 2>/dev/null || { tail -n 20 "$work/serve.log"; exit 1; }
    sleep 0.1
  done
  base="http://127.0.0.1:$port"
  blog=$(grep -o "sample blog http://[^ ]*" "$work/serve.log" | sed 's#.*/\([^/]*\)/$#\1#')
  post=$(curl -sf "$base/$blog/" | grep -o "/$blog/[0-9]*/[0-9]*/[a-z0-9-]*\.html" | head -n 1)
  form=$(curl -si "$base/account/signin")
  csrf_cookie=$(printf '%s' "$form" | grep -i '^set-cookie: carnet_csrf=' | head -n1 | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
  csrf=$(printf '%s' "$form" | grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
  session=$(curl -si -o - -H "Cookie: carnet_csrf=$csrf_cookie" --data-urlencode "email=bench@example.org" \
    --data-urlencode "password=bench-password-memory" --data-urlencode "_csrf=$csrf" "$base/account/signin" \
    | grep -i '^set-cookie: carnet_session=' | head -n1 | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
  scsrf=$(curl -sf -H "Cookie: carnet_session=$session" "$base$post" | grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
  start_mb=$(rss $pid)
  { printf 'csrf = "%s"\ncookie = "carnet_session=%s"\npost_path = "%s"\n' "$scsrf" "$session" "$post"; cat "$work/mix.lua"; } > "$work/run.lua"
  rps=$(wrk -t2 -c64 -d"${secs}s" -s "$work/run.lua" "$base" | awk '/Requests\/sec/ {print int($2)}')
  peak_mb=$(hwm $pid)
  sleep 30
  rest_mb=$(rss $pid)
  # Committed heap: the sum of the generations' totals (one line for G1, young + old for the serial collector).
  heap=$(jcmd $pid GC.heap_info 2>/dev/null | grep -o 'total [0-9]*K' | sed 's/total //; s/K//' | awk '{s += $1} END {print s}')
  printf '| %-40s | %9s | %9s | %9s | %9s | %12s |\n' "${flags:-(none: JVM defaults)}" "$rps" "$start_mb" \
    "$peak_mb" "$rest_mb" "$(( ${heap:-0} / 1024 ))"
  if [[ "$flags" == *NativeMemoryTracking* ]]; then  # where the memory outside the heap goes
    jcmd $pid VM.native_memory summary | grep -E '^-|Total' | sed 's/^/    /' | head -n 25
  fi
  kill $pid; wait $pid 2>/dev/null || true; pid=""
done
