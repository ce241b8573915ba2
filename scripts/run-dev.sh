#!/usr/bin/env bash
# `make run`: the development server plus the scheduler that publishes entries whose go-live
# time has come (Wagtail's publish_scheduled, every minute), stopped together.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
INTERVAL=${PUBLISH_SCHEDULED_INTERVAL:-60}

(
  while true; do
    "$PY" manage.py publish_scheduled >/dev/null || echo "publish_scheduled failed" >&2
    sleep "$INTERVAL"
  done
) &
scheduler=$!
trap 'kill "$scheduler" 2>/dev/null || true' EXIT INT TERM
echo "Scheduler started (publish_scheduled every ${INTERVAL}s)."
"$PY" manage.py runserver "$HOST:$PORT"
