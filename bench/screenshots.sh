#!/usr/bin/env bash
# Screenshots for review of the reading pages, the sign-in, "busy" and import status pages, and the writer's desk
# (dashboard, posts, moderation, settings, members, instance screen) as an author and an admin: French and English,
# 1280 and 390 px, light and dark, as a signed-out reader, a reader, an author and an admin (120 PNG files).
#
#   bench/screenshots.sh [OUT_DIR]        # default target/screenshots/review
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots/review}
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >/dev/null
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 java -Djava.io.tmpdir=target \
  -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.carnet.bench.Screenshots "$out" \
  2> target/screenshots.log | tail -n 3
echo "$(ls "$out"/*.png | wc -l) screenshots in $out"
