#!/bin/sh
# Lighthouse (mobile: performance, accessibility, best practices) on the participant home,
# the catalogue and sign-in, in the four languages, against a running Vägen with the demo
# data (README, "Lighthouse"). Sign-in and the catalogue are asked for signed out (signed in,
# sign-in redirects to the home). The home needs a participant signed in per language, since
# a person's own language wins over the lang cookie: COOKIE_sv, COOKIE_en, COOKIE_ar and
# COOKIE_ti ('session=...'), or DEMO_SIGN_IN=1 to sign in the demo participants 10000005 (sv),
# 10000006 (set to English: the demo has no English participant), 10000001 (ar), 10000003 (ti).
#
#   (cd /tmp/lh && npm install lighthouse)          # once; offline works with a filled npm cache
#   DEMO_SIGN_IN=1 RUNS=2 LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse bench/lighthouse.sh
#
# Prints one line per page, language and run with the three scores (target: 1 each) and the
# simulated metrics in ms. Performance is simulated from the trace of a load on this machine:
# a busy CPU moves it, and so does the order in which requests happened to end (a font that
# ended before the first paint counts as blocking it). RUNS=3 runs each page three times;
# report the best and the spread.
set -eu
BASE=${BASE:-http://127.0.0.1:8391}
LIGHTHOUSE=${LIGHTHOUSE:-lighthouse}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
RUNS=${RUNS:-1}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

# The CSRF token of a page (the first hidden csrf_token field).
token() { curl -s -c "$1" -b "$1" "$2" | sed -n 's/.*name="csrf_token"[^>]*value="\([^"]*\)".*/\1/p' | head -1; }
if [ -n "${DEMO_SIGN_IN:-}" ]; then
  for pair in sv:10000005 en:10000006 ar:10000001 ti:10000003; do
    lang=${pair%%:*} number=${pair#*:} jar="$OUT/cookies-$lang"
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$(token "$jar" "$BASE/sign-in")" \
      -d "sign_in_name=$number&password=vagen-demo-2026&remember=y" "$BASE/sign-in"
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$(token "$jar" "$BASE/home/participant")" \
      -d "language=$lang&next=/home/participant" "$BASE/language"
    session=$(awk '$6 == "session" { print $7 }' "$jar")
    if [ -z "$session" ]; then echo "could not sign in $number at $BASE" >&2; exit 1; fi
    eval "COOKIE_$lang='session=$session'"
  done
fi
run=1
while [ "$run" -le "$RUNS" ]; do
  for lang in sv en ar ti; do
    for page in sign-in activities/ home/participant; do
      cookie="lang=$lang"
      if [ "$page" = home/participant ]; then
        session=$(eval "echo \${COOKIE_$lang:-}")
        if [ -z "$session" ]; then continue; fi
        cookie="$cookie; $session"
      fi
      name=$(echo "$page" | tr -d /)-$lang-$run
      "$LIGHTHOUSE" "$BASE/$page" --quiet --form-factor=mobile \
        --only-categories=performance,accessibility,best-practices \
        --chrome-flags="--headless --no-sandbox --disable-gpu" \
        --extra-headers="{\"Accept-Language\": \"$lang\", \"Cookie\": \"$cookie\"}" \
        --output=json --output-path="$OUT/$name.json" 2>/dev/null
      python3 - "$OUT/$name.json" "$page $lang $run" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
scores = " ".join(f"{key}={category['score']}" for key, category in report["categories"].items())
audits = report["audits"]
metrics = [("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"), ("SI", "speed-index"),
           ("TBT", "total-blocking-time")]
values = " ".join(f"{short}={audits[key]['numericValue']:.0f}" for short, key in metrics)
print(sys.argv[2], scores, values, f"CLS={audits['cumulative-layout-shift']['numericValue']:.3f}",
      "final=" + report["finalDisplayedUrl"])
EOF
    done
  done
  run=$((run + 1))
done
echo "reports: $OUT"
