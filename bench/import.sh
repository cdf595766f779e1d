#!/usr/bin/env bash
# Imports a generated Blogger export (default 10,000 posts and 100,000 comments) into a fresh SQLite data
# directory with the built jar, and prints the wall time and the peak memory (max RSS) of the import.
# Usage: bench/import.sh [POSTS] [COMMENTS] [HEAP]   (build the jar first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-10000}
comments=${2:-100000}
heap=${3:-512m}
jar=target/carnet.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen-blogger-export.py "$posts" "$comments" > "$work/blog.xml"
echo "export: $(du -h "$work/blog.xml" | cut -f1), $posts posts, $comments comments"
CARNET_ADMIN_PASSWORD=bench-admin-password java -jar "$jar" user add --email bench@example.org --name Bench \
  --instance-admin --data "$work/data" < /dev/null > /dev/null
/usr/bin/time -f "wall %e s, max RSS %M KB" java -Xmx"$heap" -jar "$jar" import blogger "$work/blog.xml" \
  --blog bench --create --data "$work/data" 2> >(tr '\r' '\n' | tail -n 3 >&2)
