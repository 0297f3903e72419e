#!/usr/bin/env bash
# Installs the Node.js tools the perf/ scripts run (perf/lib.sh: the Observatory's scanner and Lighthouse, each at
# its one version) into target/node-tools/, unless there already: .ci/run does it while its test lanes run, since it
# is mostly waiting on the network and the scripts that need the tools start only once the jar is built.
# perf/observatory.sh and perf/lighthouse.sh install what is missing themselves, so running this first is optional.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

echo "observatory: $(npm_tool observatory "$OBSERVATORY_PACKAGE")"
echo "lighthouse: $(npm_tool lighthouse "$LIGHTHOUSE_PACKAGE")"
