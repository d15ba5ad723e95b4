#!/usr/bin/env bash
# Rotates auth-service's token signing key with no restart of anything (docs/deploy.md, "Rotating the signing key"):
# replaces the Secret mmo-auth-keys with a fresh pair and the current public key as previous-public.pem. The kubelet
# updates the mounted files (within a minute or so), auth-service reads them again every MMO_AUTH_KEY_RELOAD_INTERVAL
# (10 s), then signs with the new key and publishes both in its JWKS; world, chat and gateway fetch the JWKS again
# when they meet the new key id. Tokens signed before keep verifying until they expire (MMO_AUTH_TOKEN_LIFETIME,
# 15 min): rotate again at the earliest after that, since a rotation drops the key before the previous one.
#
#   k8s/rotate-keys.sh [-n NAMESPACE]   rotate in the current or the given namespace
#   k8s/rotate-keys.sh --dry-run        print the new Secret as YAML instead of applying it (reads the current one)
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

if ! kubectl get secret "${namespace[@]}" mmo-auth-keys -o jsonpath='{.data.public\.pem}' >"$work/current.b64"; then
  echo "no Secret mmo-auth-keys to rotate: make it with k8s/create-secrets.sh" >&2
  exit 1
fi
base64 --decode <"$work/current.b64" >"$work/previous-public.pem"
openssl pkey -pubin -in "$work/previous-public.pem" -noout 2>/dev/null \
  || { echo "mmo-auth-keys holds no readable public.pem; not rotating" >&2; exit 1; }

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"

secret=(kubectl create secret generic mmo-auth-keys "${namespace[@]}" --from-file=private.pem="$work/private.pem"
  --from-file=public.pem="$work/public.pem" --from-file=previous-public.pem="$work/previous-public.pem"
  --dry-run=client -o yaml)
if $dry_run; then
  "${secret[@]}"
else
  "${secret[@]}" | kubectl apply "${namespace[@]}" -f -
  echo "mmo-auth-keys rotated; auth-service signs with the new key once the kubelet has updated its files"
fi
