#!/usr/bin/env bash
# Make sure the test suite's services are there:
#   * PostgreSQL answering at the host/port of DATABASE_URL (default 127.0.0.1:5432)
#   * Redis answering at the host/port of REDIS_URL         (default 127.0.0.1:6379)
#   * Debian's Chromium at /usr/bin/chromium (browser tests)
#
# Local services (127.0.0.1 / localhost / ::1) that are installed but stopped are started;
# missing ones are installed with apt-get when running as root.  Remote URLs are only
# checked.  When something cannot be fixed, says exactly what to do and exits 1.
# Idempotent, and fast when everything is already up (the normal case).
#
# Knobs: ENSURE_SERVICES_WAIT (seconds to wait for each service, default 30).
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/awards}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
WAIT_SECONDS="${ENSURE_SERVICES_WAIT:-30}"
CHROMIUM=/usr/bin/chromium
PG_ETC=/etc/postgresql
TIMEOUT=""
command -v timeout >/dev/null 2>&1 && TIMEOUT="timeout 5"

PY="$(command -v python3.11 || command -v python3 || true)"
if [[ -z "$PY" ]]; then
    echo "ensure_services: python3 is required (to parse DATABASE_URL / REDIS_URL)." >&2
    exit 1
fi

say() { echo "ensure_services: $*"; }
FAILURES=()
fail() {
    FAILURES+=("$*")
    echo "ensure_services: ERROR: $*" >&2
}

