//! The whole protocol as a Markdown decision table a clinician can sign off.
//! Conditions are rendered from the same data the engine runs, so the table
//! cannot drift from the behaviour.

use super::model::{Cond, Effect, Kind, Lang, Level};
use super::Protocol;
use std::fmt::Write;

struct Words {
    and: &'static str,
    or: &'static str,
    not: &'static str,
    is: &'static str,
    include: &'static str,
    at_least: &'static str,
    of: &'static str,
    fired: &'static str,
    level_below: &'static str,
    groups: &'static str,
    assumed: &'static str,
    not_assumed: &'static str,
    uncleared: &'static str,
    cleared: &'static str,
    group_cleared: &'static str,
    always: &'static str,
    not_sure: &'static str,
    raise_if: &'static str,
    clears: &'static str,
    note: &'static str,
    stops: &'static str,
}

const EN: Words = Words {
    and: "AND",
    or: "OR",
    not: "NOT",
    is: "is",
    include: "includes",
    at_least: "at least",
    of: "of",
    fired: "fired",
    level_below: "the rules above gave less than",
    groups: "or more different symptom groups each gave call-today or higher",
    assumed: "some answer was not sure (or missing) and was read the cautious way",
    not_assumed: "no answer had to be assumed",
    uncleared: "a picked symptom group is not cleared by a self-care rule",
    cleared: "every picked symptom group is cleared by a self-care rule",
    group_cleared: "cleared by the self-care rules of every pack that has one for it:",
    always: "always",
    not_sure: "Not sure",
    raise_if: "raised to",
    clears: "self-care: marks as expected",
    note: "note on the result only",
    stops: "ends the flow at once",
};

const ES: Words = Words {
    and: "Y",
    or: "O",
    not: "NO",
    is: "es",
    include: "incluye",
    at_least: "al menos",
    of: "de",
    fired: "se activó",
    level_below: "las reglas anteriores dieron menos que",
    groups: "o más grupos de síntomas distintos dieron cada uno llamar hoy o más",
    assumed: "alguna respuesta fue \"no sé\" (o faltó) y se leyó de la forma más prudente",
    not_assumed: "no hubo que suponer ninguna respuesta",
    uncleared: "un grupo de síntomas elegido no queda aclarado por una regla de autocuidado",
    cleared: "todos los grupos de síntomas elegidos quedan aclarados por una regla de autocuidado",
    group_cleared: "aclarado por las reglas de autocuidado de cada paquete que tiene una para él:",
    always: "siempre",
    not_sure: "No sé",
    raise_if: "sube a",
    clears: "autocuidado: marca como esperado",
    note: "solo una nota en el resultado",
    stops: "termina el flujo enseguida",
};

fn level_name(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::Emergency, Lang::En) => "EMERGENCY",
        (Level::CallNow, Lang::En) => "CALL CLINIC NOW",
        (Level::CallToday, Lang::En) => "CALL CLINIC TODAY",
        (Level::SelfCare, Lang::En) => "SELF-CARE",
        (Level::Emergency, Lang::Es) => "EMERGENCIA",
        (Level::CallNow, Lang::Es) => "LLAMAR A LA CLÍNICA AHORA",
        (Level::CallToday, Lang::Es) => "LLAMAR A LA CLÍNICA HOY",
        (Level::SelfCare, Lang::Es) => "AUTOCUIDADO",
    }
}

/// A condition in plain words.
pub fn describe(p: &Protocol, c: &Cond, lang: Lang) -> String {
    let w = if lang == Lang::Es { &ES } else { &EN };
    describe_in(p, c, lang, w, 0)
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn describe_in(p: &Protocol, c: &Cond, lang: Lang, w: &Words, depth: usize) -> String {
    if depth > 64 {
        return "…".into();
    }
    let join = |list: &[Cond], sep: &str| -> String {
        let parts: Vec<String> = list
            .iter()
            .map(|c| describe_in(p, c, lang, w, depth + 1))
            .collect();
        if parts.len() > 1 {
            format!("({})", parts.join(&format!(" {sep} ")))
        } else {
            parts.join("")
        }
    };
    match c {
        Cond::Is(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(id, codes)| {
                    let q = p.question(id);
                    let labels: Vec<String> = codes
                        .iter()
                        .map(|code| {
                            let label = q
                                .and_then(|q| q.option(code))
                                .map(|o| o.label.get(lang).to_string())
                                .unwrap_or_else(|| {
                                    if code == "not_sure" {
                                        w.not_sure.to_string()
                                    } else {
                                        code.clone()
                                    }
                                });
                            format!("\"{label}\"")
                        })
                        .collect();
                    let verb = match q.map(|q| q.kind) {
                        Some(Kind::Multi) => w.include,
                        _ => w.is,
                    };
                    let code = q
                        .and_then(|q| q.code.clone())
                        .map(|c| format!(" ({c})"))
                        .unwrap_or_default();
                    format!(
                        "`{id}`{code} {verb} {}",
                        labels.join(&format!(" {} ", w.or.to_lowercase()))
                    )
                })
                .collect();
            if parts.len() > 1 {
                format!("({})", parts.join(&format!(" {} ", w.and)))
            } else {
                parts.join("")
            }
        }
        Cond::All(list) if list.is_empty() => w.always.to_string(),
        Cond::All(list) => join(list, w.and),
        Cond::Any(list) => join(list, w.or),
        Cond::Not(inner) => format!("{} {}", w.not, describe_in(p, inner, lang, w, depth + 1)),
        Cond::AtLeast { n, of } => format!("{} {n} {}: {}", w.at_least, w.of, join(of, ";")),
        Cond::Def(name) => format!("*{name}*"),
        Cond::Fired(ids) => format!(
            "{} {}",
            ids.join(&format!(" {} ", w.or.to_lowercase())),
            w.fired
        ),
        Cond::LevelBelow(l) => format!("{} {}", w.level_below, level_name(*l, lang)),
        Cond::GroupsFired(n) => format!("{n} {}", w.groups),
        Cond::Assumed(true) => w.assumed.to_string(),
        Cond::Assumed(false) => w.not_assumed.to_string(),
        Cond::Uncleared(true) => w.uncleared.to_string(),
        Cond::Uncleared(false) => w.cleared.to_string(),
        Cond::Cleared(g) => format!("{} `{g}`", w.group_cleared),
    }
}

