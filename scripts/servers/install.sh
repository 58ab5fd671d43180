#!/usr/bin/env bash
# Installs the real XMPP servers used by the interoperability tests: Prosody (Debian 0.12) and ejabberd (Debian 23.01),
# plus openssl for the throw-away certificates.
#
#   scripts/servers/install.sh            # as root (or through sudo), on Debian 12
#
# Idempotent and fast when everything is present (only dpkg-query runs). When something is missing it runs
# `apt-get update` once and `apt-get install --no-install-recommends` for the missing packages only.
#
# The packages' own system-wide services are never allowed to run: during the install a policy-rc.d that answers 101
# ("action forbidden") is put in place when the machine has none, and afterwards any prosody / ejabberd / epmd daemon
# that appeared during the install is stopped (by pid), and the units are disabled when systemd is running. The tests
# start their own instances from scripts/servers/prosody.sh and ejabberd.sh, on 127.0.0.1 only.
set -euo pipefail

log() { echo "install.sh: $*"; }

# package -> a file that proves it is usable
declare -A want=(
    [prosody]=/usr/bin/prosody
    [ejabberd]=/usr/sbin/ejabberdctl
    [openssl]=/usr/bin/openssl
)

is_installed() {
    local status
    status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]]
}

missing=()
for pkg in prosody ejabberd openssl; do
    if is_installed "$pkg" && [[ -e "${want[$pkg]}" ]]; then
        log "$pkg already installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
    else
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    log "nothing to do"
    exit 0
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo -n)
    else
        echo "install.sh: must run as root to install: ${missing[*]}" >&2
        exit 1
    fi
fi

# Daemons that exist before the install are not ours to touch; remember them. Instances started by prosody.sh /
# ejabberd.sh (their config lives in a test workdir) are never counted.
daemon_pids() {
    # prosody runs as "lua5.x /usr/bin/prosody", ejabberd as beam.smp, plus Erlang's epmd.
    { pgrep -af '/usr/bin/prosody' || true; pgrep -ax beam.smp || true; pgrep -ax epmd || true; } |
        { grep -vE '/prosody/prosody\.cfg\.lua|/ejabberd/db' || true; } | awk '{print $1}' | sort -u
}
before="$(daemon_pids)"
had_erlang=false
is_installed erlang-base && had_erlang=true

# Forbid service starts during the install, unless the machine already has a policy.
policy=/usr/sbin/policy-rc.d
created_policy=false
cleanup() {
    if [[ "$created_policy" == true ]]; then
        "${SUDO[@]}" rm -f "$policy"
        log "removed temporary $policy"
    fi
}
trap cleanup EXIT
if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# temporary, from scripts/servers/install.sh: no service starts during install\nexit 101\n' \
        | "${SUDO[@]}" tee "$policy" >/dev/null
    "${SUDO[@]}" chmod 755 "$policy"
    created_policy=true
    log "installed temporary $policy (exit 101)"
else
    log "using existing $policy"
fi

apt_log="$(mktemp /tmp/xmpp-servers-install.XXXXXX.log)"
apt() {
    if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 "$@" >>"$apt_log" 2>&1; then
        tail -n 40 "$apt_log" >&2
        echo "install.sh: apt-get $1 failed; full output in $apt_log" >&2
        exit 1
    fi
}
start=$(date +%s)
log "apt-get update"
apt update
log "apt-get install --no-install-recommends ${missing[*]}"
apt install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}"
set_up="$(grep -E '^Setting up ' "$apt_log" | awk '{print $3}' | tr '\n' ' ')"
log "installed in $(( $(date +%s) - start )) s, $(wc -w <<<"$set_up") packages: $set_up"
rm -f "$apt_log"

# Make sure no system-wide instance is left running (or will start at boot on a systemd machine).
# Only the units of packages installed by this run.
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    units=()
    for pkg in "${missing[@]}"; do
        case "$pkg" in
            prosody) units+=(prosody.service) ;;
            ejabberd) units+=(ejabberd.service) ;;
        esac
    done
    [[ "$had_erlang" == false ]] && units+=(epmd.socket epmd.service)
    for unit in "${units[@]}"; do
        if "${SUDO[@]}" systemctl disable --now "$unit" >/dev/null 2>&1; then
            log "systemd: disabled and stopped $unit"
        fi
    done
fi
after="$(daemon_pids)"
new_pids="$(comm -13 <(echo "$before") <(echo "$after") | grep -v '^$' || true)"
for pid in $new_pids; do
    log "stopping daemon started by the install: pid $pid ($(ps -o args= -p "$pid" 2>/dev/null || echo gone))"
    "${SUDO[@]}" kill "$pid" 2>/dev/null || true
done
for pid in $new_pids; do
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        "${SUDO[@]}" kill -9 "$pid" 2>/dev/null || true
    fi
done

for pkg in "${missing[@]}"; do
    if ! is_installed "$pkg"; then
        echo "install.sh: $pkg is still not installed" >&2
        exit 1
    fi
    log "$pkg $(dpkg-query -W -f='${Version}' "$pkg") ready"
done
