#!/bin/sh
# The one production entrypoint: the container's (docker-compose.yml) and a bare machine's
# (`make smoke`, docs/deploy.md). Roles:
#   web        deploy (check --deploy, migrate, collectstatic, groups) then gunicorn on $BIND
#   scheduler  publish and unpublish scheduled pages every $PUBLISH_SCHEDULED_INTERVAL seconds
#   worker     make the pictures' renditions that imports and publishes queue (django-tasks-db)
#   manage ... any manage.py command with the production settings
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-actris_cms.settings.production}
role=${1:-web}
[ $# -gt 0 ] && shift

case "$role" in
  web)
    "$PYTHON" manage.py deploy ${DEPLOY_ARGS:-}
    exec "$PYTHON" -m gunicorn actris_cms.wsgi:application \
      --bind "${BIND:-0.0.0.0:8000}" \
      --workers "${WEB_WORKERS:-2}" \
      --threads "${WEB_THREADS:-1}" \
      --timeout "${WEB_TIMEOUT:-30}" \
      --graceful-timeout 20 \
      --max-requests 2000 --max-requests-jitter 200 --preload \
      --access-logfile - \
      --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
      "$@"
    ;;
  scheduler)
    interval=${PUBLISH_SCHEDULED_INTERVAL:-60}
    trap 'exit 0' TERM INT
    while true; do
      "$PYTHON" manage.py publish_scheduled || echo "publish_scheduled failed" >&2
      sleep "$interval" &
      wait $!
    done
    ;;
  worker)
    # Queued in PostgreSQL by imports and publishes; any number of workers may share the queue.
    exec "$PYTHON" manage.py db_worker --backend renditions --interval "${WORKER_INTERVAL:-1}" \
      --no-reload "$@"
    ;;
  manage)
    exec "$PYTHON" manage.py "$@"
    ;;
  *)
    echo "usage: $0 web|scheduler|worker|manage [args...]" >&2
    exit 64
    ;;
esac
