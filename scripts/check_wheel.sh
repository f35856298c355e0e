#!/bin/sh
# What users install is what must work: build the sdist and, from it, the wheel; install the wheel into a
# fresh virtualenv outside the source tree; code and store the sample articles with the installed command.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/.venv/bin/python" -m build --no-isolation --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log"; exit 1; }
tar tzf "$WORK"/dist/*.tar.gz > "$WORK/sdist.txt"
"$PY" -m zipfile -l "$WORK"/dist/*.whl > "$WORK/wheel.txt"
for f in actors/data/countries.yaml events/data/verbs.yaml events/data/adjectives.yaml data/speech_verbs.yaml py.typed \
         web/data/templates/base.html web/data/static/app.js; do
    grep -q "src/detente/$f" "$WORK/sdist.txt" || { echo "sdist lacks $f"; exit 1; }
    grep -q "detente/$f" "$WORK/wheel.txt" || { echo "wheel lacks $f"; exit 1; }
done
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet "$WORK"/dist/*.whl >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log"; exit 1; }
cd "$WORK"  # outside the source tree: nothing can come from src/
echo "Lithuania expelled two Russian diplomats on Tuesday." \
    | "$WORK/venv/bin/detente" extract - --published 2024-03-14 > one.jsonl
grep -q '"type":"SANCTION"' one.jsonl || { echo "installed detente coded no SANCTION:"; cat one.jsonl; exit 1; }
"$WORK/venv/bin/detente" ingest "$ROOT/examples/articles" --db "$WORK/news.duckdb" >/dev/null 2>&1
"$WORK/venv/bin/detente" events --db "$WORK/news.duckdb" --format csv > events.csv
[ "$(wc -l < events.csv)" -gt 5 ] || { echo "installed detente stored too few events"; cat events.csv; exit 1; }
echo "wheel check: sdist and wheel carry the data files; the installed detente codes and stores the samples"
