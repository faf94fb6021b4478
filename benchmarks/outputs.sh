#!/bin/bash
# The README's example commands (and the other report commands) in table, csv, json and markdown,
# on a fresh seeded database, then after a value replaced and Epoch's excerpt imported: each output
# to DIR/NN-FORMAT.out, its stderr and exit code to .err. Run it with the chipdb before and after a
# change and diff the two folders: a refactoring of the reports should leave them byte-identical.
# usage: benchmarks/outputs.sh CHIPDB DIR   (CHIPDB: a chipdb executable; the article from ../shared/)
set -u
BIN=$1; FINAL=$2; OUT=$(mktemp -d)  # one name length for every run: tables that show a path align alike
ROOT=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"
DB="sqlite:///$OUT/db.sqlite"
"$BIN" --db "$DB" db upgrade >/dev/null 2>&1; "$BIN" --db "$DB" seed > /dev/null 2>&1
ART=$ROOT/../shared/seed-article.txt
cmds=(
 "list"
 "show H100"
 "show H100 compute"
 "show CM384"
 "trace GB200~NVL72 compute -p bf16"
 "trace H100 tpp"
 "ratio H100 A100 compute -p bf16"
 "ratio CM384 NVL72 memory_capacity --source semianalysis-cm384-revised"
 "ratio GB300~NVL72 GB200~NVL72 compute -p fp4"
 "ratio MI300X H100 memory_capacity"
 "compare H20 A100 H100"
 "compare MI355X B200 TPU~v7 Ascend~910C -m compute -p bf16"
 "compare H100 H20 H800 A800 L20"
 "sources"
 "sources show semianalysis-cm384-revised"
 "claims list"
 "claims check"
 "claims show article-cm384-compute"
 "check --file $ART"
 "check Huawei's~CloudMatrix~384~has~1.7x~the~compute,~2.1x~the~memory~bandwidth~and~3.6x~the~memory~capacity~of~NVIDIA's~GB200~NVL72"
 "check It~has~2.4x~the~memory~of~the~H100 --subject MI300X"
 "check The~H20's~TPP~is~below~the~4,800~line"
 "controls H100 A100 H20"
 "controls H100 --as-of 2023-01-01"
 "history H100"
 "audit"
 "identify NVIDIA~H100~80GB~HBM3 trn2"
 "formats"
 "plot roofline H100 B200 MI300X -p bf16"
 "plot timeline -m compute -p bf16"
 "plot compare H100 A100"
 "plot claims"
 "audit --checks"
 "compare H100 MI300X -m compute -p bf16"
 "compare H100 A100 MI300X -m memory_type -m compute -m released"
 "show MI300X"
)
i=0
for c in "${cmds[@]}"; do
  i=$((i+1))
  read -ra words <<< "$c"
  args=()
  for w in "${words[@]}"; do args+=("${w//\~/ }"); done
  for f in table csv json markdown; do
    name=$(printf "%02d-%s" $i "$f")
    "$BIN" --db "$DB" "${args[@]}" -f $f > "$OUT/$name.out" 2> "$OUT/$name.err"
    echo "rc=$?" >> "$OUT/$name.err"
  done
  echo "$i: $c" >> "$OUT/index.txt"
done
# phase 2: a replaced value (history), an Epoch import (dataset findings)
H="device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note"
G="h20,power,,,,,500,W,published,lmsys-sglang-ant-group-h20-2025-09,test locator,normal,,"
mkdir -p "$OUT/pkg"; printf '%s\n%s\n' "$H" "$G" > "$OUT/pkg/statements.csv"
"$BIN" --db "$DB" import "$OUT/pkg" >/dev/null 2>&1
printf '%s\n%s\n' "$H" "${G/,500,/,450,}" > "$OUT/pkg/statements.csv"
"$BIN" --db "$DB" import "$OUT/pkg" >/dev/null 2>&1
"$BIN" --db "$DB" import "$ROOT/tests/data/epoch_ml_hardware_excerpt.csv" > "$OUT/import-epoch.out" 2> "$OUT/import-epoch.err"
sed -i "s|$ROOT|ROOT|g" "$OUT/import-epoch.err"
for c in "history H20" "history H20 power" "audit" "show H100" "compare H100 A100" "sources"; do
  i=$((i+1)); read -ra args <<< "$c"
  for f in table csv json markdown; do
    name=$(printf "%02d-%s" $i "$f")
    "$BIN" --db "$DB" "${args[@]}" -f $f > "$OUT/$name.out" 2> "$OUT/$name.err"; echo "rc=$?" >> "$OUT/$name.err"
  done
  echo "$i: $c (after imports)" >> "$OUT/index.txt"
done
sed -i "s|$OUT|OUT|g" "$OUT"/*.out "$OUT"/*.err
rm -rf "$OUT/db.sqlite" "$OUT/pkg"
sed -i -E "s/20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+00:00/TIMESTAMP-XXXXXXXXXXXXXXXX/g" "$OUT"/*.out
rm -rf "$FINAL"; mkdir -p "$FINAL"; mv "$OUT"/* "$FINAL"/; rmdir "$OUT"
