# Shared helpers for prosody.sh and ejabberd.sh; sourced, not run.
# shellcheck shell=bash

# Everything these scripts start listens on this address, and only on it.
readonly LOOPBACK=127.0.0.1
readonly DOMAIN=example.com
readonly SHA256_DOMAIN=sha256.example.com
# user:password pairs registered on every host (RealServer.USERS in the Java tests lists the same);
# EXTRA_USERS="zoe:zoepass yann:yannpass" adds more.
USERS="alice:alicepass bob:bobpass carol:carolpass dave:davepass erin:erinpass frank:frankpass grace:gracepass"
USERS+=" heidi:heidipass ivan:ivanpass judy:judypass ken:kenpass leo:leopass mike:mikepass nina:ninapass oscar:oscarpass${EXTRA_USERS:+ $EXTRA_USERS}"

die() {
    echo "$SCRIPT_NAME: error: $*" >&2
    exit 1
}
say() { echo "$SCRIPT_NAME: $*"; }

now_ms() { date +%s%3N; }

# require_port VAR: the env var must hold a TCP port number.
require_port() {
    local name="$1" value="${!1:-}"
    [[ -n "$value" ]] || die "set $name to a free TCP port on $LOOPBACK"
    [[ "$value" =~ ^[0-9]+$ ]] && ((value > 0 && value < 65536)) || die "$name='$value' is not a port number"
}

# optional_port VAR: empty or a port number.
optional_port() {
    [[ -z "${!1:-}" ]] || require_port "$1"
}

port_open() {
    # bash's /dev/tcp: a connect to loopback only; closed again at once.
    (exec 3<>"/dev/tcp/$LOOPBACK/$1") 2>/dev/null
}

# fail_if_port_busy VAR...: the server would not be able to bind (or a stale instance answers); say so up front.
fail_if_port_busy() {
    local name
    for name in "$@"; do
        [[ -z "${!name:-}" ]] && continue
        if port_open "${!name}"; then
            die "$name=${!name}: $LOOPBACK:${!name} already accepts connections (another server running?)"
        fi
    done
}

# run_as USER CMD...: run CMD as USER when we are root (exec, so the pid stays the same); as is otherwise.
run_as() {
    local user="$1"
    shift
    if [[ "$(id -u)" -eq 0 ]]; then
        setpriv --reuid="$user" --regid="$user" --init-groups --inh-caps=-all -- "$@"
    else
        "$@"
    fi
}

# check_traversable USER DIR: USER must be able to reach DIR (e.g. a JUnit @TempDir is created 0700).
check_traversable() {
    local user="$1" dir="$2"
    if [[ "$(id -u)" -eq 0 ]] && ! run_as "$user" test -x "$dir"; then
        die "user '$user' cannot enter $dir; make it and its parents world-searchable (chmod o+x)"
    fi
}

# pid_alive PIDFILE MARKER: true when PIDFILE names a live process whose command line contains MARKER
# (guards against a recycled pid).
pid_alive() {
    local pidfile="$1" marker="$2" pid
    [[ -s "$pidfile" ]] || return 1
    pid="$(<"$pidfile")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

# stop_pidfile PIDFILE MARKER NAME: SIGTERM, wait up to 15 s, then SIGKILL; harmless when not running.
stop_pidfile() {
    local pidfile="$1" marker="$2" name="$3" pid i
    if ! pid_alive "$pidfile" "$marker"; then
        say "$name not running"
        rm -f "$pidfile"
        return 0
    fi
    pid="$(<"$pidfile")"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
        [[ -d "/proc/$pid" ]] || break
        # a zombie child of ours counts as gone
        [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] && break
        sleep 0.1
    done
    if [[ -d "/proc/$pid" ]] && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]; then
        say "$name (pid $pid) ignored SIGTERM for 15 s; SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
    say "$name (pid $pid) stopped"
}

