#!/usr/bin/env bash
# Synthesizes every example app (examples/<name>/cdk8s.yaml) into examples/dist/<name>/.
# cdk8s synth deletes its output directory first, so each app gets its own.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK8S_CHECK_UPGRADE=false
count=0
for cfg in examples/*/cdk8s.yaml; do
  dir=$(dirname "$cfg"); name=$(basename "$dir")
  (cd "$dir" && npx cdk8s synth --no-check-upgrade --output "../dist/$name" >/dev/null)
  count=$((count + 1))
  echo "synthesized $name -> examples/dist/$name/"
done
echo "$count example apps synthesized; the YAML is in examples/dist/"
