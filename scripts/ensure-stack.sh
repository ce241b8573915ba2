#!/usr/bin/env bash
# What the production stack needs on a bare machine (Debian packages): PostgreSQL, Redis, nginx
# with the cache purge module, envsubst, and wrk for the benchmark. Installed when missing.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v nginx >/dev/null || need+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || need+=(libnginx-mod-http-cache-purge)
command -v envsubst >/dev/null || need+=(gettext-base)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]}..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing: ${need[*]} (apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
