#!/usr/bin/env bash
# Creates the three Secrets that the k8s/ base uses but does not contain (see kustomization.yaml for why):
#   mmo-auth-keys  private.pem, public.pem   auth-service's RSA signing key pair (PKCS#8 and X.509 PEM)
#   mmo-postgres   username, password        the database user of PostgreSQL, auth-service and world-service
#   mmo-link       secret                    what gateways present on world's and chat's /link (docs/security.md)
# A Secret that already exists is left alone: a new key pair would log every player out, a new database
# password would no longer match the one PostgreSQL was initialised with, and a new link secret is rotated in
# steps (docs/security.md), not swapped under running pods.
#
#   k8s/create-secrets.sh [-n NAMESPACE]   create what is missing, in the current or the given namespace
#   k8s/create-secrets.sh --dry-run        print the Secrets as YAML with fresh values; needs no cluster
# Needs kubectl and openssl.
set -euo pipefail

namespace=()
dry_run=false
while (($#)); do
  case $1 in
    -n | --namespace) namespace=(--namespace "$2"); shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "usage: $0 [-n NAMESPACE] [--dry-run]" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# <name> <kubectl create secret generic arguments...>
create_secret() {
  local name=$1
  shift
  if $dry_run; then
    kubectl create secret generic "$name" "$@" --dry-run=client -o yaml
    echo ---
  elif kubectl get secret "${namespace[@]}" "$name" >/dev/null 2>&1; then
    echo "secret/$name exists; left as it is"
  else
    kubectl create secret generic "${namespace[@]}" "$name" "$@"
  fi
}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"
create_secret mmo-auth-keys --from-file=private.pem="$work/private.pem" --from-file=public.pem="$work/public.pem"

create_secret mmo-postgres --from-literal=username=mmo --from-literal=password="$(openssl rand -hex 24)"

create_secret mmo-link --from-literal=secret="$(openssl rand -hex 32)"