is_root() { [[ "$(id -u)" == 0 ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

APT_UPDATED=0
apt_install() { # apt_install pkg... (root + apt-get only; caller checks)
    if [[ $APT_UPDATED == 0 ]]; then
        say "apt-get update"
        apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
can_apt() { is_root && have apt-get; }

# parse_url URL DEFAULT_PORT -> sets URL_SCHEME URL_HOST URL_PORT URL_USER URL_PASSWORD
parse_url() {
    eval "$("$PY" - "$1" "$2" <<'PYEOF'
import shlex, sys
from urllib.parse import unquote, urlsplit
url, default_port = sys.argv[1], sys.argv[2]
parts = urlsplit(url)
host = unquote(parts.hostname or "")
try:
    port = parts.port or int(default_port)
except ValueError:
    port = int(default_port)
values = {
    "URL_SCHEME": parts.scheme,
    "URL_HOST": host,
    "URL_PORT": str(port),
    "URL_USER": unquote(parts.username or ""),
    "URL_PASSWORD": unquote(parts.password or ""),
}
for key, value in values.items():
    print(f"{key}={shlex.quote(value)}")
PYEOF
)"
}

is_local_host() {
    case "$1" in
        "" | /* | 127.0.0.1 | localhost | ::1 | 0.0.0.0) return 0 ;;
        *) return 1 ;;
    esac
}

# socket_answers HOST PORT [unix-socket-name-prefix]: can we connect at all?
socket_answers() {
    "$PY" - "$1" "$2" "${3:-}" <<'PYEOF' >/dev/null 2>&1
import socket, sys
host, port, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if host.startswith("/"):  # a Unix socket directory (PostgreSQL)
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(2)
    s.connect(f"{host}/{prefix}{port}")
else:
    socket.create_connection((host or "127.0.0.1", port), timeout=2).close()
PYEOF
}

wait_for() { # wait_for CHECK_FUNCTION SECONDS
    local check=$1 deadline=$((SECONDS + $2))
    until "$check"; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.5
    done
}

# --------------------------------------------------------------------------- PostgreSQL

pg_answers() {
    if have pg_isready; then
        if [[ -n "$PG_HOST" ]]; then
            pg_isready -q -t 2 -h "$PG_HOST" -p "$PG_PORT"
        else
            pg_isready -q -t 2 -p "$PG_PORT"
        fi
    else
        socket_answers "${PG_HOST:-/var/run/postgresql}" "$PG_PORT" ".s.PGSQL."
    fi
}

pg_installed() {
    have pg_ctlcluster || compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}

# The Debian cluster serving $PG_PORT ("<version> <name>"), else the first one.
pg_cluster() {
    local cluster=""
    if have pg_lsclusters; then
        cluster="$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2; exit}')"
    fi
    if [[ -z "$cluster" && -d "$PG_ETC" ]]; then
        local version
        # shellcheck disable=SC2012  # version directories: plain names
        version="$(ls "$PG_ETC" 2>/dev/null | head -1)"
        [[ -n "$version" ]] && cluster="$version main"
    fi
    echo "$cluster"
}

pg_start() {
    local cluster
    cluster="$(pg_cluster)"
    if [[ -n "$cluster" ]] && have pg_ctlcluster; then
        say "starting PostgreSQL cluster $cluster"
        # shellcheck disable=SC2086
        pg_ctlcluster --skip-systemctl-redirect $cluster start && return 0
    fi
    if have service; then
        say "starting PostgreSQL with 'service postgresql start'"
        service postgresql start && return 0
    fi
    return 1
}

# A fresh Debian cluster: listen on the wanted port and let local TCP in without password.
pg_configure_fresh() {
    local cluster version name hba conf
    cluster="$(pg_cluster)"
    [[ -n "$cluster" ]] || return 0
    read -r version name <<<"$cluster"
    conf="$PG_ETC/$version/$name/postgresql.conf"
    hba="$PG_ETC/$version/$name/pg_hba.conf"
    if [[ -f "$conf" ]] && ! grep -Eq "^\s*port\s*=\s*$PG_PORT\b" "$conf"; then
        say "setting port = $PG_PORT in $conf"
        sed -i -E "s/^\s*#?\s*port\s*=.*/port = $PG_PORT/" "$conf"
        pg_ctlcluster --skip-systemctl-redirect "$version" "$name" restart || true
    fi
    if [[ -f "$hba" ]] && ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
        say "trusting local TCP connections (127.0.0.1/32, ::1/128) in $hba"
        local tmp
        tmp="$(mktemp)"
        {
            echo "# Added by scripts/ensure_services.sh: local test database, no password."
            echo "host    all    all    127.0.0.1/32    trust"
            echo "host    all    all    ::1/128         trust"
            cat "$hba"
        } >"$tmp"
        cat "$tmp" >"$hba" # keep owner and mode of the original file
        rm -f "$tmp"
        pg_ctlcluster --skip-systemctl-redirect "$version" "$name" reload ||
            service postgresql reload || true
    fi
}

ensure_postgres() {
    parse_url "$DATABASE_URL" 5432
    PG_HOST="$URL_HOST"
    PG_PORT="$URL_PORT"
    case "$URL_SCHEME" in
        postgres | postgresql | pgsql | postgis | psql) ;;
        *)
            say "DATABASE_URL is not PostgreSQL ($URL_SCHEME://); nothing to ensure."
            return 0
            ;;
    esac
    local where="${PG_HOST:-unix socket}:$PG_PORT"

    if pg_answers; then
        say "PostgreSQL answers at $where"
        return 0
    fi
    if ! is_local_host "$PG_HOST"; then
        fail "PostgreSQL does not answer at $where (remote host from DATABASE_URL; start it there or fix DATABASE_URL)."
        return 0
    fi

    local fresh=0
    if ! pg_installed; then
        if can_apt; then
            apt_install postgresql
            fresh=1
        else
            fail "PostgreSQL is not installed. Install and start it (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql@15 && brew services start postgresql@15), allow user 'postgres' to connect from 127.0.0.1 without password (pg_hba.conf 'trust'), or set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/awards to a running server."
            return 0
        fi
    fi

    if ! pg_answers; then
        if ! is_root && [[ "$(id -un)" != postgres ]]; then
            fail "PostgreSQL is installed but not running at $where, and starting it needs root. Run: sudo pg_ctlcluster $(pg_cluster) start   (or: sudo service postgresql start), or set DATABASE_URL."
            return 0
        fi
        pg_start || true
    fi
    [[ $fresh == 1 ]] && pg_configure_fresh

    if wait_for pg_answers "$WAIT_SECONDS"; then
        say "PostgreSQL answers at $where"
    else
        local clusters=""
        have pg_lsclusters && clusters=" Clusters here: $(pg_lsclusters -h 2>/dev/null |
            awk '{printf "%s%s/%s port %s %s", sep, $1, $2, $3, $4; sep = "; "}')."
        fail "PostgreSQL did not answer at $where within ${WAIT_SECONDS}s.$clusters Check 'pg_lsclusters' and /var/log/postgresql/, or set DATABASE_URL."
    fi
}

