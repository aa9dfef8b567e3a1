#!/usr/bin/env bash
# Back up the database and the uploaded files into one folder:
#   ops/backup.sh BACKUP_DIR
# Reads DATABASE_URL (PostgreSQL) and MEDIA_ROOT from the environment, as the app does.
set -euo pipefail
dest=${1:?usage: ops/backup.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
media=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
mkdir -p "$dest"
# Custom format: compressed, and pg_restore can restore it into an empty or existing database.
pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
( cd "$dest" && sha256sum database.dump media.tar.gz > SHA256SUMS )
echo "backup written to $dest"
