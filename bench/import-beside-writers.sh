#!/usr/bin/env bash
# Issue 12, item 2: sign-ins and comments while a large Blogger export is imported through the admin page.
#
#   bench/import-beside-writers.sh [--postgres] [--cli] [POSTS] [COMMENTS] [PARAGRAPHS]
#   --cli: the import runs in another process (target/carnet.jar import ... --db URL), not the admin page
#   defaults: 20000 posts, 20000 comments, 10 paragraphs a post (56 MB); 70 paragraphs make about 200 MB
#
# Generates the export (bench/gen-blogger-export.py), starts Carnet in a JVM of the test classes
# (org.carnet.bench.WritersDuringImport, -Xmx256m) on a fresh SQLite file or an embedded PostgreSQL, runs two
# sign-in loops and two comment loops (100 ms between requests) for 15 s, uploads the export as an admin and keeps
# the loops running until the import has ended; prints p50 / p99 / max per kind of write, before and during.
set -euo pipefail
cd "$(dirname "$0")/.."
db=sqlite
how=admin
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) db=postgres; shift ;;
    --cli) how=cli; shift ;;
    *) break ;;
  esac
done
posts=${1:-20000}
comments=${2:-20000}
paragraphs=${3:-10}
if [ "$how" = cli ]; then mvn -q -B package -DskipTests; else mvn -q -B test-compile; fi
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen-blogger-export.py "$posts" "$comments" "$paragraphs" > "$work/blog.xml"
java -Xmx256m -Djava.io.tmpdir="$work" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  org.carnet.bench.WritersDuringImport "$db" "$work/blog.xml" "$how" 2> "$work/stderr.log" \
  || { tail -n 40 "$work/stderr.log" >&2; exit 1; }
grep -E "final transaction|WARN|ERROR" "$work/stderr.log" | tail -n 5 || true
