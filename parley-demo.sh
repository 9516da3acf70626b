#!/usr/bin/env bash
# The Parley demo, in one command: a server on its embedded database and three messenger windows, signed in as
# leo, roy and amy, who share a group chat ("Weekend trip") besides their one-to-one chats. Builds the image first if
# needed. Ctrl+C (or closing every window) stops everything.
#
#   ./parley-demo.sh            data in ./demo (kept between runs: the conversation is still there next time)
#   PARLEY_DEMO_DIR=/tmp/x ./parley-demo.sh
#   PARLEY_DEMO_WINDOWS=2 ./parley-demo.sh   leo and roy only (amy's window: see the note it prints)
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "parley-demo: JDK 25 is needed to build Parley; set JAVA_HOME to it" >&2
  exit 1
fi
export JAVA_HOME

image=$root/parley-image/target/image
newest_source=$(find "$root" -path "$root/*/src/*" -newer "$image/release" -print -quit 2>/dev/null || true)
if [ ! -x "$image/bin/parley" ] || [ -n "$newest_source" ]; then
  echo "parley-demo: building the image (./mvnw -B -q install -DskipTests) …"
  ./mvnw -B -q install -DskipTests
fi

data=${PARLEY_DEMO_DIR:-$root/demo}
mkdir -p "$data"
server_data=$data/server

"$image/bin/parley-server" register --user leo --password leo-password --nickname Leo --if-absent \
  --data-dir "$server_data" >/dev/null
"$image/bin/parley-server" register --user roy --password roy-password --nickname Roy --if-absent \
  --data-dir "$server_data" >/dev/null
"$image/bin/parley-server" register --user amy --password amy-password --nickname Amy --if-absent \
  --data-dir "$server_data" >/dev/null

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "parley-demo: stopped"
}
trap stop EXIT INT TERM

"$image/bin/parley-server" --port "${PARLEY_DEMO_PORT:-0}" --data-dir "$server_data" >"$data/server.log" 2>&1 &
pids+=($!)

url=""
for _ in $(seq 1 150); do
  url=$(sed -n 's/^ *WebSocket *\(ws:[^ ]*\).*/\1/p' "$data/server.log" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "parley-demo: the server did not start:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
if [ -z "$url" ]; then
  echo "parley-demo: the server did not report its address within 30 s (see $data/server.log)" >&2
  exit 1
fi
echo "parley-demo: server at $url (log: $data/server.log)"

# The group, once per demo directory: made by leo over REST (what the window's New group… does), with roy and amy.
if [ ! -f "$data/group-made" ]; then
  api=$(sed -n 's/^ *REST *\(http:[^ ]*\).*/\1/p' "$data/server.log" | head -n 1)
  if command -v curl >/dev/null && [ -n "$api" ]; then
    token=$("$image/bin/parley-server" token --user leo --data-dir "$server_data")
    if curl -fsS -X POST "$api/parley/chat/chatgroups" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"groupname":"Weekend trip","members":["roy","amy"]}' >/dev/null; then
      touch "$data/group-made"
    else
      echo "parley-demo: the group was not made; make one in leo's window (New group…)" >&2
    fi
  else
    echo "parley-demo: no curl here: make the group in leo's window (New group…, Ctrl+Shift+N)" >&2
  fi
fi

open_window() { # user password x theme [y]
  # 700 px wide: a window manager's border leaves the content over the 640 px where the list and the conversation
  # stand side by side
  PARLEY_PASSWORD=$2 "$image/bin/parley" --profile "demo-$1" --settings-dir "$data/$1" --url "$url" \
    --app-key 'parley#chat' --user "$1" --window-x "$3" --window-y "${5:-40}" --window-width 700 --window-height 640 \
    --theme "$4" >"$data/$1.log" 2>&1 &
  pids+=($!)
}
open_window leo leo-password 10 light
open_window roy roy-password 720 dark
if [ "${PARLEY_DEMO_WINDOWS:-3}" = 2 ]; then
  echo "parley-demo: two windows, leo and roy. Amy's, beside them:"
  echo "  PARLEY_PASSWORD=amy-password $image/bin/parley --profile demo-amy --settings-dir $data/amy --url $url --app-key 'parley#chat' --user amy"
else
  # the third overlaps the other two a little on a 1920-pixel screen; move it where it suits
  open_window amy amy-password 360 light 140
  echo "parley-demo: three windows, leo, roy and amy, with a group chat \"Weekend trip\"."
fi
echo "parley-demo: close every window, or press Ctrl+C, to stop."

# Stop when every window is closed (the server is the first pid).
wait "${pids[@]:1}" 2>/dev/null || true
