// The clinic's setup page: builds the snippet, the iframe code, the patient
// link and its QR code, in the browser. Values are checked by the widget itself
// (the preview shows its setup notice); here they are only escaped.
import qrcode from "./vendor/qrcode.mjs";

const $ = (id) => document.getElementById(id);
const KEYS = ["clinic-name", "clinic-phone", "after-hours-phone", "emergency-number", "lang", "infusion", "accent"];
const base = new URL("./", location.href);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const phoneOk = (s) => /^\+?[0-9 ()-]*$/.test(s.trim()) && (s.match(/[0-9]/g) || []).length >= 2;
const tel = (s) => (s.trim().startsWith("+") ? "+" : "") + s.replace(/[^0-9]/g, "");

function values() {
  const v = {};
  for (const k of KEYS) v[k] = $("f-" + k).value.trim();
  return v;
}

function update() {
  const v = values();
  const issues = [];
  for (const k of ["clinic-phone", "after-hours-phone", "emergency-number"]) {
    if (v[k] && !phoneOk(v[k])) issues.push(`${k}: use only digits, spaces and + - ( )`);
  }
  if (!v["clinic-phone"]) issues.push("clinic-phone: patients need your number");
  $("issues").textContent = issues.join(" · ");
  const attrs = KEYS.filter((k) => v[k]).map((k) => `${k}="${esc(v[k])}"`).join(" ");
  const emergency = phoneOk(v["emergency-number"] || "") ? v["emergency-number"] : "911";
  const emergencyLink = `<a href="tel:${tel(emergency)}">Emergency / Emergencia: ${esc(emergency)}</a>`;
  const clinicLink = v["clinic-phone"] && phoneOk(v["clinic-phone"])
    ? `<a href="tel:${tel(v["clinic-phone"])}">${esc(v["clinic-name"] || "Clinic")}: ${esc(v["clinic-phone"])}</a>`
    : "";
  const clinicLine = clinicLink ? `\n    <p>${clinicLink}</p>` : "";
  $("out-element").value =
    `<script type="module" src="${new URL("infusion-check.js", base)}"></script>\n` +
    `<infusion-check ${attrs}>\n` +
    `    <p>If you feel unwell after your drip, call. / Si se siente mal después de su suero, llame.</p>\n` +
    `    <p>${emergencyLink}</p>${clinicLine}\n` +
    `</infusion-check>`;
  const fragment = KEYS.filter((k) => v[k]).map((k) => `${k}=${encodeURIComponent(v[k])}`).join("&");
  const link = new URL("frame.html#" + fragment, base).href;
  $("out-iframe").value =
    `<iframe id="infusion-check" src="${esc(link)}" title="Symptom check after your IV drip" allow="clipboard-write; web-share" style="width:100%;max-width:40em;height:900px;max-height:100vh;max-height:100svh;border:0"></iframe>\n` +
    // Beside the frame, on the clinic's own page: whom to call, even when
    // the frame cannot run (JavaScript off, a blocked download).
    `<p>${emergencyLink}${clinicLink ? " · " + clinicLink : ""}</p>\n` +
    `<script>addEventListener("message",function(e){var f=document.getElementById("infusion-check");` +
    `if(f&&e.source===f.contentWindow&&e.data&&e.data.type==="infusion-check:height"){f.style.height=e.data.height+"px"}});</script>`;
  $("out-link").value = link;
  const qr = qrcode(0, "M");
  qr.addData(link);
  qr.make();
  $("qr").innerHTML = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
  if ($("preview").src !== link) $("preview").src = link;
}

$("form").addEventListener("input", update);
update();
