#!/usr/bin/env bash
# Runs a command with the local services up and their addresses in the environment.
# Variables already set (MONGODB_URI, REDIS_URL, ...) win over the local defaults.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/services.sh" up
eval "$(bash "$HERE/services.sh" env)"
exec "$@"
