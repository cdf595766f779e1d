#!/usr/bin/env bash
# HTTP throughput of public pages, side by side with nginx serving the same bytes (issue 7).
#
# Generates a realistic French blog (1,000 posts with labels and a 2012 archive, plus one ~5,500-character
# reference article with 50 comments), starts Carnet from the built jar (SQLite, -Xmx256m, port 18201),
# saves the rendered HTML of the reference post and serves those bytes from nginx on 127.0.0.1:18202, then
# runs wrk (2 threads; 8 and 64 connections; BENCH_SECONDS each, default 20; every case twice, alternating)
# against: nginx static, Carnet post (signed out), home, Atom feed, post signed in, search. Prints req/s,
# p50, p99 and the ratio to nginx at the same connection count (best of the two runs), then the heap peak
# (from the GC log) and the number of exceptions in the Carnet log.
#
# Usage: bench/http.sh [--postgres]     (build the jar first: mvn -q -B package -DskipTests)
#   --postgres   run Carnet on a throw-away PostgreSQL (initdb + pg_ctl on the PATH; as root, the cluster is
#                run by the postgres user, else nobody) instead of SQLite. See bench/README.md.
# Env: BENCH_SECONDS (default 20), BENCH_KEEP=1 keeps the temp directory.
# Installs nginx and wrk from Debian when missing (needs root or sudo for apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-20}
postgres=false
[ "${1:-}" = "--postgres" ] && postgres=true
jar=target/carnet.jar
port=18201
nport=18202
pgport=18203
blog=bench
email=bench@example.org
password=bench-password-$$-x9
[ -f "$jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  set +e
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  if [ "$postgres" = true ] && [ -d "$work/pg" ]; then
    $pgrun pg_ctl -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ "${BENCH_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

store=(--data "$work/data")
if [ "$postgres" = true ]; then
  pgrun=""
  if [ "$(id -u)" -eq 0 ]; then
    pguser=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
    pgrun="runuser -u $pguser --"
  fi
  mkdir -p "$work/pg" && [ -n "$pgrun" ] && chown "${pguser}" "$work/pg"
  $pgrun initdb -D "$work/pg" -U carnet --auth=trust -E UTF8 >/dev/null
  $pgrun pg_ctl -D "$work/pg" -l "$work/pg/log" -o "-p $pgport -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
  $pgrun createdb -h 127.0.0.1 -p $pgport -U carnet carnet
  store+=(--db "jdbc:postgresql://127.0.0.1:$pgport/carnet?user=carnet")
fi

echo "== generating and importing the blog ($([ "$postgres" = true ] && echo PostgreSQL || echo SQLite))"
python3 bench/gen-blogger-export.py 1000 0 > "$work/blog.xml"
python3 bench/gen-reference-post.py 50 > "$work/ref.xml"
echo "$password" | java -jar "$jar" user add --email "$email" --name Bench --instance-admin --password-stdin \
  "${store[@]}" > /dev/null
java -jar "$jar" import blogger "$work/blog.xml" --blog "$blog" --create "${store[@]}" 2>/dev/null | tail -n 2
java -jar "$jar" import blogger "$work/ref.xml" --blog "$blog" "${store[@]}" 2>/dev/null | tail -n 2

echo "== starting Carnet on :$port"
start=$(date +%s%N)
CARNET_ADMIN_PASSWORD=unused-bench-password java -Xmx256m -Xlog:gc:file="$work/gc.log" -jar "$jar" serve \
  --port $port "${store[@]}" > "$work/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
  kill -0 $pid 2>/dev/null || { echo "Carnet did not start:"; tail -n 30 "$work/serve.log"; exit 1; }
  sleep 0.05
done
echo "healthz after $(( ($(date +%s%N) - start) / 1000000 )) ms"

base="http://127.0.0.1:$port"
post="/$blog/2013/02/les-coupoles-du-registan.html"
if ! curl -sf -o /dev/null "$base$post"; then  # slug not as expected: take the link from the home page
  post=$(curl -sf "$base/$blog/" | grep -o "/$blog/2013/02/[a-z0-9-]*\.html" | head -n 1)
fi
mkdir -p "$work/www" "$work/nginx"
curl -sf "$base$post" -o "$work/www/post.html"
chmod 644 "$work/www/post.html"
grep -q "Commentaire numéro 50" "$work/www/post.html" || { echo "reference post lacks its 50 comments" >&2; exit 1; }
echo "reference post $post: $(wc -c < "$work/www/post.html") bytes of HTML"

cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
  }
}
CONF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" \
  || { echo "nginx did not start (port $nport busy?)" >&2; exit 1; }
