#!/usr/bin/env bash
# Synthesizes every example app (examples/<name>/cdk8s.yaml) into examples/dist/<name>/ with
# `cdk8s synth --no-check-upgrade`. cdk8s synth deletes its output directory first, so each app
# gets its own. Output goes nowhere else.
set -uo pipefail
cd "$(dirname "$0")/.."
export CDK8S_CHECK_UPGRADE=false
count=0
failed=()
for cfg in examples/*/cdk8s.yaml; do
  dir=$(dirname "$cfg"); name=$(basename "$dir")
  [ "$name" = dist ] && continue
  if (cd "$dir" && npx --no-install cdk8s synth --no-check-upgrade --output "../dist/$name" >/dev/null); then
    count=$((count + 1))
    echo "synthesized $name -> examples/dist/$name/"
  else
    failed+=("$name")
    echo "FAILED to synthesize $name (its errors are above)" >&2
  fi
done
echo "$count example apps synthesized; the YAML is in examples/dist/"
if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} failed: ${failed[*]}" >&2
  exit 1
fi
