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
# mvnw and mmo stop with one line when there is none (Maven could not even start: .mvn/jvm.config needs JDK 25).
mmo_require_jdk25() {
  mmo_found=
  [ -z "${JAVA_HOME-}" ] || mmo_found=$(mmo_java_major "$JAVA_HOME" 2>/dev/null || true)
  case $mmo_found in
    '' | *[!0-9]*) ;;
    *) [ "$mmo_found" -lt 25 ] || return 0 ;;
  esac
  echo "prerequisites: missing JDK 25 (${JAVA_HOME:+JAVA_HOME=$JAVA_HOME is Java ${mmo_found:-?}, }none under" \
    "/usr/lib/jvm) - install: sudo apt-get install openjdk-25-jdk-headless (Debian 13; elsewhere any JDK 25, e.g." \
    "Temurin, with JAVA_HOME pointing at it)" >&2
  return 1
}
