#!/usr/bin/env bash
# The project's one test command: installs what the tests need, then builds and runs every module's tests.
# Works from any directory; CI runs it through .ci/run on a fresh clone (CI=true, no stdin).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# --- Requirements -----------------------------------------------------------------------------------------------
# Java 17 and Maven 3.8+ are expected on the machine. Test peers that need installing (real XMPP servers for the
# interoperability tests, installed with apt-get only when missing) are added here, in this one place.
for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "scripts/test.sh: '$tool' is not on PATH; install Java 17 and Maven 3.8+" >&2
        exit 1
    fi
done

# Prosody and ejabberd from Debian's packages, for the interoperability tests (*IT): installed only when missing,
# never started as system services; each test starts its own throw-away instance on 127.0.0.1.
scripts/servers/install.sh

# --- Build and test ---------------------------------------------------------------------------------------------
exec mvn -B -ntp -Dstyle.color=never verify "$@"
