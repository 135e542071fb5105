#!/usr/bin/env bash
# Packaging check (issue 12), run by .ci/run after `npm test` (which compiles build/ and .jsii).
# From the packed tarball alone, in fresh directories (the npm registry is used for the apps):
#   1. a cdk8s app laid out as `cdk8s init typescript-app` makes it, with cdk8s-plus-33, installs
#      the tarball, synthesizes, and `npx netpol check dist/` passes;
#   2. the same app with cdk8s-plus-28 on the lowest cdk8s and constructs our peers accept;
#   3. a jsii library that subclasses and re-exports our constructs builds with jsii;
#   4. the test suite runs under Node 22 (`npx node@22`; npm test ran it under Node 20).
# Prints each step with its time; on failure names the step and exits 1.
# Usage: bash scripts/packaging-check.sh [--skip-node22]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d -t netpol-packaging.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CDK8S_CHECK_UPGRADE=false JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false npm_config_loglevel=error

dev() { node -p "require('$root/package.json').devDependencies['$1']"; }
peer_floor() { node -p "require('$root/package.json').peerDependencies['$1'].replace(/^\\^/, '')"; }
step_name=''
step_start=$SECONDS
all_start=$SECONDS
step() {
  [ -n "$step_name" ] && echo "   ok ($((SECONDS - step_start)) s)"
  step_name=$1
  step_start=$SECONDS
  echo "== packaging: $1"
}
fail() {
  echo "packaging check FAILED at step: $step_name${1:+ ($1)}"
  exit 1
}

step "npm pack"
[ -f "$root/.jsii" ] && [ -f "$root/build/index.js" ] || fail "build/ and .jsii missing: run npx projen compile"
(cd "$root" && npm pack --pack-destination "$work" >/dev/null) || fail
tarball=$(ls "$work"/cdk8s-netpol-*.tgz) || fail "no tarball"
version=$(node -p "require('$root/package.json').version")
echo "   $(basename "$tarball"): $(wc -c <"$tarball") bytes"

