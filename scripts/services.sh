#!/usr/bin/env bash
# Backing services for the farm on one Debian machine: RabbitMQ and Redis from Debian, Azurite from npm.
# All listen on 127.0.0.1 only. Sourced by ./farm; state and logs live under $FARM_STATE (default .farm/).
# Every start_* waits until its service answers; stop_services stops only what these functions started.

FARM_ROOT=${FARM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
FARM_STATE=${FARM_STATE:-$FARM_ROOT/.farm}
AZURITE_VERSION=3.35.0
KUBECTL_VERSION=v1.32.4
RABBIT_NODE=rabbit@localhost
STARTED_SERVICES=()

log() { printf '[farm] %s\n' "$*" >&2; }

wait_for() { # wait_for <seconds> <description> <command...>
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then log "$what did not become ready in ${limit}s"; return 1; fi
    sleep 0.5
  done
}

install_services() {
  local missing=()
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v node >/dev/null || missing+=(nodejs npm)
  command -v curl >/dev/null || missing+=(curl)
  # Browser tests drive Debian's Chromium through Playwright (which cannot download a browser here).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The worker encodes its JPEGs with the system's libjpeg-turbo (its SIMD build; Skia's lacks the SIMD code).
  ldconfig -p | grep -q 'libturbojpeg\.so\.0' || missing+=(libturbojpeg0)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Debian's package starts its own RabbitMQ/Redis under systemd on some machines; ours are separate, on our ports.
  if [ ! -f "$FARM_STATE/tools/node_modules/azurite/dist/src/blob/main.js" ]; then
    log "installing azurite@$AZURITE_VERSION from npm"
    mkdir -p "$FARM_STATE/tools"
    npm install --silent --no-audit --no-fund --prefix "$FARM_STATE/tools" "azurite@$AZURITE_VERSION" >/dev/null
  fi
}

start_rabbitmq() {
  local dir=$FARM_STATE/rabbitmq
  export RABBITMQ_NODENAME=$RABBIT_NODE ERL_EPMD_ADDRESS=127.0.0.1
  if rabbitmq-diagnostics -q -n "$RABBIT_NODE" check_running >/dev/null 2>&1; then
    log "RabbitMQ already running"; return 0
  fi
  # Redis and Azurite keep nothing across a restart of the local farm, so neither does RabbitMQ. A fresh node also
  # does not recover the per-test quorum queues of earlier runs: after ~300 had piled up, a 2-core node stopped accepting
  # connections.
  rm -rf "$dir/mnesia"
  mkdir -p "$dir/mnesia" "$dir/log"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:5672
loopback_users.guest = true
# A painting job is acked when it ends; allow long jobs (ms) instead of the 30 min default closing the channel.
consumer_timeout = 3600000
CONF
  echo '[].' > "$dir/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$dir"
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log \
         RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
  rabbitmq-server -detached
  wait_for 60 RabbitMQ rabbitmq-diagnostics -q -n "$RABBIT_NODE" check_running || return 1
  STARTED_SERVICES+=(rabbitmq)
  # A poison job (one that kills every worker that takes it) is dead-lettered to paint-portrait-poison after 5
  # deliveries instead of taking workers down for ever. A policy, not queue arguments: MassTransit copies a receive
  # queue's arguments onto its _error queue, and a policy changes without redeclaring queues (docs/DEPLOY.md).
  # (RabbitMQ 3.10 knows no apply-to quorum_queues; delivery-limit only acts on quorum queues anyway.)
  rabbitmqctl -q -n "$RABBIT_NODE" set_policy --apply-to queues paint-poison '^paint-portrait(?!-poison$)' \
    '{"delivery-limit":5,"dead-letter-exchange":"","dead-letter-routing-key":"paint-portrait-poison"}' >/dev/null \
    || { log "could not set RabbitMQ's paint-poison policy"; return 1; }
  log "RabbitMQ ready on amqp://127.0.0.1:5672"
}

stop_rabbitmq() {
  # A wedged node does not answer shutdown either: after a minute its Erlang VM is killed.
  RABBITMQ_NODENAME=$RABBIT_NODE ERL_EPMD_ADDRESS=127.0.0.1 timeout 60 rabbitmqctl -q -n "$RABBIT_NODE" shutdown >/dev/null 2>&1 \
    || pkill -KILL -u rabbitmq -x beam.smp || true
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then log "Redis already running"; return 0; fi
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --pidfile "$FARM_STATE/redis.pid" --logfile "$FARM_STATE/redis.log"
  wait_for 20 Redis sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG' || return 1
  STARTED_SERVICES+=(redis)
  log "Redis ready on 127.0.0.1:6379"
}

stop_redis() { redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true; }

azurite_up() { (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; }

start_azurite() {
  if azurite_up; then log "Azurite already running"; return 0; fi
  # Started with node directly: killing an npx wrapper would leave node running. --disableTelemetry: Azurite 3.35
  # sends usage telemetry to Application Insights by default; nothing of the farm's leaves the machine, and without
  # a network its sender kept retrying for minutes after SIGTERM, holding the process (and port 10000) open.
  nohup node "$FARM_STATE/tools/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort 10000 \
    --inMemoryPersistence --skipApiVersionCheck --loose --silent --disableTelemetry > "$FARM_STATE/azurite.log" 2>&1 &
  echo $! > "$FARM_STATE/azurite.pid"
  wait_for 30 Azurite azurite_up || return 1
  STARTED_SERVICES+=(azurite)
  log "Azurite ready on http://127.0.0.1:10000"
}

stop_azurite() {
  [ -f "$FARM_STATE/azurite.pid" ] || return 0
  local pid
  pid=$(cat "$FARM_STATE/azurite.pid")
  rm -f "$FARM_STATE/azurite.pid"
  kill "$pid" 2>/dev/null || return 0
  # Stopped means gone: wait for it to exit (it closes its server first), then stop waiting for it.
  local _
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "Azurite ($pid) still running 5 s after SIGTERM; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

# deploy/k8s/validate renders the overlays with `kubectl kustomize`, which needs kustomize v4 or later (Debian's
# kubernetes-client 1.20 embeds v2). Where no such kubectl is on PATH, the pinned release is fetched from dl.k8s.io
# and checked against the SHA-256 published beside it (Kubernetes' documented install), into $FARM_STATE/tools/bin.
ensure_kubectl() {
  local bin=$FARM_STATE/tools/bin
  export PATH="$bin:$PATH"
  local kustomize
  kustomize=$(kubectl version --client -o json 2>/dev/null | sed -n 's/.*"kustomizeVersion": *"v\{0,1\}\([0-9]*\).*/\1/p')
  if [ "${kustomize:-0}" -ge 4 ] 2>/dev/null; then return 0; fi
  log "installing kubectl $KUBECTL_VERSION from dl.k8s.io (manifest rendering needs kustomize v4+)"
  mkdir -p "$bin"
  local url=https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/amd64/kubectl
  curl -fsSL -o "$bin/kubectl.download" "$url" && curl -fsSL -o "$bin/kubectl.sha256" "$url.sha256" \
    && echo "$(cat "$bin/kubectl.sha256")  $bin/kubectl.download" | sha256sum --check --quiet \
    && chmod +x "$bin/kubectl.download" && mv "$bin/kubectl.download" "$bin/kubectl" \
    || { log "could not install kubectl: the manifest tests will say so"; rm -f "$bin/kubectl.download"; return 0; }
}

start_services() {
  mkdir -p "$FARM_STATE"
  install_services
  start_rabbitmq && start_redis && start_azurite && prepare_gallery_credentials
}

# The public Gallery gets only what it needs (docs/PRIVACY.md): a Redis user that reaches the gallery:* keys alone,
# and a SAS for the gallery container alone (read, delete), never the account key, so it cannot see an upload.
# RENDERFARM_GALLERY_REDIS and RENDERFARM_GALLERY_CONTAINER are what ./farm up gives the Gallery and what
# GalleryCredentialsTests checks. deploy/k8s/overlays/dev/redis.yaml grants the same rules (BrokerPolicyTests).
GALLERY_REDIS_ACL=(resetkeys '~gallery:*' resetchannels -@all +@read +@write +@scripting +@transaction +@connection +info +ping)

prepare_gallery_credentials() {
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  redis-cli -h 127.0.0.1 -p 6379 ACL SETUSER gallery reset on ">$password" "${GALLERY_REDIS_ACL[@]}" >/dev/null \
    || { log "could not create the Gallery's Redis user"; return 1; }
  export RENDERFARM_GALLERY_REDIS="127.0.0.1:6379,user=gallery,password=$password"
  RENDERFARM_GALLERY_CONTAINER=$(gallery_sas_url rd "$(date -u -d '+7 days' +%Y-%m-%dT%H:%M:%SZ)")
  export RENDERFARM_GALLERY_CONTAINER
}

# The gallery container's URL on the local Azurite with a service SAS (sr=c) signed by Azurite's public development
# key: gallery_sas_url <permissions> <expiry, ISO 8601 UTC>.
gallery_sas_url() {
  local account=devstoreaccount1 key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
  local sp=$1 se=$2 sv=2025-11-05 sr=c sts hexkey sig
  # String-to-sign: permissions, start, expiry, resource, identifier, IP, protocol, version, resource type,
  # snapshot, encryption scope and five response headers, one per line, empty ones included.
  printf -v sts '%s\n\n%s\n%s\n\n\n\n%s\n%s\n\n\n\n\n\n\n' "$sp" "$se" "/blob/$account/gallery" "$sv" "$sr"
  hexkey=$(printf '%s' "$key" | base64 -d | od -An -v -tx1 | tr -d ' \n')
  sig=$(printf '%s' "$sts" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64 | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
  printf 'http://127.0.0.1:10000/%s/gallery?sv=%s&sr=%s&sp=%s&se=%s&sig=%s' "$account" "$sv" "$sr" "$sp" "${se//:/%3A}" "$sig"
}

# Stops only the services this shell started, so a developer's own running services are left alone.
stop_services() {
  local s
  for s in "${STARTED_SERVICES[@]}"; do
    log "stopping $s"
    "stop_$s"
  done
  STARTED_SERVICES=()
}

# Connection settings the .NET services and tests read (ConnectionStrings__*).
export ConnectionStrings__rabbitmq=${ConnectionStrings__rabbitmq:-amqp://guest:guest@127.0.0.1:5672/}
export ConnectionStrings__redis=${ConnectionStrings__redis:-127.0.0.1:6379}
export ConnectionStrings__blobs=${ConnectionStrings__blobs:-UseDevelopmentStorage=true}
