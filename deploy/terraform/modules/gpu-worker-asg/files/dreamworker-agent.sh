#!/usr/bin/env bash
# dreamworker-agent: runs on every instance of the GPU worker group (systemd unit
# dreamworker-agent.service, installed by the launch template's user data) and ties the worker's
# container to the Auto Scaling lifecycle. Every POLL_SECONDS it reads the instance's target
# lifecycle state from instance metadata (IMDSv2) and acts:
#
#   Warmed:*     first boot into the warm pool: pull the image and fetch the bundle onto the
#                instance's volume, then complete the launch hook (the instance is stopped; a
#                later scale-out starts it with the slow work done). A worker running here (an
#                instance going back to the pool on scale-in) is drained first.
#   InService    start the worker's container; complete the launch hook once /readyz answers 200,
#                so the group counts the instance only when it serves (or when the hook times out,
#                for a worker that gets no partitions). While the worker holds jobs, keep the
#                instance protected from scale-in (PROTECT_WHILE_BUSY).
#   Terminated   drain: `docker stop` with the drain deadline (SIGTERM reaches the JVM through
#                tini; the worker stops fetching, finishes or hands back its jobs, commits, leaves
#                the group), then complete the termination hook so the instance goes.
#   Standby, Detached   drain, no hook.
#
# A spot interruption notice drains at once: EC2 reclaims the instance two minutes later whatever
# the group does. The agent never stops on an error: it logs, and the next round retries.
#
# Configuration: the file AGENT_CONFIG (default /etc/dreamworker/agent.env), written by the user
# data. `dreamworker-agent --once` runs a single round (the tests do).
set -uo pipefail

AGENT_CONFIG="${AGENT_CONFIG:-/etc/dreamworker/agent.env}"
# shellcheck source=/dev/null
[ -f "$AGENT_CONFIG" ] && . "$AGENT_CONFIG"

: "${ASG_NAME:?ASG_NAME missing from $AGENT_CONFIG}"
: "${IMAGE:?IMAGE missing from $AGENT_CONFIG}"
: "${LAUNCH_HOOK:?LAUNCH_HOOK missing from $AGENT_CONFIG}"
: "${TERMINATE_HOOK:?TERMINATE_HOOK missing from $AGENT_CONFIG}"
CONTAINER="${CONTAINER:-dreamworker}"
WORKER_ENV_FILE="${WORKER_ENV_FILE:-/etc/dreamworker/worker.env}"
WORKER_CONFIG_FILE="${WORKER_CONFIG_FILE:-}"
BUNDLE_S3_URI="${BUNDLE_S3_URI:-}"
BUNDLE_HOST_DIR="${BUNDLE_HOST_DIR:-/var/lib/dreamworker/bundle}"
# The image's user (deploy/docker/Dockerfile), who must own the bundle directory.
WORKER_UID="${WORKER_UID:-10001}"
HTTP_PORT="${HTTP_PORT:-8080}"
DRAIN_SECONDS="${DRAIN_SECONDS:-60}"
# Beyond the worker's drain deadline: committing and leaving the group after the last job.
STOP_GRACE_SECONDS="${STOP_GRACE_SECONDS:-20}"
POLL_SECONDS="${POLL_SECONDS:-5}"
GPU_FLAGS="${GPU_FLAGS:---gpus all}"
LOG_GROUP="${LOG_GROUP:-}"
PROTECT_WHILE_BUSY="${PROTECT_WHILE_BUSY:-false}"
PROTECT_IDLE_SECONDS="${PROTECT_IDLE_SECONDS:-120}"
PROTECT_MAX_SECONDS="${PROTECT_MAX_SECONDS:-1800}"
STATE_DIR="${AGENT_STATE_DIR:-/run/dreamworker-agent}"
IMDS="${IMDS_ENDPOINT:-http://169.254.169.254}"

log() { echo "dreamworker-agent: $*"; }
now() { echo "${AGENT_NOW:-$(date +%s)}"; }
mark() { touch "$STATE_DIR/$1"; }
marked() { [ -f "$STATE_DIR/$1" ]; }

