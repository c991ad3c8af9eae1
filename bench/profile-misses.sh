#!/usr/bin/env bash
# A perf profile (bench/profile.sh) of every row of a quick-bench CSV that is under 1.5x OpenCV, into one Markdown file.
#   bash bench/profile-misses.sh [results csv, default bench/results/latest.csv] [out, default bench/results/profiles.md]
# Run it on a quiet machine, with the same environment as the run that wrote the CSV (for the AVX2 rows:
# DOTNET_EnableAVX512=0 bash bench/profile-misses.sh bench/results/latest-avx2.csv bench/results/profiles-avx2.md).
set -euo pipefail
cd "$(dirname "$0")/.."
csv=${1:-bench/results/latest.csv}
out=${2:-bench/results/profiles.md}
seconds=${SECONDS_PER_ROW:-3}
# The rows under 1.5x (case,size), worst first; pipeline and batch rows are not ops and are left out.
rows=$(python3 - "$csv" <<'EOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))
        if r["ours_over_opencv"] not in ("", "-") and float(r["ours_over_opencv"]) < 1.5
        and not r["case"].startswith(("pipeline6", "batch256", "copy"))]
for r in sorted(rows, key=lambda r: float(r["ours_over_opencv"])):
    print(f'{r["case"]},{r["size"]},{r["ours_over_opencv"]}')
EOF
)
dotnet build bench/Bench.csproj -c Release -nologo -v quiet > /dev/null
export PROFILE_NO_BUILD=1
environment=default
[ -z "${DOTNET_EnableAVX512+set}" ] || environment="DOTNET_EnableAVX512=$DOTNET_EnableAVX512"
isa=$(grep -m1 -o 'ISA: [^;]*' "${csv%.csv}.md" || echo "ISA: unknown")
{
  echo "# Profiles of the rows under 1.5x OpenCV"
  echo
  echo "Written by \`bash bench/profile-misses.sh $csv $out\` on $(date -u '+%Y-%m-%d %H:%M') UTC at commit"
  echo "\`$(git rev-parse --short HEAD)\`, for the rows of \`$csv\` under 1.5x OpenCV, worst first (its $isa;"
  echo "environment: $environment)."
  echo "Each table is \`bash bench/profile.sh Op size $seconds\`: perf sampling the cpu-clock of one process that runs the"
  echo "row's \`Aug.runInto\` call in a loop, after start-up; the functions with at least 1.5% of the samples. The calls per"
  echo "second in each heading are under perf and may be lower than the bench's. Why each row is behind, and what would"
  echo "close it: [misses.md](misses.md)."
  echo
  for row in $rows; do
    IFS=, read -r op size ratio <<< "$row"
    echo "<!-- ${op} ${size}: ${ratio}x in the CSV -->"
    bash bench/profile.sh "$op" "$size" "$seconds" | sed -E "s/^### (.*)$/### \1 (${ratio}x OpenCV in the CSV)/"
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(echo "$rows" | wc -l) rows)"
