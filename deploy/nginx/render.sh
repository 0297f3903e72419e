#!/usr/bin/env bash
# Renders deploy/nginx/clinic.conf.template to standard output, filling in only its ${CLINIC_...} placeholders
# (nginx's own $variables are left alone). Needs envsubst (Debian: apt-get install gettext-base).
#
#   CLINIC_SERVER_NAMES="www.gagephysio.example gagephysio.example" \
#   CLINIC_ORIGIN=https://www.gagephysio.example \
#   CLINIC_TLS_CERTIFICATE=/etc/letsencrypt/live/www.gagephysio.example/fullchain.pem \
#   CLINIC_TLS_CERTIFICATE_KEY=/etc/letsencrypt/live/www.gagephysio.example/privkey.pem \
#   CLINIC_UPSTREAM_1=127.0.0.1:8081 CLINIC_UPSTREAM_2=127.0.0.1:8082 \
#   deploy/nginx/render.sh > /etc/nginx/sites-available/clinic.conf
#
# Optional, with their defaults: CLINIC_HTTP_LISTEN=80, CLINIC_HTTPS_LISTEN=443, CLINIC_LOG_DIR=/var/log/nginx,
# CLINIC_ACME_ROOT=/var/www/html. Refuses to render while a required value is missing.
set -euo pipefail
template="$(dirname "$0")/clinic.conf.template"
command -v envsubst >/dev/null || { echo "render.sh: envsubst is missing (apt-get install gettext-base)" >&2; exit 1; }

: "${CLINIC_HTTP_LISTEN:=80}" "${CLINIC_HTTPS_LISTEN:=443}" "${CLINIC_LOG_DIR:=/var/log/nginx}" \
  "${CLINIC_ACME_ROOT:=/var/www/html}"
export CLINIC_HTTP_LISTEN CLINIC_HTTPS_LISTEN CLINIC_LOG_DIR CLINIC_ACME_ROOT

# Every placeholder the template uses must have a value.
placeholders=$(grep -o '\${CLINIC_[A-Z0-9_]*}' "$template" | sort -u)
missing=()
for placeholder in $placeholders; do
  name=${placeholder:2:-1}
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "render.sh: set ${missing[*]} (see the top of $0)" >&2
  exit 1
fi
case "$CLINIC_ORIGIN" in
  https://*) ;;
  *) echo "render.sh: CLINIC_ORIGIN must start with https:// (it is where plain HTTP is redirected)" >&2; exit 1 ;;
esac
[ "${CLINIC_ORIGIN%/}" = "$CLINIC_ORIGIN" ] || { echo "render.sh: CLINIC_ORIGIN must not end with /" >&2; exit 1; }

envsubst "$(echo "$placeholders" | tr '\n' ' ')" <"$template"
