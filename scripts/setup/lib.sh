# Shared by the set-up scripts: run a command as root (directly, or through sudo).
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else echo "Voer uit als root: $*" >&2; return 1; fi; }
