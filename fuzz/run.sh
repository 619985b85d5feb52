#!/usr/bin/env bash
# Run the fuzz harnesses: fuzz/run.sh DURATION [csv|xlsx|yaml ...]
#
# Each harness runs DURATION seconds (all in parallel), starting from its seed corpus in fuzz/seeds/<name>/
# and growing a working corpus in fuzz/work/<name>/. Atheris goes into its own virtual environment
# (fuzz/.venv, or $XYPLAN_FUZZ_VENV) together with the project, on first use. A crash or failed
# assertion leaves its input in fuzz/artifacts/<name>/ and makes the script exit 1; logs are in
# fuzz/logs/<name>.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
duration="${1:?usage: fuzz/run.sh DURATION_SECONDS [csv|xlsx|yaml ...]}"
shift
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(csv xlsx yaml)

venv="${XYPLAN_FUZZ_VENV:-$here/.venv}"
if ! "$venv/bin/python" -c "import atheris, xyplan_cli" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q atheris -e "$root"
fi

declare -A harness=([csv]=fuzz_reader_csv.py [xlsx]=fuzz_reader_xlsx.py [yaml]=fuzz_catalogue.py)
mkdir -p "$here/logs"
pids=()
for name in "${names[@]}"; do
  script="${harness[$name]:?unknown harness $name (csv, xlsx, yaml)}"
  mkdir -p "$here/work/$name" "$here/artifacts/$name"
  (cd "$here" && exec "$venv/bin/python" "$script" -max_total_time="$duration" -rss_limit_mb=2048 \
     -timeout=30 -max_len=65536 -print_final_stats=1 -artifact_prefix="$here/artifacts/$name/" \
     "$here/work/$name" "$here/seeds/$name") >"$here/logs/$name.log" 2>&1 &
  pids+=($!)
done

status=0
for i in "${!pids[@]}"; do
  name="${names[$i]}"
  if wait "${pids[$i]}"; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$here/logs/$name.log" | awk '{print $2}')
    echo "$name: ok, ${runs:-?} inputs in ${duration}s"
  else
    status=1
    echo "$name: FOUND A PROBLEM — see fuzz/logs/$name.log and fuzz/artifacts/$name/"
  fi
done
exit $status
