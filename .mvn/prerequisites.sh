#!/usr/bin/env bash
# What a build needs from the machine besides the JDK (mvnw checks that one), checked by the root pom before anything
# builds (maven-enforcer-plugin, validate phase). Each missing piece gets one line with the command that installs it, and
# the build stops. The README's first lines name the same things.
#   .mvn/prerequisites.sh reactor=<session.projects> goals=<session.goals> skipTests=<..> maven.test.skip=<..>
# What is checked follows from the build: Node.js and npm when the web client is built; when tests run, Chromium for
# e2e's browser test and openssl for deploy-check (k8s/create-secrets.sh). `./mmo up` packages with -DskipTests, and
# the images build one service each: neither needs Chromium or openssl, and only the gateway's build needs Node.js.
set -uo pipefail

reactor=${1#reactor=} goals=${2#goals=} skip_tests=${3#skipTests=} test_skip=${4#maven.test.skip=}

builds() { [[ $reactor == *":$1:"* ]]; }

tests_run() {
  [[ $skip_tests == true || $test_skip == true ]] && return 1
  local goal
  for goal in ${goals//[\[\],]/ }; do
    case $goal in
      test | prepare-package | package | pre-integration-test | integration-test | post-integration-test | verify | \
        install | deploy | *:test) return 0 ;;
    esac
  done
  return 1
}

missing=()
found=()

if builds mmo-web-client || { tests_run && builds mmo-e2e; }; then
  if ! command -v node >/dev/null; then
    missing+=("Node.js 20.19+ (the web client builds with it) - install: sudo apt-get install nodejs npm (Debian 13; elsewhere Node.js 20.19+ from nodejs.org)")
  elif ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    missing+=("Node.js 20.19+, found $(node --version) (Vite needs 20.19) - install: sudo apt-get install nodejs npm (Debian 13; elsewhere Node.js 20.19+ from nodejs.org)")
  else
    found+=("Node.js $(node --version)")
  fi
  if ! command -v npm >/dev/null; then
    missing+=("npm (installs and builds the web client) - install: sudo apt-get install npm")
  else
    found+=("npm $(npm --version)")
  fi
fi

if tests_run && builds mmo-e2e; then
  chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [[ -x $chromium && ! -d $chromium ]]; then
    found+=("Chromium at $chromium")
  else
    missing+=("Chromium at $chromium (e2e's browser test; CHROMIUM_PATH names another) - install: sudo apt-get install chromium")
  fi
fi

if tests_run && builds mmo-deploy-check; then
  if command -v openssl >/dev/null; then
    found+=("openssl")
  else
    missing+=("openssl (deploy-check runs k8s/create-secrets.sh) - install: sudo apt-get install openssl")
  fi
fi

if ((${#missing[@]})); then
  for line in "${missing[@]}"; do
    echo "prerequisites: missing $line" >&2
  done
  exit 1
fi
if ((${#found[@]})); then
  joined=$(printf ', %s' "${found[@]}")
  echo "prerequisites: ${joined:2}"
fi