# An app as `cdk8s init typescript-app` makes it (package.json, cdk8s.yaml, tsconfig.json,
# main.ts), without its jest test files; $1 dir, $2 cdk8s-plus package@version, $3 cdk8s, $4 constructs.
make_app() {
  local dir=$1 plus=${2%@*} plus_version=${2#*@}
  mkdir -p "$dir"
  cp "$root"/test/packaging/apps/cdk8s-app/{cdk8s.yaml,tsconfig.json} "$dir"/
  sed "s/'cdk8s-plus-33'/'$plus'/" "$root/test/packaging/apps/cdk8s-app/main.ts" >"$dir/main.ts"
  node -e '
    const [dir, plus, plusVersion, cdk8s, constructs, cli, tarball] = process.argv.slice(1);
    const pkg = {
      name: "app", version: "1.0.0", main: "main.js", types: "main.ts", license: "Apache-2.0", private: true,
      scripts: { import: "cdk8s import", synth: "cdk8s synth", compile: "tsc --build" },
      dependencies: { cdk8s, [plus]: plusVersion, constructs, "cdk8s-netpol": `file:${tarball}` },
      devDependencies: { "cdk8s-cli": cli, "@types/node": "^14", typescript: "5.9.x", "ts-node": "^10" },
    };
    require("fs").writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
  ' "$dir" "$plus" "$plus_version" "$3" "$4" "$(dev cdk8s-cli)" "$tarball"
}

# Installs, synthesizes and checks an app; $1 dir, $2 the cdk8s-plus package it must have alone.
check_app() {
  local dir=$1 plus=$2
  (cd "$dir" && npm install >npm-install.log 2>&1) || { cat "$dir/npm-install.log"; fail "npm install"; }
  (cd "$dir" && npm ls >/dev/null) || { (cd "$dir" && npm ls); fail "npm ls reports a broken tree"; }
  # The app's cdk8s-plus is used, none is added for us: every cdk8s-plus installed is wanted by
  # something else (the app, or cdk8s-cli, which itself depends on cdk8s-plus-33).
  [ -d "$dir/node_modules/$plus" ] || fail "$plus is not installed"
  local p
  for p in $(cd "$dir/node_modules" && ls -d cdk8s-plus-*); do
    (cd "$dir" && npm explain "$p" --json) | node -e '
      const nodes = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const others = nodes.flatMap((n) => n.dependents).filter((d) => d.from?.name !== "cdk8s-netpol");
      process.exit(others.length > 0 ? 0 : 1);
    ' || fail "$p is installed only because of cdk8s-netpol"
  done
  (cd "$dir" && npx tsc --noEmit -p .) || fail "the app does not type-check against the package's .d.ts"
  (cd "$dir" && npx cdk8s synth --no-check-upgrade) || fail "cdk8s synth"
  grep -q 'kind: NetworkPolicy' "$dir"/dist/*.yaml || fail "no NetworkPolicy in dist/"
  (cd "$dir" && npx netpol check dist/) || fail "netpol check dist/"
}

step "cdk8s-plus-33 app: install the tarball, synth, netpol check"
make_app "$work/app-plus-33" "cdk8s-plus-33@^$(dev cdk8s-plus-33)" "^$(dev cdk8s)" "^$(dev constructs)"
check_app "$work/app-plus-33" cdk8s-plus-33

step "cdk8s-plus-28 app on the lowest peers (cdk8s $(peer_floor cdk8s), constructs $(peer_floor constructs)): install, synth, netpol check"
make_app "$work/app-plus-28" "cdk8s-plus-28@$(dev cdk8s-plus-28)" "$(peer_floor cdk8s)" "$(peer_floor constructs)"
check_app "$work/app-plus-28" cdk8s-plus-28

step "the two apps wrote the same NetworkPolicies"
policies() {  # the NetworkPolicy documents of an app's dist/, as JSON
  cat "$1"/dist/*.yaml | node -e '
    const docs = require(process.argv[1]).parseAllDocuments(require("fs").readFileSync(0, "utf8")).map((d) => d.toJSON());
    console.log(JSON.stringify(docs.filter((d) => d && d.kind === "NetworkPolicy"), null, 1));
  ' "$root/node_modules/yaml"
}
policies "$work/app-plus-33" >"$work/plus-33.json" && policies "$work/app-plus-28" >"$work/plus-28.json" || fail "reading dist/"
grep -q '"kind": "NetworkPolicy"' "$work/plus-33.json" || fail "no NetworkPolicy read"
diff "$work/plus-33.json" "$work/plus-28.json" >/dev/null || fail "the policies differ"

step "jsii library that subclasses and re-exports our constructs"
lib=$work/jsii-lib
mkdir -p "$lib" && cp -r "$root/test/packaging/apps/jsii-lib/lib" "$lib/"
node -e '
  const [dir, tarball, version, jsii, ts, cdk8s, constructs] = process.argv.slice(1);
  const pkg = {
    name: "acme-netpol", version: "1.0.0", description: "A jsii library on cdk8s-netpol", license: "Apache-2.0",
    author: { name: "acme", email: "dev@acme.example" }, repository: { type: "git", url: "https://example.invalid/acme.git" },
    main: "lib/index.js", types: "lib/index.d.ts",
    jsii: { outdir: "dist", targets: {} },
    peerDependencies: { cdk8s: `^${cdk8s}`, constructs: `^${constructs}`, "cdk8s-netpol": `^${version}` },
    devDependencies: { jsii: jsii, typescript: ts, cdk8s, constructs, "cdk8s-netpol": `file:${tarball}` },
  };
  require("fs").writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
' "$lib" "$tarball" "$version" "$(dev jsii)" "$(dev typescript)" "$(dev cdk8s)" "$(dev constructs)"
(cd "$lib" && npm install >npm-install.log 2>&1) || { cat "$lib/npm-install.log"; fail "npm install"; }
(cd "$lib" && npx jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency) || fail "jsii"
node -e '
  const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const base = a.types["acme-netpol.WebIngress"]?.base;
  if (base !== "cdk8s-netpol.AllowFrom") { console.error(`WebIngress base is ${base}`); process.exit(1); }
  const port = a.types["acme-netpol.WebIngressProps"]?.properties?.find((p) => p.name === "port")?.type?.fqn;
  if (port !== "cdk8s-netpol.Port") { console.error(`WebIngressProps.port is ${port}`); process.exit(1); }
  for (const t of ["AllowFrom", "Peer", "Select"]) {
    if (!a.types[`acme-netpol.${t}`]) { console.error(`${t} is not re-exported`); process.exit(1); }
  }
  if (!a.dependencies["cdk8s-netpol"]) { console.error("no dependency on cdk8s-netpol in the assembly"); process.exit(1); }
' "$lib/.jsii" || fail "the library's assembly"

if [ "${1:-}" != "--skip-node22" ]; then
  step "test suite under Node 22 (npx node@22)"
  (cd "$root" && npx -y node@22 --version) || fail "npx node@22"
  (cd "$root" && npx -y node@22 node_modules/vitest/vitest.mjs run --reporter=dot) \
    || fail "vitest under Node 22"
fi

step "done"
echo "packaging check passed in $((SECONDS - all_start)) s"