imds() { # path -> value on stdout; fails when absent (404) or unreachable
  local token
  token="$(curl -sf -m 2 -X PUT "$IMDS/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300")" || return 1
  curl -sf -m 2 -H "X-aws-ec2-metadata-token: $token" "$IMDS/latest/meta-data/$1"
}

worker_running() {
  [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = "true" ]
}

worker_ready() {
  curl -sf -m 3 -o /dev/null "http://127.0.0.1:$HTTP_PORT/readyz"
}

jobs_in_flight() { # the worker's dreamworker_jobs_in_flight gauge, 0 when unreadable
  curl -sf -m 3 "http://127.0.0.1:$HTTP_PORT/metrics" 2>/dev/null \
    | awk '/^dreamworker_jobs_in_flight[ {]/ { sum += $NF } END { printf "%d\n", sum + 0 }'
}

registry_login() { # ECR needs a token; other registries are public or configured on the AMI
  local registry="${IMAGE%%/*}"
  case "$registry" in
    *.dkr.ecr.*.amazonaws.com|*.dkr.ecr.*.amazonaws.com.cn)
      aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$registry" >/dev/null
      ;;
  esac
}

pull_image() {
  if docker image inspect "$IMAGE" >/dev/null 2>&1; then
    return 0
  fi
  log "pulling $IMAGE"
  registry_login && docker pull "$IMAGE" >/dev/null
}

complete_hook() { # hook name -> completes this instance's pending action of that hook
  local hook="$1" instance
  instance="$(imds instance-id)" || { log "no instance id from instance metadata"; return 1; }
  if aws autoscaling complete-lifecycle-action --region "$AWS_REGION" --auto-scaling-group-name "$ASG_NAME" \
      --lifecycle-hook-name "$hook" --instance-id "$instance" --lifecycle-action-result CONTINUE >/dev/null 2>&1; then
    log "completed lifecycle hook $hook"
  else
    # No action pending (the hook timed out, or the instance was never held): nothing to complete.
    log "lifecycle hook $hook had no pending action for $instance"
  fi
}

protect() { # true|false -> sets this instance's scale-in protection
  local instance flag=--no-protected-from-scale-in
  [ "$1" = true ] && flag=--protected-from-scale-in
  instance="$(imds instance-id)" || return 1
  if aws autoscaling set-instance-protection --region "$AWS_REGION" --auto-scaling-group-name "$ASG_NAME" \
      --instance-ids "$instance" "$flag" >/dev/null; then
    log "scale-in protection $1"
    if [ "$1" = true ]; then echo "$(now)" > "$STATE_DIR/protected-since"; else rm -f "$STATE_DIR/protected-since"; fi
  fi
}

prepare_bundle_dir() {
  mkdir -p "$BUNDLE_HOST_DIR" && chown "$WORKER_UID:$WORKER_UID" "$BUNDLE_HOST_DIR"
}

fetch_bundle() { # the warm pool's slow step, done before the instance is first stopped
  [ -n "$BUNDLE_S3_URI" ] || return 0
  prepare_bundle_dir || return 1
  log "fetching the bundle $BUNDLE_S3_URI into $BUNDLE_HOST_DIR"
  # shellcheck disable=SC2086 # GPU flags are not needed to fetch; the rest is one word each
  docker run --rm --network host --env-file "$WORKER_ENV_FILE" \
    -v "$BUNDLE_HOST_DIR:/models/bundle" "$IMAGE" bundle fetch "$BUNDLE_S3_URI" /models/bundle \
    && printf '%s\n' "$BUNDLE_S3_URI" > "$BUNDLE_HOST_DIR/.dreamworker-fetched-from"
}

start_worker() {
  pull_image || { log "cannot pull $IMAGE yet"; return 1; }
  prepare_bundle_dir || return 1
  docker rm -f "$CONTAINER" >/dev/null 2>&1
  local args=(run -d --name "$CONTAINER" --restart unless-stopped --network host
    --stop-timeout "$((DRAIN_SECONDS + STOP_GRACE_SECONDS))"
    --env-file "$WORKER_ENV_FILE" -v "$BUNDLE_HOST_DIR:/models/bundle")
  # shellcheck disable=SC2206 # GPU_FLAGS is a list of words by design
  args+=($GPU_FLAGS)
  [ -n "$BUNDLE_S3_URI" ] && args+=(-e "DREAMWORKER_BUNDLE_S3_URI=$BUNDLE_S3_URI")
  [ -n "$WORKER_CONFIG_FILE" ] && args+=(-v "$WORKER_CONFIG_FILE:/etc/dreamworker/worker.yaml:ro")
  if [ -n "$LOG_GROUP" ]; then
    args+=(--log-driver awslogs --log-opt "awslogs-region=$AWS_REGION" --log-opt "awslogs-group=$LOG_GROUP"
      --log-opt "awslogs-stream=$(imds instance-id || hostname)")
  fi
  log "starting the worker ($IMAGE)"
  docker "${args[@]}" "$IMAGE" >/dev/null
}