sleep 0.3
cmp -s <(curl -sf "http://127.0.0.1:$nport/post.html") "$work/www/post.html" || { echo "nginx not serving" >&2; exit 1; }

# Sign in through the form: the CSRF token and cookie from GET, the session cookie from POST.
form=$(curl -si "$base/account/signin")
csrf_cookie=$(printf '%s' "$form" | grep -i '^set-cookie: carnet_csrf=' | head -n1 | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
csrf=$(printf '%s' "$form" | grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
session=$(curl -si -o - -H "Cookie: carnet_csrf=$csrf_cookie" --data-urlencode "email=$email" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$base/account/signin" \
  | grep -i '^set-cookie: carnet_session=' | head -n1 | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
cookie="carnet_session=$session"
signed=$(curl -sf -H "Cookie: $cookie" "$base$post")
grep -q "signout" <<< "$signed" || echo "warning: the signed-in post page does not look signed in" >&2

query=observatoire
names=(nginx post home feed post-signed-in search)
urls=("http://127.0.0.1:$nport/post.html" "$base$post" "$base/$blog/" "$base/$blog/feeds/posts/default"
      "$base$post" "$base/$blog/search?q=$query")
headers=("" "" "" "" "Cookie: $cookie" "")

for i in "${!names[@]}"; do  # warm up (JIT, caches) and check every URL answers 200
  code=$(curl -s -o /dev/null -w '%{http_code}' ${headers[$i]:+-H "${headers[$i]}"} "${urls[$i]}")
  [ "$code" = 200 ] || { echo "${names[$i]}: HTTP $code from ${urls[$i]}" >&2; exit 1; }
  wrk -t2 -c8 -d3s ${headers[$i]:+-H "${headers[$i]}"} "${urls[$i]}" > /dev/null
done

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0;
  else if (v ~ /m$/) print v*60000; else if (v ~ /s$/) print v*1000; else print v }'; }
results="$work/results.tsv"
: > "$results"
echo "== wrk: 2 threads, ${secs} s per run, each case twice, alternating"
for run in 1 2; do
  for i in "${!names[@]}"; do
    for c in 8 64; do
      out=$(wrk -t2 -c$c -d${secs}s --latency ${headers[$i]:+-H "${headers[$i]}"} "${urls[$i]}")
      rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ { print $2 }')
      p50=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")
      p99=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')")
      bad=$(printf '%s\n' "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${names[$i]}" "$c" "$run" "$rps" "$p50" "$p99" "$bad" >> "$results"
      printf '  run %s %-15s c=%-3s %10s req/s  p50 %7.2f ms  p99 %7.2f ms  errors %s\n' "$run" "${names[$i]}" "$c" "$rps" "$p50" "$p99" "$bad"
    done
  done
done

echo
echo "== results (best of 2 runs by req/s; 'run' says which; ratio = req/s / nginx req/s, same c, best runs)"
awk -F'\t' '
  { k = $1 SUBSEP $2; if (!(k in best) || $4 + 0 > best[k] + 0) { best[k] = $4; run[k] = $3; p50[k] = $5; p99[k] = $6 }
    bad[k] += $7; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
  END {
    printf "%-15s %4s %11s %9s %9s %7s %4s %7s\n", "case", "conn", "req/s", "p50 ms", "p99 ms", "ratio", "run", "non2xx"
    for (i = 0; i < n; i++) for (j = 0; j < 2; j++) {
      c = (j == 0 ? 8 : 64); k = order[i] SUBSEP c; nk = "nginx" SUBSEP c
      printf "%-15s %4d %11.0f %9.2f %9.2f %6.1f%% %4s %7d\n", order[i], c, best[k], p50[k], p99[k],
        100 * best[k] / best[nk], run[k], bad[k]
    }
  }' "$results"

echo
heap_peak=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$work/gc.log" | awk -F'[M>(-]+' '{ if ($1 > m) m = $1; c = $3 } END { print m "M peak used before GC, " c "M committed" }')
echo "heap (-Xmx256m): ${heap_peak:-no GC logged}; GC pauses: $(grep -c 'Pause' "$work/gc.log" || true); RSS $(ps -o rss= -p $pid | awk '{ printf "%d MB", $1 / 1024 }')"
grep -q OutOfMemoryError "$work/serve.log" && echo "OutOfMemoryError in the Carnet log!"
errors=$(grep -cE '(Exception|Error)([: ]|$)' "$work/serve.log" || true)
echo "errors: $errors"
[ "$errors" -gt 0 ] && grep -E '(Exception|Error)([: ]|$)' "$work/serve.log" | sort | uniq -c | sort -rn | head -n 5
exit 0
