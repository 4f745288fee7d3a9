#!/bin/sh
# Lighthouse (mobile: performance, accessibility, best practices) on the participant home,
# the catalogue and sign-in, in the four languages. Needs a running Vägen and, for the
# participant home, the session cookie of a signed-in participant:
#
#   (cd /tmp/lh && npm install lighthouse)          # once; offline works with a filled npm cache
#   BASE=http://127.0.0.1:8391 COOKIE='session=...' LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse bench/lighthouse.sh
#
# Prints one line per page and language with the three scores (target: 1 each). The scores
# for performance are simulated on this machine's CPU: on a loaded machine they are low
# whatever the page does; compare runs made on an idle one.
set -eu
BASE=${BASE:-http://127.0.0.1:8391}
LIGHTHOUSE=${LIGHTHOUSE:-lighthouse}
OUT=${OUT:-$(mktemp -d)}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
for lang in sv en ar ti; do
  for page in sign-in activities/ home/participant; do
    if [ "$page" = home/participant ] && [ -z "${COOKIE:-}" ]; then continue; fi
    headers="{\"Accept-Language\": \"$lang\", \"Cookie\": \"lang=$lang${COOKIE:+; $COOKIE}\"}"
    name=$(echo "$page" | tr -d /)-$lang
    "$LIGHTHOUSE" "$BASE/$page" --quiet --form-factor=mobile \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless --no-sandbox --disable-gpu" \
      --extra-headers="$headers" --output=json --output-path="$OUT/$name.json" 2>/dev/null
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sys.argv[2], ' '.join(f'{k}={v[\"score\"]}' for k,v in d['categories'].items()))" "$OUT/$name.json" "$page $lang"
  done
done
