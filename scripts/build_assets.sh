#!/usr/bin/env bash
# Refreshes the committed front-end files under samhandling/static/vendor from the npm registry.
# Needs Node.js and npm; running the site does not. Versions are pinned in assets/package.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/assets/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)
nm="$work/node_modules"
ds="$root/samhandling/static/vendor/designsystemet"
inter="$root/samhandling/static/vendor/inter"
axe="$root/tests/browser/vendor"
rm -rf "$ds" "$inter"
mkdir -p "$ds" "$inter/files" "$axe"
cp "$nm/@digdir/designsystemet-css/dist/src/index.css" "$ds/designsystemet.css"
cp "$nm/@digdir/designsystemet-css/dist/theme/designsystemet.css" "$ds/theme.css"
cp "$nm/@digdir/designsystemet-css/LICENSE" "$ds/LICENSE"
# Inter, served by us instead of a CDN, cut to the characters of our languages (Sámi letters
# included) by scripts/subset_fonts.py, which needs fonttools and brotli (the dev extra).
python="$root/.venv/bin/python"
[ -x "$python" ] || python=python3
"$python" "$root/scripts/subset_fonts.py" --source "$nm/inter-ui/web" --out "$inter"
cp "$nm/inter-ui/LICENSE.txt" "$inter/LICENSE"
# DejaVu Sans for the PDFs (name badges, meeting books): ReportLab's built-in Helvetica has no
# ŋ, đ, ŧ or č, which Sámi names need.
fonts="$root/samhandling/core/fonts"
mkdir -p "$fonts"
cp "$nm/dejavu-fonts-ttf/ttf/DejaVuSans.ttf" "$nm/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf" "$fonts/"
cp "$nm/dejavu-fonts-ttf/LICENSE" "$fonts/LICENSE"
cp "$nm/axe-core/axe.min.js" "$axe/axe.min.js"
cp "$nm/axe-core/LICENSE" "$axe/LICENSE"
for pkg in @digdir/designsystemet-css inter-ui axe-core dejavu-fonts-ttf; do
  printf '%s %s\n' "$pkg" "$(node -p "require('$nm/$pkg/package.json').version")"
done > "$root/samhandling/static/vendor/VERSIONS"
echo "Assets refreshed:"; cat "$root/samhandling/static/vendor/VERSIONS"
# Swagger UI for the API's documentation page (/api/docs), served by us instead of a CDN: only the
# bundle, its stylesheet (without the source-map comment, whose file we do not ship) and licences.
swagger="$root/samhandling/static/vendor/swagger-ui"
rm -rf "$swagger"
mkdir -p "$swagger"
for file in swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt LICENSE NOTICE; do
  cp "$nm/swagger-ui-dist/$file" "$swagger/"
done
sed '/^\/\*# sourceMappingURL=.*\*\/$/d' "$nm/swagger-ui-dist/swagger-ui.css" > "$swagger/swagger-ui.css"
printf '%s %s\n' swagger-ui-dist "$(node -p "require('$nm/swagger-ui-dist/package.json').version")" \
  >> "$root/samhandling/static/vendor/VERSIONS"
echo "swagger-ui-dist refreshed"
