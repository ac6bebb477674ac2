//! What the result says, as data the UI shows and as the plain-text summary
//! the patient reads to the nurse, copies, shares or prints. Pure Rust.

use crate::config::Config;
use crate::i18n::{strings, Strings};
use crate::protocol::model::RuleData;
use crate::protocol::{
    asked_screens, Answer, Answers, Effect, Kind, Lang, Level, Outcome, Protocol, Question,
};
use std::fmt::Write;

/// Fills the protocol's placeholders from the clinic's configuration, in one
/// pass: a value is never read again, so a clinic name that contains
/// `{CLINIC_PHONE}` stays as written.
pub fn fill(text: &str, cfg: &Config, lang: Lang) -> String {
    let s = strings(lang);
    let value = |name: &str| -> Option<&str> {
        Some(match name {
            "EMERGENCY_NUMBER" => cfg.emergency.display.as_str(),
            "CLINIC_NAME" if cfg.clinic_name.is_empty() => s.your_clinic,
            "CLINIC_NAME" => cfg.clinic_name.as_str(),
            "CLINIC_PHONE" => cfg
                .clinic_phone
                .as_ref()
                .map(|p| p.display.as_str())
                .unwrap_or(s.clinic_phone_missing),
            "AFTER_HOURS_LINE" => cfg
                .after_hours
                .as_ref()
                .map(|p| p.display.as_str())
                .unwrap_or(s.after_hours_missing),
            "INFUSION_CONTENTS" if cfg.infusion.is_empty() => s.infusion_default,
            "INFUSION_CONTENTS" => cfg.infusion.as_str(),
            _ => return None,
        })
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 1..).unwrap_or("");
        match after
            .find('}')
            .and_then(|end| Some((end, value(after.get(..end)?)?)))
        {
            Some((end, v)) => {
                out.push_str(v);
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of a level, for the banner's label.
pub fn level_label(level: Level, s: &Strings) -> &'static str {
    match level {
        Level::Emergency => s.level_emergency,
        Level::CallNow => s.level_call_now,
        Level::CallToday => s.level_call_today,
        Level::SelfCare => s.level_self_care,
    }
}

/// The rules that explain the outcome: the ones at its level (for
/// self-care, the rules that found each symptom normal).
pub fn reasons<'p>(p: &'p Protocol, outcome: &Outcome) -> Vec<&'p RuleData> {
    outcome
        .fired
        .iter()
        .filter(|f| match outcome.level {
            Level::SelfCare => f.effect == Effect::Clear,
            level => f.effect == Effect::Raise && f.level == level,
        })
        .filter_map(|f| p.rule(&f.id))
        .collect()
}

/// A question's answer in words.
pub fn answer_words(p: &Protocol, q: &Question, answers: &Answers, lang: Lang) -> String {
    let s = strings(lang);
    let word = |code: &str| -> String {
        match code {
            "not_sure" => s.not_sure.to_string(),
            "yes" if q.kind == Kind::YesNo => s.yes.to_string(),
            "no" if q.kind == Kind::YesNo => s.no.to_string(),
            c => q
                .option(c)
                .map(|o| o.label.get(lang).to_string())
                .unwrap_or_else(|| c.to_string()),
        }
    };
    match q.kind {
        Kind::Checklist => {
            let ticked: Vec<String> = q
                .sections
                .iter()
                .flat_map(|(_, items)| items.iter())
                .filter_map(|&i| p.questions.get(i))
                .filter_map(|item| match answers.get(&item.id) {
                    Some(Answer::One(c)) if c == "yes" => {
                        Some(format!("{} ({})", item.text.get(lang), s.yes))
                    }
                    Some(Answer::One(c)) if c == "not_sure" => {
                        Some(format!("{} ({})", item.text.get(lang), s.not_sure))
                    }
                    _ => None,
                })
                .collect();
            if ticked.is_empty() {
                s.none_of_these.to_string()
            } else {
                ticked.join("; ")
            }
        }
        _ => match answers.get(&q.id) {
            Some(Answer::One(c)) if q.kind == Kind::Text => c.clone(),
            Some(Answer::One(c)) => word(c),
            Some(Answer::Many(list)) if list.is_empty() => s.none_of_these.to_string(),
            Some(Answer::Many(list)) => list.iter().map(|c| word(c)).collect::<Vec<_>>().join("; "),
            None => s.not_sure.to_string(),
        },
    }
}

