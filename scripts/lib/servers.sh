# Starting real servers on 127.0.0.1 for tests and benchmarks. Source it; it needs $work (a
# scratch directory) and appends to the pids array, which the caller stops on exit.
postgres_dirs=()

log() { printf '==> %s\n' "$*" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for URL EXPECTED-STATUS NAME LOG
wait_for() {
    for _ in $(seq 1 100); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "$2" ]; then return 0; fi
        sleep 0.1
    done
    log "$3 did not start; its log:"; cat "$4" >&2; exit 1
}

# Installs Debian packages that are missing: install_packages package[:command] ...
install_packages() {
    local need=() item package command
    for item in "$@"; do
        package=${item%%:*}; command=${item#*:}
        if [ "$command" != "$item" ]; then
            command -v "$command" >/dev/null 2>&1 || need+=("$package")
        else
            dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
        fi
    done
    if ((${#need[@]})); then
        log "installing ${need[*]}"
        local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
}

# Starts InfluxDB 1.x on a free port; sets INFLUX_URL.
start_influxdb() {
    local port rpc_port
    port=$(free_port); rpc_port=$(free_port)
    mkdir -p "$work/influxdb"
    cat > "$work/influxdb/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"
[meta]
  dir = "$work/influxdb/meta"
[data]
  dir = "$work/influxdb/data"
  wal-dir = "$work/influxdb/wal"
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
  max-body-size = 0
CONF
    influxd run -config "$work/influxdb/influxdb.conf" -pidfile "$work/influxdb/pid" >"$work/influxdb/log" 2>&1 &
    pids+=($!)
    wait_for "http://127.0.0.1:$port/ping" 204 InfluxDB "$work/influxdb/log"
    INFLUX_URL="http://127.0.0.1:$port"
    log "InfluxDB on 127.0.0.1:$port"
}

# Starts a throwaway PostgreSQL on a free port: initdb in a temporary directory the postgres user
# owns, password authentication for its superuser. Sets POSTGRES_URL, POSTGRES_BIN, POSTGRES_DATA.
start_postgres() {
    local port dir password=velodrome-test-password
    port=$(free_port)
    POSTGRES_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    dir=$(mktemp -d /tmp/velodrome-postgres.XXXXXX)
    chown postgres "$dir"
    echo "$password" > "$dir/password"
    chown postgres "$dir/password"
    POSTGRES_DATA="$dir/data"
    runuser -u postgres -- "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres --auth=scram-sha-256 --pwfile="$dir/password" \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test server need not survive a power cut, and it makes the suite faster.
    cat >> "$POSTGRES_DATA/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF
    runuser -u postgres -- "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -l "$dir/log" -w start >/dev/null \
        || { log "PostgreSQL did not start; its log:"; cat "$dir/log" >&2; exit 1; }
    postgres_dirs+=("$dir")
    POSTGRES_URL="postgres://postgres:$password@127.0.0.1:$port/postgres?sslmode=disable"
    log "PostgreSQL on 127.0.0.1:$port"
}

stop_servers() {
    for dir in "${postgres_dirs[@]}"; do
        runuser -u postgres -- "$POSTGRES_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$dir"
    done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