/// The decision table in Markdown.
pub fn decision_table(p: &Protocol, lang: Lang) -> String {
    let w = if lang == Lang::Es { &ES } else { &EN };
    let es = lang == Lang::Es;
    let t = |en: &'static str, sp: &'static str| if es { sp } else { en };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {} `{}` {}",
        p.title.get(lang),
        t("protocol", "protocolo"),
        p.id,
        p.version
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "- {}: {}", t("Status", "Estado"), p.status.get(lang));
    let _ = writeln!(
        out,
        "- {}: {}",
        t("Review by", "Revisar antes de"),
        p.review_date
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        t("Specification", "Especificación"),
        p.spec
    );
    let _ = writeln!(
        out,
        "- {}",
        t(
            "Generated by `infusion-check table` from the data the widget runs. The highest outcome of any rule that fires wins. Source tags: S.. = DOSSIER.md §17; PC = protocol choice; GK = general knowledge; P3 = principle P3.",
            "Generado por `infusion-check table` con los mismos datos que usa el widget. Gana el resultado más alto de las reglas que se activan. Fuentes: S.. = DOSSIER.md §17; PC = decisión del protocolo; GK = conocimiento general; P3 = principio P3."
        )
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {}",
        t(
            "1. Questions, in the order asked",
            "1. Preguntas, en el orden en que se hacen"
        )
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| # | ID | {} | {} | {} | {} |",
        t("Asked when", "Se pregunta si"),
        t("Wording", "Texto"),
        t("Answers", "Respuestas"),
        t("If not sure or no answer", "Si no sabe o no contesta")
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (n, &s) in p.screens.iter().enumerate() {
        let Some(q) = p.questions.get(s) else {
            continue;
        };
        let when = q
            .ask_when
            .as_ref()
            .map(|c| describe(p, c, lang))
            .unwrap_or_else(|| w.always.to_string());
        let answers = match q.kind {
            Kind::Checklist => t("checklist (items below)", "lista (elementos abajo)").to_string(),
            Kind::Text => t(
                "free text (never lowers the result)",
                "texto libre (nunca baja el resultado)",
            )
            .to_string(),
            _ => {
                let mut v: Vec<String> = q
                    .options
                    .iter()
                    .map(|o| format!("`{}` {}", o.id, o.label.get(lang)))
                    .collect();
                if q.offers_not_sure {
                    v.push(format!("`not_sure` {}", w.not_sure));
                }
                v.join("<br>")
            }
        };
        let assume = match (&q.if_not_sure, q.kind) {
            (_, Kind::Checklist | Kind::Text) => "—".to_string(),
            (Some(a), _) => a
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", "),
            (None, _) => t(
                "read by the rules as `not_sure`",
                "las reglas lo leen como `not_sure`",
            )
            .to_string(),
        };
        let mut wording = q.text.get(lang).to_string();
        if let Some(they) = &q.text_they {
            wording.push_str(&format!(
                "<br>*{}:* {}",
                t("for someone else", "para otra persona"),
                they.get(lang)
            ));
        }
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            n + 1,
            q.id,
            cell(&when),
            cell(&wording),
            cell(&answers),
            cell(&assume)
        );
        for (title, items) in &q.sections {
            for &i in items {
                let Some(item) = p.questions.get(i) else {
                    continue;
                };
                let code = item.code.clone().unwrap_or_default();
                let assume = match &item.if_not_sure {
                    Some(a) => a
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => t(
                        "read by the rules as `not_sure`",
                        "las reglas lo leen como `not_sure`",
                    )
                    .to_string(),
                };
                let _ = writeln!(
                    out,
                    "| {}{} | `{}` | {} | {} | {} | {} |",
                    n + 1,
                    if code.is_empty() {
                        String::new()
                    } else {
                        format!(" {code}")
                    },
                    item.id,
                    cell(title.get(lang)),
                    cell(item.text.get(lang)),
                    t(
                        "ticked = yes, unticked = no, or not sure",
                        "marcado = sí, sin marcar = no, o no sé"
                    ),
                    cell(&assume)
                );
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {}",
        t(
            "2. Rules, in the order evaluated",
            "2. Reglas, en el orden en que se evalúan"
        )
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        t("Rule", "Regla"),
        t("If", "Si"),
        t("Then", "Entonces"),
        t(
            "Why (as the patient reads it)",
            "Por qué (como lo lee el paciente)"
        ),
        t("Sources", "Fuentes")
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for r in &p.rules {
        let mut then = match r.effect {
            Effect::Raise => format!("**{}**", level_name(r.then, lang)),
            Effect::Clear => {
                let groups: Vec<String> = r
                    .clears
                    .iter()
                    .map(|(g, c)| match c {
                        Cond::All(l) if l.is_empty() => format!("`{g}`"),
                        c => format!("`{g}` ({})", describe(p, c, lang)),
                    })
                    .collect();
                format!("{} {}", w.clears, groups.join(", "))
            }
            Effect::Note => w.note.to_string(),
        };
        for raise in &r.raise {
            then.push_str(&format!(
                "; {} **{}** {} {}",
                w.raise_if,
                level_name(raise.then, lang),
                t("if", "si"),
                describe(p, &raise.when, lang)
            ));
        }
        if !r.count_groups.is_empty() {
            then.push_str(&format!(
                "; {} {}",
                t(
                    "counts for A1 as each picked group of",
                    "cuenta para A1 como cada grupo elegido de"
                ),
                r.count_groups
                    .iter()
                    .map(|g| format!("`{g}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if r.stop {
            then.push_str(&format!("; {}", w.stops));
        }
        if let Some(a) = &r.advice {
            then.push_str(&format!(
                "<br>*{}:* {}",
                t("Advice", "Consejo"),
                a.get(lang)
            ));
        }
        let _ = writeln!(
            out,
            "| **{}** | {} | {} | {} | {} |",
            r.id,
            cell(&describe(p, &r.when, lang)),
            cell(&then),
            cell(r.why.get(lang)),
            r.sources.join(", ")
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {}",
        t("3. Named conditions", "3. Condiciones con nombre")
    );
    let _ = writeln!(out);
    for (name, c) in &p.defs {
        let _ = writeln!(out, "- *{name}*: {}", describe(p, c, lang));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {}",
        t("4. Tailored advice", "4. Consejos según el caso")
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| ID | {} | {} | {} |",
        t("Shown when", "Se muestra si"),
        t("Advice", "Consejo"),
        t("Sources", "Fuentes")
    );
    let _ = writeln!(out, "|---|---|---|---|");
    for a in &p.advice {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            a.id,
            cell(&describe(p, &a.when, lang)),
            cell(a.text.get(lang)),
            a.sources.join(", ")
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {}",
        t("5. What each outcome says", "5. Qué dice cada resultado")
    );
    for level in Level::ALL.iter().rev() {
        let o = p.outcomes.get(*level);
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "### {}: {}",
            level_name(*level, lang),
            o.title.get(lang)
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "- **{}**", o.lead.get(lang));
        let _ = writeln!(
            out,
            "- *{}* {}",
            t("At the clinic:", "En la clínica:"),
            o.at_clinic.get(lang)
        );
        for d in &o.do_now {
            let _ = writeln!(out, "- {}", d.get(lang));
        }
        if !o.get_help.is_empty() {
            let _ = writeln!(
                out,
                "- {}",
                t(
                    "Call {EMERGENCY_NUMBER} right away if:",
                    "Llame al {EMERGENCY_NUMBER} de inmediato si:"
                )
            );
            for g in &o.get_help {
                let _ = writeln!(out, "  - {}", g.get(lang));
            }
        }
        let recheck = match &o.recheck {
            Some(super::Recheck::AfterHours(h)) => {
                format!("{h} h {}", t("after the result", "después del resultado"))
            }
            Some(super::Recheck::NextMorningAt(at)) => format!(
                "{} {at} ({} {} h)",
                t("the next morning at", "la mañana siguiente a las"),
                t("at least", "al menos"),
                super::Recheck::MIN_HOURS
            ),
            None => continue,
        };
        let _ = writeln!(
            out,
            "- *{}* {recheck}",
            t(
                "\"Remind me to check again\":",
                "\"Recordarme revisar otra vez\":"
            )
        );
    }
    out
}
