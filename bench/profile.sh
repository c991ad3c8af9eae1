#!/usr/bin/env bash
# Where an op's time goes: a perf profile of the quick bench's call for each named op, one process per op and size.
#   bash bench/profile.sh Op1,Op2 [sizes, default 224,512] [seconds, default 4] [--peer]
# Prints a Markdown table per op and size: the functions with at least 1.5% of the samples, after start-up.
# Needs Debian's linux-perf (apt-get install -y linux-perf). This VM has no hardware counters, so perf samples the
# cpu-clock at 999 Hz; DOTNET_PerfMapEnabled=1 makes the runtime write /tmp/perf-PID.map so perf names JIT code.
# The loop runs on the main thread (comm "dotnet"); the JIT's and GC's threads have their own names and are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
ops=${1:?usage: bash bench/profile.sh Op1,Op2 [224,512] [seconds] [--peer]}
sizes=${2:-224,512}
seconds=${3:-4}
peer=${4:-}
command -v perf > /dev/null || { echo "perf is missing: apt-get install -y linux-perf" >&2; exit 2; }
# PROFILE_NO_BUILD=1: the caller has built the bench (bench/profile-misses.sh builds it once).
[ -n "${PROFILE_NO_BUILD:-}" ] || dotnet build bench/Bench.csproj -c Release -nologo -v quiet > /dev/null
bench=bench/bin/Release/net10.0/linux-x64/Bench.dll
data=$(mktemp /tmp/augment-perf.XXXXXX)
trap 'rm -f "$data"' EXIT
# perf's lines as table rows: a JIT method as Class::Method (namespace and signature dropped), a native one as perf
# names it, and the library (JIT code, or the shared object's file name).
shorten='
import re, sys
for line in sys.stdin:
    m = re.match(r"\s*([0-9.]+%)\s+\[[.kH]\]\s+(.*?)\s{2,}(\S.*?)\s*$", line)
    if not m: continue
    share, sym, lib = m.groups()
    j = re.search(r"\]\s*([\w.`<>+@-]+)(\[[^\]]*\])?::([\w.`<>|]+)\(", sym)
    if j: sym = j.group(1).split(".")[-1] + "::" + j.group(3)
    lib = "JIT code" if lib.startswith("[JIT]") else lib.split("/")[-1]
    print("| %s | `%s` | %s |" % (share, sym.replace("|", "\\|"), lib))
'
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_TC_CallCountingDelayMs=0
for op in ${ops//,/ }; do
  for size in ${sizes//,/ }; do
    # -D: sampling starts after the start-up (the photo, the resize and the case's first runs), inside the loop.
    line=$(perf record -q -D 2500 -F 999 -e cpu-clock -o "$data" -- \
             dotnet "$bench" --quick --profile "$op" --size "$size" --seconds "$((seconds + 3))" $peer 2> /dev/null | tail -1)
    echo "### $op at $size${peer:+ (OpenCV)}"
    echo
    echo "$line"
    echo
    echo "| share | function | library |"
    echo "| ---: | --- | --- |"
    perf report -q -i "$data" --comm dotnet --no-children --sort sym,dso --stdio --percent-limit 1.5 2> /dev/null |
      python3 -c "$shorten"
    echo
  done
done
