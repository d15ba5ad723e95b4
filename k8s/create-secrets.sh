#!/usr/bin/env bash
# Creates the Secrets that the k8s/ base and k8s/monitoring/ use but do not contain (see kustomization.yaml for why):
#   mmo-auth-keys  private.pem, public.pem   auth-service's RSA signing key pair (PKCS#8 and X.509 PEM)
#   mmo-postgres   username, password        the database user of PostgreSQL, auth-service and world-service
#   mmo-link       secret                    what gateways present on world's and chat's /link (docs/security.md)
#   mmo-grafana    admin-password            Grafana's admin password (k8s/monitoring/grafana.yaml)
# The Ingress's TLS certificate (mmo-tls) is not made here: it comes from your CA or cert-manager (docs/deploy.md).
# A Secret that already exists is left alone: a new key pair would log every player out, a new database
# password would no longer match the one PostgreSQL was initialised with, and a new link secret is rotated in
# steps (docs/security.md), not swapped under running pods.
#
#   k8s/create-secrets.sh [-n NAMESPACE]             create what is missing, in the current or the given namespace
#   k8s/create-secrets.sh [-n NAMESPACE] --dry-run   print the Secrets as YAML with fresh values (what
#                                                    `kubectl create secret generic --dry-run=client -o yaml` prints)
# Needs openssl (and base64); creating them needs kubectl and a cluster, the dry run neither.
set -euo pipefail

namespace=
dry_run=false
while (($#)); do
  case $1 in
    -n | --namespace) namespace=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "usage: $0 [-n NAMESPACE] [--dry-run]" >&2; exit 2 ;;
  esac
done
need() { # <command> <Debian package>
  command -v "$1" >/dev/null || { echo "create-secrets.sh: $1 is missing (Debian: apt-get install $2)" >&2; exit 1; }
}
need openssl openssl
need base64 coreutils
$dry_run || need kubectl kubernetes-client

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# <name>: a Secret with one key per file of $work/<name>/
create_secret() {
  local name=$1 file
  if $dry_run; then
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n' "$name"
    [[ -z $namespace ]] || printf '  namespace: %s\n' "$namespace"
    printf 'data:\n'
    for file in "$work/$name"/*; do
      printf '  %s: %s\n' "${file##*/}" "$(base64 -w 0 "$file")"
    done
    echo ---
  elif kubectl get secret ${namespace:+--namespace "$namespace"} "$name" >/dev/null 2>&1; then
    echo "secret/$name exists; left as it is"
  else
    kubectl create secret generic ${namespace:+--namespace "$namespace"} "$name" --from-file="$work/$name"
  fi
}

mkdir "$work/mmo-auth-keys" "$work/mmo-postgres"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/mmo-auth-keys/private.pem" 2>/dev/null
openssl pkey -in "$work/mmo-auth-keys/private.pem" -pubout -out "$work/mmo-auth-keys/public.pem"
create_secret mmo-auth-keys

printf %s mmo >"$work/mmo-postgres/username"
openssl rand -hex 24 | tr -d '\n' >"$work/mmo-postgres/password"
create_secret mmo-postgres

mkdir "$work/mmo-link"
openssl rand -hex 32 | tr -d '\n' >"$work/mmo-link/secret"
create_secret mmo-link

mkdir "$work/mmo-grafana"
openssl rand -hex 24 | tr -d '\n' >"$work/mmo-grafana/admin-password"
create_secret mmo-grafana
