#!/usr/bin/env bash
# Starts / stops a throw-away ejabberd (Debian package, 23.01) for the interoperability tests, on 127.0.0.1 only.
#
#   C2S_PORT=25222 C2S_DIRECT_TLS_PORT=25223 ERL_DIST_PORT=25370 [COMPONENT_PORT=25347] \
#       scripts/servers/ejabberd.sh start <workdir>
#   scripts/servers/ejabberd.sh stop <workdir>
#
# Everything lives under <workdir> (never /etc/ejabberd, never /var/lib/ejabberd):
#   <workdir>/ca.pem            throw-away CA that signed the server certificates (shared with prosody.sh)
#   <workdir>/certs/            CA key, server certificates and keys for example.com (+ *.example.com) and
#                               sha256.example.com
#   <workdir>/ejabberd.pid      pid of the running Erlang VM (beam.smp)
#   <workdir>/ejabberd/         ejabberd.yml, ejabberdctl.cfg, inetrc, db/ (Mnesia, wiped at every start),
#                               logs/ (ejabberd.log, error.log, stdout.log, ctl.log = user registration)
#
# Erlang distribution: no epmd at all. ERL_DIST_PORT is the node's fixed distribution port (ejabberdctl passes
# -erl_epmd_port/-start_epmd false), bound to 127.0.0.1 (inet_dist_use_interface); ejabberdctl commands reach the
# node on that port. ERL_EPMD_ADDRESS=127.0.0.1 is set as well, in case anything starts an epmd anyway.
#
# Hosts: example.com (SCRAM-SHA-1, the default auth_scram_hash) and sha256.example.com (auth_scram_hash: sha256 →
# SCRAM-SHA-256), each with alice/alicepass, bob/bobpass, ... oscar/oscarpass (USERS in lib.sh;
# + EXTRA_USERS="zoe:zoepass ...").
# STARTTLS is required on C2S_PORT, C2S_DIRECT_TLS_PORT speaks TLS at once. With COMPONENT_PORT set, XEP-0114
# component component.example.com with secret $COMPONENT_SECRET (default s3cret). No s2s, no HTTP, no registration.
# Optional: EJABBERD_LOG_LEVEL (default info; debug logs every stanza), START_TIMEOUT (seconds, default 60).
#
# Must run as root (ejabberd then runs as the 'ejabberd' user) or as the 'ejabberd' user.
set -euo pipefail

SCRIPT_NAME=ejabberd.sh
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { die "usage: $SCRIPT_NAME start|stop <workdir>"; }
[[ $# -eq 2 ]] || usage
action="$1"
if [[ "$action" == stop && ! -d "$2" ]]; then
    say "not running (no $2)"
    exit 0
fi
mkdir -p "$2"
workdir="$(cd "$2" && pwd -P)"
ed="$workdir/ejabberd"
pidfile="$workdir/ejabberd.pid"
marker="$ed/db" # the Mnesia dir appears on the VM's command line

case "$(id -un)" in
    root | ejabberd) ;;
    *) die "run as root or as the 'ejabberd' user (ejabberdctl refuses other users)" ;;
esac