# --------------------------------------------------------------------------- Redis

redis_answers() {
    if have redis-cli; then
        local out
        out="$(REDISCLI_AUTH="$REDIS_PASSWORD" $TIMEOUT redis-cli --no-auth-warning \
            -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>&1)" || true
        # PONG, or an authentication error: either way a Redis server is answering.
        [[ "$out" == *PONG* || "$out" == *NOAUTH* || "$out" == *WRONGPASS* ]]
    else
        socket_answers "$REDIS_HOST" "$REDIS_PORT"
    fi
}

redis_start() {
    local dir=/var/lib/redis logdir=/var/log/redis
    mkdir -p "$dir" "$logdir" 2>/dev/null || true
    if [[ -w "$dir" && -w "$logdir" ]]; then
        say "starting redis-server on port $REDIS_PORT (127.0.0.1 and ::1)"
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
            --save "" --appendonly no --dir "$dir" --logfile "$logdir/ci.log" || true
        # Binding errors surface after daemonizing: give it a moment before falling back.
        wait_for redis_answers 3 && return 0
    fi
    say "starting redis-server on port $REDIS_PORT (127.0.0.1 only)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
        --save "" --appendonly no --dir "${TMPDIR:-/tmp}" || true
}

ensure_redis() {
    parse_url "$REDIS_URL" 6379
    REDIS_HOST="${URL_HOST:-127.0.0.1}"
    REDIS_PORT="$URL_PORT"
    REDIS_PASSWORD="$URL_PASSWORD"
    case "$URL_SCHEME" in
        redis | rediss) ;;
        *)
            say "REDIS_URL is not redis:// ($URL_SCHEME://); nothing to ensure."
            return 0
            ;;
    esac
    local where="$REDIS_HOST:$REDIS_PORT"

    if redis_answers; then
        say "Redis answers at $where"
        return 0
    fi
    if ! is_local_host "$REDIS_HOST"; then
        fail "Redis does not answer at $where (remote host from REDIS_URL; start it there or fix REDIS_URL)."
        return 0
    fi
    if ! have redis-server; then
        if can_apt; then
            apt_install redis-server
        else
            fail "Redis is not installed. Install and start it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis && brew services start redis), or set REDIS_URL=redis://HOST:PORT/0 to a running server."
            return 0
        fi
        # The package may have started its own service already.
        wait_for redis_answers 3 || true
    fi
    redis_answers || redis_start

    if wait_for redis_answers "$WAIT_SECONDS"; then
        say "Redis answers at $where"
    else
        fail "Redis did not answer at $where within ${WAIT_SECONDS}s. Start it by hand: redis-server --port $REDIS_PORT --save '' --appendonly no   (log: /var/log/redis/ci.log), or set REDIS_URL."
    fi
}

# --------------------------------------------------------------------------- Chromium

ensure_chromium() {
    if [[ -x "$CHROMIUM" ]]; then
        say "Chromium present at $CHROMIUM"
        return 0
    fi
    if can_apt; then
        apt_install chromium
    else
        fail "Chromium is missing at $CHROMIUM (needed by the browser tests). Install Debian's package as root: sudo apt-get install chromium"
        return 0
    fi
    if [[ -x "$CHROMIUM" ]]; then
        say "Chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    else
        fail "apt-get installed 'chromium' but $CHROMIUM is still missing."
    fi
}

# Chromium's own language packs: without them it speaks en-US whatever the page's language, and its date fields
# read mm/dd/yyyy in the browser tests and the user guide's screenshots. Not a failure: only the look changes.
ensure_chromium_vietnamese() {
    if [[ -f /usr/lib/chromium/locales/vi.pak ]]; then
        return 0
    fi
    if can_apt; then
        apt_install chromium-l10n || say "chromium-l10n could not be installed: Chromium's date fields stay mm/dd/yyyy"
    else
        say "Chromium has no Vietnamese language pack (apt-get install chromium-l10n): its date fields read mm/dd/yyyy"
    fi
}

ensure_postgres
ensure_redis
ensure_chromium
ensure_chromium_vietnamese

if ((${#FAILURES[@]})); then
    echo "ensure_services: ${#FAILURES[@]} problem(s); the test suite needs all of the above." >&2
    exit 1
fi
