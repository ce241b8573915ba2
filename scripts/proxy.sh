#!/bin/sh
# The reverse proxy (nginx from Debian's packages): renders deploy/nginx.conf.template from the
# environment and runs nginx in the foreground. Used by the compose `proxy` service and by
# `make smoke` / bench on a bare machine.
#   APP_SERVERS     app servers, space separated (default 127.0.0.1:8000)
#   PROXY_LISTEN    address:port to listen on (default 0.0.0.0:80)
#   STATIC_ROOT, MEDIA_ROOT   folders served from disk
set -eu
cd "$(dirname "$0")/.."
: "${APP_SERVERS:=127.0.0.1:8000}"
: "${PROXY_LISTEN:=0.0.0.0:80}"
: "${PROXY_RUN_DIR:=$(pwd)/var/proxy}"
: "${PROXY_CACHE_DIR:=$PROXY_RUN_DIR/cache}"
: "${PROXY_ACCESS_LOG:=off}"
: "${PROXY_WORKERS:=auto}"
: "${PURGE_ALLOWED_FROM:=127.0.0.1}"
: "${STATIC_ROOT:=$(pwd)/var/static}"
: "${MEDIA_ROOT:=$(pwd)/var/media}"
: "${NGINX_MODULES:=/usr/lib/nginx/modules}"
: "${NGINX_MIME_TYPES:=/etc/nginx/mime.types}"
UPSTREAM_SERVERS=""
for server in $APP_SERVERS; do
  UPSTREAM_SERVERS="${UPSTREAM_SERVERS}        server ${server} max_fails=0;
"
done
export APP_SERVERS PROXY_LISTEN PROXY_RUN_DIR PROXY_CACHE_DIR PROXY_ACCESS_LOG PROXY_WORKERS \
  PURGE_ALLOWED_FROM STATIC_ROOT MEDIA_ROOT NGINX_MODULES NGINX_MIME_TYPES UPSTREAM_SERVERS
mkdir -p "$PROXY_RUN_DIR" "$PROXY_CACHE_DIR"
conf="$PROXY_RUN_DIR/nginx.conf"
envsubst '${APP_SERVERS} ${PROXY_LISTEN} ${PROXY_RUN_DIR} ${PROXY_CACHE_DIR} ${PROXY_ACCESS_LOG}
  ${PROXY_WORKERS} ${PURGE_ALLOWED_FROM} ${STATIC_ROOT} ${MEDIA_ROOT} ${NGINX_MODULES}
  ${NGINX_MIME_TYPES} ${UPSTREAM_SERVERS}' < deploy/nginx.conf.template > "$conf"
nginx -t -q -c "$conf" -p "$PROXY_RUN_DIR"
exec nginx -c "$conf" -p "$PROXY_RUN_DIR" -g "daemon off;"