drain_worker() { # reason
  if worker_running; then
    log "draining the worker ($1), up to $((DRAIN_SECONDS + STOP_GRACE_SECONDS))s"
    docker stop -t "$((DRAIN_SECONDS + STOP_GRACE_SECONDS))" "$CONTAINER" >/dev/null
    log "the worker stopped"
  fi
}

spot_interrupted() {
  imds spot/instance-action >/dev/null 2>&1
}

keep_protection_in_step() { # scale-in protection while the worker holds jobs, bounded in time
  [ "$PROTECT_WHILE_BUSY" = true ] || return 0
  local t busy recently_busy=false protected=false want
  t="$(now)"
  busy="$(jobs_in_flight)"
  [ "${busy:-0}" -gt 0 ] && echo "$t" > "$STATE_DIR/last-busy"
  if [ -f "$STATE_DIR/last-busy" ] && [ $((t - $(cat "$STATE_DIR/last-busy"))) -lt "$PROTECT_IDLE_SECONDS" ]; then
    recently_busy=true
  fi
  # Once idle for PROTECT_IDLE_SECONDS the cap below is lifted again.
  [ "$recently_busy" = false ] && rm -f "$STATE_DIR/capped"
  want="$recently_busy"
  marked capped && want=false
  if [ -f "$STATE_DIR/protected-since" ]; then
    protected=true
    # A worker that is never idle must not block scale-in for ever.
    if [ $((t - $(cat "$STATE_DIR/protected-since"))) -ge "$PROTECT_MAX_SECONDS" ]; then
      want=false
      mark capped
    fi
  fi
  [ "$want" != "$protected" ] && protect "$want"
  return 0
}

round() {
  local state
  state="$(imds autoscaling/target-lifecycle-state)" || { log "no target lifecycle state yet"; return 0; }

  if spot_interrupted && ! marked spot-drained; then
    drain_worker "spot interruption notice"
    mark spot-drained
  fi

  case "$state" in
    Warmed:Terminated)
      ;;
    Warmed:*)
      # Entering the pool, first or again after a scale-in: the launch hook holds the instance.
      drain_worker "going to the warm pool"
      if ! marked warm-prepared; then
        pull_image && fetch_bundle && mark warm-prepared
      fi
      if marked warm-prepared && ! marked warm-completed; then
        complete_hook "$LAUNCH_HOOK" && mark warm-completed && rm -f "$STATE_DIR/ready-completed"
      fi
      ;;
    InService)
      if marked spot-drained; then
        return 0 # reclaimed within two minutes: starting again would only be killed
      fi
      if ! worker_running && ! marked stopped-for-good; then
        start_worker || return 0
      fi
      if ! marked ready-completed && worker_ready; then
        complete_hook "$LAUNCH_HOOK" && mark ready-completed && rm -f "$STATE_DIR/warm-completed"
      fi
      keep_protection_in_step
      ;;
    Terminated)
      if ! marked terminate-completed; then
        drain_worker "the group terminates this instance"
        mark stopped-for-good
        complete_hook "$TERMINATE_HOOK" && mark terminate-completed
      fi
      ;;
    Standby|Detached)
      drain_worker "instance $state"
      ;;
    *)
      log "target lifecycle state '$state': nothing to do"
      ;;
  esac
}

mkdir -p "$STATE_DIR"
if [ "${1:-}" = --once ]; then
  round
  exit 0
fi
log "watching the lifecycle of group $ASG_NAME every ${POLL_SECONDS}s"
while true; do
  round
  sleep "$POLL_SECONDS"
done
