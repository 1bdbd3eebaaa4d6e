#!/usr/bin/env bash
# The image's HEALTHCHECK (installed as bin/healthcheck): healthy when the worker's GET /readyz
# answers 200 (bundle loaded, partitions assigned). Bash's /dev/tcp, so the image needs no curl.
# Environment: DREAMWORKER_HTTP_PORT (default 8080), HEALTHCHECK_TIMEOUT_SECONDS (default 4).
set -uo pipefail

port="${DREAMWORKER_HTTP_PORT:-8080}"
timeout="${HEALTHCHECK_TIMEOUT_SECONDS:-4}"

exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo "healthcheck: nothing listens on 127.0.0.1:$port" >&2; exit 1; }
printf 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
if ! IFS= read -r -t "$timeout" status <&3; then
  echo "healthcheck: no answer from /readyz within ${timeout}s" >&2
  exit 1
fi
status="${status%$'\r'}"
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *)
    # The body's one-line JSON reason, for `docker inspect`.
    reason="$(sed -n '/^\r*$/,$p' <&3 | tr -d '\r' | sed '/^$/d' | head -c 300)"
    echo "healthcheck: /readyz answered '$status' ${reason}" >&2
    exit 1
    ;;
esac
