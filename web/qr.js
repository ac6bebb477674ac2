// QR codes as SVG elements, drawn with DOM calls from the modules of
// qrcode-generator (vendor/qrcode.mjs, the npm package copied by the build):
// its own createSvgTag gives an HTML string, which a host page that enforces
// Trusted Types (`require-trusted-types-for 'script'`) refuses. Used by the
// result's <ic-qr> (web/packs.js imports this file while the first screen is
// read, never when a result shows) and by the setup page. One path of 1x1
// squares in a margin of 4 modules (the quiet zone QR codes need; the viewBox
// draws it); the page's stylesheet gives the SVG its white background.
import qrcode from "./vendor/qrcode.mjs";

export function qrSvg(text) {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const path = document.createElementNS(ns, "path");
  let d = "";
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c} ${r}h1v1h-1z`;
  svg.setAttribute("viewBox", `-4 -4 ${n + 8} ${n + 8}`);
  path.setAttribute("d", d);
  svg.append(path);
  return svg;
}
