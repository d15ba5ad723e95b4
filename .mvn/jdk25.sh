# Sourced by mvnw, mmo and .ci/run: use a JDK 25 even where the default java is older.
# Keeps JAVA_HOME when it already points at JDK 25 or newer.
mmo_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
if [ -z "${JAVA_HOME-}" ] || [ "$(mmo_java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
  set +f # mvnw runs with globbing off
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /opt/java/openjdk; do
    if [ -x "$candidate/bin/java" ] && [ "$(mmo_java_major "$candidate")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      break
    fi
  done
fi
