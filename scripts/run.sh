#!/usr/bin/env bash
# Run the whole system in the foreground: web + Celery worker + Celery beat.
#   web:    http://127.0.0.1:${PORT:-8000}  (runserver; static files served by WhiteNoise)
#   worker: celery -A config worker --pool=solo
#   beat:   celery -A config beat (schedule file in var/)
# Ctrl-C (or TERM) stops all three; if any one of them dies, the others are stopped too.
# Normally started by `make run`, after migrate/collectstatic/seed_demo.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${VENV:-.venv}/bin"
PORT="${PORT:-8000}"
VAR_DIR="${VAR_DIR:-var}"
export PYTHONUNBUFFERED=1
# The demo shows the public page (/public/); a deployment turns it on with PUBLIC_PAGE_ENABLED=true.
export PUBLIC_PAGE_ENABLED="${PUBLIC_PAGE_ENABLED:-true}"
# Links in the demo's e-mails point at this server, whatever port it runs on.
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
# The reference province listens beside the web server (8765 for the default 8000): a second demo on another PORT
# gets its own province instead of failing on a port in use.
export PROVINCE_ENDPOINT="${PROVINCE_ENDPOINT:-http://127.0.0.1:$((PORT + 765))/packages}"

if [[ ! -x "$BIN/python" ]]; then
    echo "run.sh: $BIN/python not found; run 'make run' (it creates the virtualenv)." >&2
    exit 1
fi
mkdir -p "$VAR_DIR" "$VAR_DIR/broker/queue" "$VAR_DIR/broker/processed" "$VAR_DIR/broker/control" "$VAR_DIR/media"

PIDS=()

# start NAME COMMAND...: run in the background, each output line prefixed with [NAME].
start() {
    local name=$1
    shift
    "$@" > >(awk -v p="[$name] " '{ print p $0; fflush() }') 2>&1 &
    PIDS+=($!)
}

STOPPING=0
# shellcheck disable=SC2329  # called from the traps below
stop_all() {
    [[ $STOPPING == 1 ]] && return
    STOPPING=1
    trap - INT TERM
    echo "run.sh: stopping web, worker and beat..."
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    # Give them ~10 s (the worker finishes its current task), then insist.
    for _ in $(seq 1 20); do
        local alive=0
        for pid in "${PIDS[@]}"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        [[ $alive == 0 ]] && break
        sleep 0.5
    done
    for pid in "${PIDS[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

start province "$BIN/python" manage.py province_stub
start worker "$BIN/celery" -A config worker --pool=solo -l info
start beat "$BIN/celery" -A config beat -l info -s "$VAR_DIR/celerybeat-schedule"
start web "$BIN/python" manage.py runserver "127.0.0.1:$PORT" --noreload

echo "run.sh: web on http://127.0.0.1:$PORT/ (worker and beat running); Ctrl-C to stop."

# Wait until one of the three exits (or a signal arrives), then stop the rest.
status=0
wait -n "${PIDS[@]}" || status=$?
if [[ $STOPPING == 0 ]]; then
    echo "run.sh: a process exited (status $status); stopping the others." >&2
fi
exit "$status"
