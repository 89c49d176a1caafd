#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, user postgres, trust auth on loopback) and Redis (127.0.0.1:6379)
# answer, starting them when they do not. Tests connect as TEST_DATABASE_URL / TEST_REDIS_URL say, or to
# those defaults; each test creates its own database (test/helpers/postgres.ts).
set -euo pipefail
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if [ -z "${TEST_DATABASE_URL:-}" ] && ! pg_up; then
  echo "Starting PostgreSQL on 127.0.0.1:5432…"
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    echo "PostgreSQL is installed but has no cluster: create one with pg_createcluster" >&2
    exit 1
  fi
  conf="/etc/postgresql/$version/main"
  # Loopback only, and trust for local connections: a throwaway test cluster, never a production one.
  if ! grep -q '^# ensure-services' "$conf/pg_hba.conf"; then
    {
      echo '# ensure-services: trust on loopback for the test suite'
      echo 'local all all trust'
      echo 'host all all 127.0.0.1/32 trust'
      echo 'host all all ::1/128 trust'
      cat "$conf/pg_hba.conf"
    } > "$conf/pg_hba.conf.new" && mv "$conf/pg_hba.conf.new" "$conf/pg_hba.conf"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL did not start" >&2; exit 1; }
fi

if [ -z "${TEST_REDIS_URL:-}" ] && ! redis_up; then
  echo "Starting Redis on 127.0.0.1:6379…"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/tests.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "Redis did not start" >&2; exit 1; }
fi
