#!/usr/bin/env bash
# README command 1: installs what is missing, builds the release app and serves it with the
# demo server at http://127.0.0.1:8080 (demo key: phx_demo_console).
# Extra arguments go to the server, e.g. `bash scripts/serve.sh --upstream https://eu.posthog.com`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --server
source scripts/env.sh
bash scripts/build-app.sh
cargo build --profile serve --offline -p server
exec target/serve/posthog-console-server --dist dist "$@"
