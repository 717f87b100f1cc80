#!/bin/sh
# Entry point of the compose Redis: writes the ACL file from the environment, then starts
# Redis through the image's own entrypoint (which drops to the redis user).
# - one user per app service (users, products, orders, gateway), each with its own password,
#   stored as a SHA-256 hash: no password is on a command line or in the data volume; a
#   service's worker container logs in as its service;
# - the default user is off, so a client without credentials can do nothing;
# - `healthcheck` may run PING and nothing else, so the health check needs no secret.
set -eu
acl_file=${FEDSHOP_REDIS_ACL_FILE:-/tmp/fedshop-users.acl}
umask 077

sha256() { printf '%s' "$1" | sha256sum | cut -d ' ' -f 1; }

service_user() {
  if [ -z "$2" ]; then
    echo "start-redis: the password of the Redis user '$1' is not set" >&2
    exit 1
  fi
  # Everything the services use (keys, pub/sub, scripts), but no server administration.
  echo "user $1 on #$(sha256 "$2") ~* &* +@all -flushall -flushdb -shutdown -debug -config|set -config|rewrite -acl|setuser -acl|deluser -acl|load -acl|save -module -replicaof -slaveof -failover -monitor"
}

{
  echo 'user default off'
  echo 'user healthcheck on nopass resetkeys resetchannels -@all +ping'
  service_user users "${REDIS_USERS_PASSWORD:-}"
  service_user products "${REDIS_PRODUCTS_PASSWORD:-}"
  service_user orders "${REDIS_ORDERS_PASSWORD:-}"
  service_user gateway "${REDIS_GATEWAY_PASSWORD:-}"
} >"$acl_file"
if [ "$(id -u)" = 0 ]; then chown redis:redis "$acl_file"; fi

exec docker-entrypoint.sh "$@" --aclfile "$acl_file"
