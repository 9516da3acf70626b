#!/usr/bin/env bash
# Runs the Parley server from the build tree on JDK 25: ./parley-server.sh [flags] | token … | register …
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -x "$JAVA_HOME/bin/java" ] || { echo "parley-server: JDK 25 not found; set JAVA_HOME" >&2; exit 1; }
jar=parley-server/target/parley-server-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ ! -f parley-server/target/modules.txt ]; then
  echo "parley-server: building it first (./mvnw -B -q install -DskipTests)…" >&2
  JAVA_HOME=$JAVA_HOME ./mvnw -B -q install -DskipTests >&2
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=org.xerial.sqlitejdbc,dev.parley.server \
  --module-path "$jar:$(cat parley-server/target/modules.txt)" \
  --module dev.parley.server/dev.parley.server.cli.Main "$@"