/// The plain-text summary of the answers and the result.
pub fn summary_text(
    p: &Protocol,
    answers: &Answers,
    outcome: &Outcome,
    cfg: &Config,
    lang: Lang,
) -> String {
    let s = strings(lang);
    let f = |t: &str| fill(t, cfg, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {}",
        p.title.get(lang),
        f(p.outcomes.get(outcome.level).title.get(lang))
    );
    let _ = writeln!(
        out,
        "{}: {}",
        s.summary_result,
        level_label(outcome.level, s)
    );
    for r in reasons(p, outcome) {
        let _ = writeln!(out, "- {}", f(r.why.get(lang)));
    }
    if !outcome.assumed.is_empty() {
        let names: Vec<String> = outcome
            .assumed
            .iter()
            .filter_map(|id| p.question(id))
            .map(|q| q.text.get(lang).to_string())
            .collect();
        let _ = writeln!(out, "{}: {}", s.summary_assumed, names.join(" | "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}:", s.summary_answers);
    for id in asked_screens(p, answers) {
        if let Some(q) = p.question(&id) {
            let _ = writeln!(
                out,
                "- {} {}",
                q.text.get(lang),
                answer_words(p, q, answers, lang)
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}: {}",
        s.summary_rules,
        outcome
            .fired
            .iter()
            .map(|f| f.id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        out,
        "{}",
        s.protocol_line
            .replace("{version}", &format!("{} {}", p.id, p.version))
            .replace("{date}", &p.review_date)
    );
    if let Ok(code) = crate::readback::encode(p, answers) {
        let _ = writeln!(out, "{}", s.readback_summary.replace("{code}", &code));
    }
    let _ = writeln!(out, "{}", s.not_diagnosis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::triage;

    #[test]
    fn placeholders_fill_in_one_pass() {
        let (cfg, _) = Config::parse(
            [
                ("clinic-name", "{CLINIC_PHONE} Clinic"),
                ("clinic-phone", "555 0100"),
            ],
            0.0,
        );
        assert_eq!(
            fill(
                "Call {CLINIC_NAME} at {CLINIC_PHONE}; {OTHER}",
                &cfg,
                Lang::En
            ),
            "Call {CLINIC_PHONE} Clinic at 555 0100; {OTHER}"
        );
    }

    #[test]
    fn the_summary_names_the_result_the_answers_and_the_protocol() {
        let p = Protocol::magnesium().unwrap_or_else(|e| panic!("{e}"));
        let mut a = Answers::new();
        let mut ticks = litemap::LiteMap::new();
        ticks.insert("rf_chest".to_string(), "yes".to_string());
        a.set_checklist(&p, "red_flags", &ticks);
        let o = triage(&p, &a);
        let (cfg, _) = Config::parse(
            [("clinic-phone", "555 0100"), ("emergency-number", "112")],
            0.0,
        );
        for lang in Lang::ALL {
            let text = summary_text(&p, &a, &o, &cfg, lang);
            assert!(text.contains("112"), "{text}");
            assert!(text.contains("E01") && text.contains(&p.version), "{text}");
            assert!(
                text.contains(
                    p.question("rf_chest")
                        .map(|q| q.text.get(lang))
                        .unwrap_or("?")
                ),
                "{text}"
            );
            assert!(!text.contains('{'), "unfilled placeholder: {text}");
        }
    }
}