# wait_ports PID LOG TIMEOUT_S PORT...: until every port accepts connections; fails early if PID dies or LOG
# matches $FATAL_LOG_PATTERN (extended regexp, e.g. a port the server could not bind).
wait_ports() {
    local pid="$1" log="$2" timeout="$3" deadline port
    shift 3
    deadline=$(($(now_ms) + timeout * 1000))
    for port in "$@"; do
        until port_open "$port"; do
            if [[ -n "${FATAL_LOG_PATTERN:-}" ]] && grep -qE -- "$FATAL_LOG_PATTERN" "$log" 2>/dev/null; then
                echo "---- last lines of $log" >&2
                tail -n 40 "$log" >&2 || true
                die "server reported a fatal error before $LOOPBACK:$port accepted connections (see $log)"
            fi
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "---- last lines of $log" >&2
                tail -n 40 "$log" >&2 || true
                die "server process $pid exited before $LOOPBACK:$port accepted connections (see $log)"
            fi
            if (($(now_ms) > deadline)); then
                echo "---- last lines of $log" >&2
                tail -n 40 "$log" >&2 || true
                die "$LOOPBACK:$port did not accept connections within $timeout s (see $log)"
            fi
            sleep 0.05
        done
    done
}

# make_certs WORKDIR: throw-away CA and server certificates, made once per WORKDIR (shared by both servers), with
# ECDSA P-256 keys (CERT_KEY_TYPE=rsa for RSA 2048), SHA-256 signatures, valid 30 days:
#   WORKDIR/ca.pem                          CA certificate (trust this one)
#   WORKDIR/certs/ca.key                    CA key
#   WORKDIR/certs/example.com.{crt,key}     SAN example.com, *.example.com
#   WORKDIR/certs/sha256.example.com.{crt,key}  SAN sha256.example.com
make_certs() {
    local workdir="$1" certs="$1/certs" host
    mkdir -p "$certs"
    (
        flock 9
        if [[ -s "$workdir/ca.pem" && -s "$certs/$SHA256_DOMAIN.crt" ]]; then
            exit 0
        fi
        local t0 newkey usage
        t0=$(now_ms)
        case "${CERT_KEY_TYPE:-ec}" in
            ec) newkey=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) usage=digitalSignature ;; # ~10 ms per key
            rsa) newkey=(-newkey rsa:2048) usage=digitalSignature,keyEncipherment ;;          # ~0.3 s per key
            *) die "CERT_KEY_TYPE must be ec or rsa" ;;
        esac
        openssl req -x509 "${newkey[@]}" -nodes -sha256 -days 30 -subj "/CN=xmpp-reactive throw-away test CA" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout "$certs/ca.key" -out "$certs/ca.pem" 2>/dev/null
        for host in "$DOMAIN" "$SHA256_DOMAIN"; do
            local san="DNS:$host"
            [[ "$host" == "$DOMAIN" ]] && san="DNS:$DOMAIN,DNS:*.$DOMAIN"
            openssl req -new "${newkey[@]}" -nodes -subj "/CN=$host" \
                -keyout "$certs/$host.key" -out "$certs/$host.csr" 2>/dev/null
            printf '%s\n' "basicConstraints=critical,CA:FALSE" \
                "keyUsage=critical,$usage" \
                "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=$san" >"$certs/$host.ext"
            openssl x509 -req -sha256 -days 30 -in "$certs/$host.csr" -CA "$certs/ca.pem" -CAkey "$certs/ca.key" \
                -CAcreateserial -extfile "$certs/$host.ext" -out "$certs/$host.crt" 2>/dev/null
            rm -f "$certs/$host.csr" "$certs/$host.ext"
        done
        chmod 600 "$certs"/*.key
        rm -f "$certs/ca.srl"
        cp "$certs/ca.pem" "$workdir/ca.pem.tmp" && mv "$workdir/ca.pem.tmp" "$workdir/ca.pem"
        echo "$SCRIPT_NAME: generated ${CERT_KEY_TYPE:-ec} CA and certificates for $DOMAIN, $SHA256_DOMAIN in $(($(now_ms) - t0)) ms"
    ) 9>"$workdir/.certs.lock"
}