# register_users HOST USER PASSWORD [HOST USER PASSWORD ...]: on the running node; exit status 0 when all succeeded.
register_users() {
    # shellcheck disable=SC1091
    local ERL_OPTIONS ERL_DIST_PORT ERLANG_NODE
    . "$ed/ejabberdctl.cfg"
    # shellcheck disable=SC2086 # ERL_OPTIONS is a list of words, as in ejabberdctl
    (cd "$ed" && run_as ejabberd env HOME="$ed" ERL_INETRC="$ed/inetrc" erl -sname "register-$$@localhost" -hidden \
        -noinput $ERL_OPTIONS -erl_epmd_port "$ERL_DIST_PORT" -start_epmd false -dist_listen false -eval '
        [Node | Rest] = init:get_plain_arguments(),
        Triples = fun F([H, U, P | T]) -> [{list_to_binary(H), list_to_binary(U), list_to_binary(P)} | F(T)];
                      F([]) -> [] end,
        Rs = [{U, H, rpc:call(list_to_atom(Node), ejabberd_admin, register, [U, H, P], 30000)}
              || {H, U, P} <- Triples(Rest)],
        %% conflict = registered by an earlier attempt of this start (the database is new at every start)
        Ok = fun({ok, _}) -> true; ({error, conflict, _, _}) -> true; (_) -> false end,
        lists:foreach(fun({U, H, {ok, Msg}}) -> io:format("register ~ts@~ts: ~ts~n", [U, H, Msg]);
                         ({U, H, R}) -> io:format("register ~ts@~ts: ~p~n", [U, H, R]) end, Rs),
        halt(case lists:all(fun({_, _, R}) -> Ok(R) end, Rs) of true -> 0; false -> 1 end).' \
        -extra "$ERLANG_NODE" "$@")
}

launched_pid=""
kill_on_failure() {
    local rc=$?
    if [[ $rc -ne 0 && -n "$launched_pid" ]]; then
        say "start failed; stopping what was started"
        [[ -s "$ed/ejabberd.pid" ]] && kill -TERM "$(<"$ed/ejabberd.pid")" 2>/dev/null || true
        kill -TERM "$launched_pid" 2>/dev/null || true
        pkill -TERM -P "$launched_pid" 2>/dev/null || true
        rm -f "$pidfile"
    fi
}

start() {
    local t0 host
    t0=$(now_ms)
    [[ -x /usr/sbin/ejabberdctl ]] || die "ejabberd is not installed; run scripts/servers/install.sh"
    require_port C2S_PORT
    require_port C2S_DIRECT_TLS_PORT
    require_port ERL_DIST_PORT
    optional_port COMPONENT_PORT
    if pid_alive "$pidfile" "$marker"; then
        die "already running (pid $(<"$pidfile")); run '$SCRIPT_NAME stop $workdir' first"
    fi
    fail_if_port_busy C2S_PORT C2S_DIRECT_TLS_PORT ERL_DIST_PORT COMPONENT_PORT

    chmod o+x "$workdir" 2>/dev/null || true
    check_traversable ejabberd "$workdir"
    make_certs "$workdir"

    rm -rf "$ed"
    mkdir -p "$ed/db" "$ed/logs" "$ed/certs"
    for host in "$DOMAIN" "$SHA256_DOMAIN"; do
        # ejabberd matches keys to certificates itself; the CA completes the chain it sends.
        cat "$workdir/certs/$host.crt" "$workdir/certs/$host.key" "$workdir/ca.pem" >"$ed/certs/$host.pem"
    done
    chmod 600 "$ed"/certs/*.pem

    local component=""
    if [[ -n "${COMPONENT_PORT:-}" ]]; then
        component="  -
    port: $COMPONENT_PORT
    ip: \"$LOOPBACK\"
    module: ejabberd_service
    backlog: 128
    hosts:
      \"component.$DOMAIN\":
        password: \"${COMPONENT_SECRET:-s3cret}\""
    fi

    cat >"$ed/ejabberd.yml" <<EOF
# Generated by scripts/servers/ejabberd.sh for one test run; throw-away.
hosts:
  - "$DOMAIN"
  - "$SHA256_DOMAIN"

loglevel: ${EJABBERD_LOG_LEVEL:-info}
log_rotate_count: 0
hide_sensitive_log_data: false

certfiles:
  - "$ed/certs/$DOMAIN.pem"
  - "$ed/certs/$SHA256_DOMAIN.pem"
ca_file: "$workdir/ca.pem"
acme:
  auto: false

define_macro:
  'TLS_OPTIONS':
    - "no_sslv3"
    - "no_tlsv1"
    - "no_tlsv1_1"
    - "cipher_server_preference"
    - "no_compression"
c2s_protocol_options: 'TLS_OPTIONS'

# Loopback only, ports chosen by the caller. No s2s, HTTP, STUN or MQTT listener.
listen:
  -
    port: $C2S_PORT
    ip: "$LOOPBACK"
    module: ejabberd_c2s
    backlog: 128
    max_stanza_size: 262144
    shaper: c2s_shaper
    access: c2s
    starttls_required: true
  -
    port: $C2S_DIRECT_TLS_PORT
    ip: "$LOOPBACK"
    module: ejabberd_c2s
    backlog: 128
    max_stanza_size: 262144
    shaper: c2s_shaper
    access: c2s
    tls: true
$component

s2s_access: none
disable_sasl_mechanisms:
  - "digest-md5"
  - "X-OAUTH2"

auth_method: internal
auth_password_format: scram
# example.com keeps the default (sha → SCRAM-SHA-1); sha256.example.com stores SCRAM-SHA-256 keys.
host_config:
  "$SHA256_DOMAIN":
    auth_scram_hash: sha256

acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  c2s:
    deny: blocked
    allow: all
api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"
# No traffic shaping: tests send large stanzas on purpose.
shaper_rules:
  max_user_sessions: 10
  max_user_offline_messages: 5000
  c2s_shaper: none

modules:
  mod_roster:
    versioning: true
  mod_disco: {}
  mod_ping: {}
  mod_stream_mgmt: {}
  mod_carboncopy: {}
  mod_blocking: {}
  mod_privacy: {}
  mod_private: {}
  mod_vcard: {}
  mod_offline: {}
  mod_time: {}
  mod_version:
    show_os: false
EOF

    cat >"$ed/inetrc" <<EOF
{lookup,["file","native"]}.
{host,{127,0,0,1}, ["localhost"]}.
EOF

    local cookie
    cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    cat >"$ed/ejabberdctl.cfg" <<EOF
# Generated by scripts/servers/ejabberd.sh; sourced by ejabberdctl.
ERLANG_NODE=ejabberd-test@localhost
ERL_DIST_PORT=$ERL_DIST_PORT
ERL_EPMD_ADDRESS=$LOOPBACK
ERL_OPTIONS="-setcookie $cookie -kernel inet_dist_use_interface {127,0,0,1} -env ERL_CRASH_DUMP_BYTES 0"
EJABBERD_PID_PATH=$ed/ejabberd.pid
EJABBERD_BYPASS_WARNINGS=true
EOF
    chmod 600 "$ed/ejabberdctl.cfg"
    [[ "$(id -u)" -eq 0 ]] && chown -R ejabberd:ejabberd "$ed"

    # setsid: own session; std streams to files, so a caller reading this script's output sees EOF at its end.
    trap kill_on_failure EXIT
    (cd "$ed" && exec setsid bash -c 'exec "$@"' ejabberd-launch \
        setpriv --reuid=ejabberd --regid=ejabberd --init-groups --inh-caps=-all -- \
        env HOME="$ed" /usr/sbin/ejabberdctl --config-dir "$ed" --config "$ed/ejabberd.yml" \
        --ctl-config "$ed/ejabberdctl.cfg" --logs "$ed/logs" --spool "$ed/db" foreground \
        </dev/null >>"$ed/logs/stdout.log" 2>&1) &
    launched_pid=$!

    local ports=("$C2S_PORT" "$C2S_DIRECT_TLS_PORT")
    [[ -n "${COMPONENT_PORT:-}" ]] && ports+=("$COMPONENT_PORT")
    # A bad config leaves ejabberd waiting ~100 s; its log says [critical] at once.
    FATAL_LOG_PATTERN='\[critical\]'
    wait_ports "$launched_pid" "$ed/logs/ejabberd.log" "${START_TIMEOUT:-60}" "${ports[@]}"
    local t_listen=$(($(now_ms) - t0))

    # ejabberd writes the VM's own pid; that is the one to signal.
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -s "$ed/ejabberd.pid" ]] && break
        sleep 0.05
    done
    [[ -s "$ed/ejabberd.pid" ]] || die "ejabberd did not write $ed/ejabberd.pid"
    cp "$ed/ejabberd.pid" "$pidfile"
    pid_alive "$pidfile" "$marker" || die "pid $(<"$pidfile") from $ed/ejabberd.pid is not the ejabberd VM"

    # Register the users: one short Erlang VM calls ejabberd_admin:register/3 (what `ejabberdctl register` does) for
    # all of them over the loopback distribution port; six `ejabberdctl register` runs would boot six VMs (~3 s).
    local args=() entry
    for host in "$DOMAIN" "$SHA256_DOMAIN"; do
        for entry in $USERS; do
            args+=("$host" "${entry%%:*}" "${entry#*:}")
        done
    done
    local attempt ok=false
    for attempt in 1 2 3 4 5; do
        if register_users "${args[@]}" >>"$ed/logs/ctl.log" 2>&1; then
            ok=true
            break
        fi
        sleep 0.5
    done
    if [[ "$ok" != true ]]; then
        cat "$ed/logs/ctl.log" >&2
        die "registering users failed (see $ed/logs/ctl.log)"
    fi
    trap - EXIT

    say "started pid $(<"$pidfile") in $(($(now_ms) - t0)) ms (listening after $t_listen ms):" \
        "c2s (STARTTLS required) $LOOPBACK:$C2S_PORT, direct TLS $LOOPBACK:$C2S_DIRECT_TLS_PORT," \
        "erlang distribution $LOOPBACK:$ERL_DIST_PORT${COMPONENT_PORT:+, component $LOOPBACK:$COMPONENT_PORT};" \
        "hosts $DOMAIN $SHA256_DOMAIN; CA $workdir/ca.pem; log $ed/logs/ejabberd.log"
}

stop() {
    # Only the VM: this setup never starts an epmd (ERL_DIST_PORT makes ejabberdctl pass -start_epmd false).
    stop_pidfile "$pidfile" "$marker" ejabberd
}

case "$action" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
