# Sourced by the scripts: where the tools live, and trunk's offline settings.
export PHC_TOOLS_DIR="${PHC_TOOLS_DIR:-$HOME/.local/share/posthog-console-tools}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PHC_TOOLS_DIR/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
