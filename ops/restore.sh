#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh:
#   ops/restore.sh BACKUP_DIR
# into the database of DATABASE_URL (its tables are replaced) and the folder MEDIA_ROOT.
# Stop the web and worker processes first.
set -euo pipefail
src=${1:?usage: ops/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
media=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
( cd "$src" && sha256sum --check --quiet SHA256SUMS )
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
echo "restored $src"
