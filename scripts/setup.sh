#!/usr/bin/env bash
# Installs everything the workbench needs on a fresh Debian machine: Jupyter (for the notebooks and
# the report), headless Chromium (for the report's rendering check), redis-server (the queue tests
# start their own throwaway server) and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
need_apt=0
command -v jupyter >/dev/null 2>&1 || need_apt=1
command -v chromium >/dev/null 2>&1 || need_apt=1
command -v redis-server >/dev/null 2>&1 || need_apt=1
/usr/bin/python3 -c 'import nbclient, ipykernel, nbconvert' >/dev/null 2>&1 || need_apt=1
if [ "$need_apt" = 1 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel \
    jupyter-notebook chromium redis-server >/dev/null
fi

npm ci --no-audit --no-fund
