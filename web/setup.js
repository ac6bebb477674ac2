// The clinic's setup page: builds the snippet, the iframe code, the patient
// link and its QR code, in the browser. The form starts empty: the grey
// examples (placeholders) are never written into the code. No code is offered
// until the clinic's phone is there and every number is valid (the widget's
// own rules, src/config.rs); a missing after-hours line gets a warning. The
// preview shows the examples where a field is empty, to show where each goes.
// The drips given are ticked boxes; magnesium alone, the widget's default,
// writes no key.
import { qrSvg } from "./qr.js";

const $ = (id) => document.getElementById(id);
import { KEYS as ALL_KEYS, PACKS, PACK_LABELS, checkPhone as phone, clean, hoursProblem, zoneForm } from "./rules.js";

// The widget's keys (web/rules.js) but the drip's end time, which a patient's link sets.
const KEYS = ALL_KEYS.filter((k) => k !== "ended");
// The drips: ticked boxes and a choice, not a field each (see therapyOf).
const THERAPY_KEYS = ["therapy", "therapies"];
// The keys typed into a field of their own (f-<key>).
const FIELDS = KEYS.filter((k) => !THERAPY_KEYS.includes(k));
// (the frame's own bars need no header height: the custom element's alone)
const ELEMENT_ONLY = ["sticky-offset"];
const PHONES = { "clinic-phone": "Clinic phone", "after-hours-phone": "After-hours line", "emergency-number": "Emergency number" };
// The widget's colour when none is given (style/infusion-check.css): not
// written into the code, so that the dark setting keeps its own default too.
const DEFAULT_ACCENT = "#0a5c8f";
const base = new URL("./", location.href);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// A time zone the browser knows (the widget asks the patient's browser the same way).
function zoneKnown(zone) {
  try {
    return !!zoneForm(zone) && !!new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch (e) {
    return false;
  }
}

// One checkbox a drip, in plain words (web/rules.js); magnesium, what the
// widget asks about when it is told nothing, ticked to start.
$("f-packs").append(
  ...PACKS.map((p) => {
    const box = Object.assign(document.createElement("input"), { type: "checkbox", name: "pack", value: p, checked: p === "magnesium" });
    const label = document.createElement("label");
    label.append(box, Object.assign(document.createElement("span"), { textContent: PACK_LABELS[p] }));
    return label;
  }),
);

// The drips ticked: magnesium alone, nothing (the widget's default); one
// drip, or several all in the same drip, preset (therapy); several to choose
// from, therapies.
function therapyOf() {
  const packs = PACKS.filter((p) => document.querySelector(`#f-packs input[value="${p}"]`).checked);
  const preset = document.querySelector('input[name="therapy-mode"]:checked')?.value === "preset";
  const out = { therapy: "", therapies: "", none: packs.length === 0 };
  if (packs.length === 0 || (packs.length === 1 && packs[0] === "magnesium")) return out;
  out[packs.length > 1 && !preset ? "therapies" : "therapy"] = packs.join(" ");
  return out;
}

// What the clinic typed, never the examples.
function values() {
  const v = {};
  for (const k of FIELDS) v[k] = k === "accent" ? $("f-" + k).value : clean($("f-" + k).value);
  if (v.accent.toLowerCase() === DEFAULT_ACCENT) v.accent = "";
  const t = therapyOf();
  v.therapy = t.therapy;
  v.therapies = t.therapies;
  return v;
}

// The examples shown in the empty fields (their placeholders, without "e.g."),
// for the preview only.
// (not the opening hours: at most hours the preview would then say the
// clinic is closed, which the clinic did not set)
function withExamples(v) {
  const out = { ...v };
  for (const k of FIELDS.filter((k) => !["hours", "timezone"].includes(k))) {
    const example = ($("f-" + k).placeholder || "").replace(/^e\.g\.\s*/, "");
    if (!out[k] && example) out[k] = example;
  }
  return out;
}

const fragmentOf = (v) => KEYS.filter((k) => v[k] && !ELEMENT_ONLY.includes(k)).map((k) => `${k}=${encodeURIComponent(v[k])}`).join("&");

function say(id, lines) {
  $(id).replaceChildren(...lines.map((t) => Object.assign(document.createElement("p"), { textContent: t })));
}

function update() {
  const v = values();
  const problems = [];
  const warnings = [];
  const numbers = {};
  for (const [k, label] of Object.entries(PHONES)) {
    if (!v[k]) continue;
    const p = phone(v[k]);
    if (p.error) problems.push(`${label} ${p.error}.`);
    else numbers[k] = p;
    $("f-" + k).setAttribute("aria-invalid", String(!!p.error));
  }
  if (!v["clinic-phone"]) {
    problems.unshift("Fill in your clinic's phone first: the code is written once it is there. Patients need it to call you; without it the check can only tell them to look for the number on their discharge papers.");
  }
  // The widget's rule (config.rs, parse_sticky_offset): whole pixels, 0 to 200.
  const offset = /^([0-9]{1,3})(px)?$/.exec(v["sticky-offset"]);
  const offsetBad = v["sticky-offset"] && !(offset && Number(offset[1]) <= 200);
  if (offsetBad) problems.push("Height of your site's sticky header: whole pixels from 0 to 200, like 64 (or leave it empty).");
  $("f-sticky-offset").setAttribute("aria-invalid", String(!!offsetBad));
  // Opening hours and their zone (config.rs): both or neither.
  const hoursBad = v.hours && hoursProblem(v.hours);
  if (hoursBad) problems.push(`Opening hours: ${hoursBad}. Write them like Mo-Fr 08:00-18:00; Sa 09:00-13:00 (or leave them empty).`);
  const zoneBad = v.timezone ? !zoneKnown(v.timezone) : !!v.hours;
  if (zoneBad) problems.push("Time zone: with opening hours, give your clinic's time zone, like America/Los_Angeles.");
  $("f-hours").setAttribute("aria-invalid", String(!!hoursBad));
  $("f-timezone").setAttribute("aria-invalid", String(zoneBad));
  if (!v["emergency-number"]) problems.push("Fill in the emergency number (911 in the US and Canada).");
  if (therapyOf().none) problems.push("What drips do you give: tick at least one.");
  if (problems.length && v["clinic-phone"]) problems.push("No code until this is fixed.");
  if (!v["after-hours-phone"]) {
    warnings.push("No after-hours line: out of hours, the check can only tell patients to call \"your after-hours nurse line\", with no number to tap. Add it if your clinic has one (the code is below either way).");
  }
  if (/[<>]/.test(v["clinic-name"])) warnings.push("Clinic name: it has < or > in it (HTML pasted by mistake?), so the check shows \"your clinic\" instead.");
  if (/[<>]/.test(v.infusion)) warnings.push("What was in the drip: it has < or > in it, so the check does not show it.");
  if (!v["clinic-name"]) warnings.push("No clinic name: the check says \"your clinic\".");
  say("issues", problems);
  say("warnings", warnings);

  // The preview: what was typed, and the examples where a field is empty.
  const preview = new URL("frame.html#" + fragmentOf(withExamples(v)), base).href;
  if ($("preview").src !== preview) $("preview").src = preview;

  const ready = problems.length === 0;
  $("code").hidden = !ready;
  if (!ready) {
    for (const id of ["out-element", "out-iframe", "out-link"]) $(id).value = "";
    $("qr").replaceChildren();
    return;
  }
  const attrs = KEYS.filter((k) => v[k]).map((k) => `${k}="${esc(v[k])}"`).join(" ");
  const name = /[<>]/.test(v["clinic-name"]) || !v["clinic-name"] ? "Clinic / Clínica" : v["clinic-name"];
  const a = (p, text) => `<a href="${p.href}">${esc(text)}: ${esc(p.text)}</a>`;
  const links = [a(numbers["emergency-number"], "Emergency / Emergencia"), a(numbers["clinic-phone"], name)];
  if (numbers["after-hours-phone"]) links.push(a(numbers["after-hours-phone"], "After-hours line / Línea fuera de horario"));
  $("out-element").value =
    `<script type="module" src="${new URL("infusion-check.js", base)}"></script>\n` +
    `<infusion-check ${attrs}>\n` +
    `    <p>If you feel unwell after your drip, call. / Si se siente mal después de su suero, llame.</p>\n` +
    links.map((l) => `    <p>${l}</p>\n`).join("") +
    `</infusion-check>`;
  const link = new URL("frame.html#" + fragmentOf(v), base).href;
  $("out-iframe").value =
    `<iframe id="infusion-check" src="${esc(link)}" title="Symptom check after your IV drip" allow="clipboard-write; web-share" style="width:100%;max-width:40em;height:900px;max-height:100vh;max-height:100svh;border:0"></iframe>\n` +
    // Beside the frame, on the clinic's own page: whom to call, even when
    // the frame cannot run (JavaScript off, a blocked download).
    `<p>${links.join(" · ")}</p>\n` +
    // The resize script in a block of its own: where a site strips scripts
    // it can leave their code as visible text, so it must be left out there.
    `<!-- OPTIONAL, only where the page allows scripts: lets the frame grow with the check. ` +
    `Where scripts are stripped, leave out this block down to its end line (its code would show as text). -->\n` +
    `<script>addEventListener("message",function(e){var f=document.getElementById("infusion-check");` +
    `if(f&&e.source===f.contentWindow&&e.data&&e.data.type==="infusion-check:height"){f.style.height=e.data.height+"px"}});</script>\n` +
    `<!-- END of the optional block -->`;
  $("out-link").value = link;
  $("qr").replaceChildren(qrSvg(link));
}

$("form").addEventListener("input", update);
$("form").addEventListener("change", update);
update();
