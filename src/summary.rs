//! What the result says, as data the UI shows and as the plain-text summary
//! the patient reads to the nurse, copies, shares or prints. Pure Rust.

use crate::config::Config;
use crate::i18n::{strings, Strings};
use crate::protocol::model::RuleData;
use crate::protocol::{
    asked_screens, Answer, Answers, Cond, Effect, Kind, Lang, Level, Outcome, Protocol, Question,
    GROUPS_QUESTION,
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
/// self-care, the rules that found each symptom normal), each with whether
/// it fired only through "not sure" (its `why_unsure` is then the reason).
pub fn reasons<'p>(p: &'p Protocol, outcome: &Outcome) -> Vec<(&'p RuleData, bool)> {
    outcome
        .fired
        .iter()
        .filter(|f| match outcome.level {
            Level::SelfCare => f.effect == Effect::Clear,
            level => f.effect == Effect::Raise && f.level == level,
        })
        .filter_map(|f| Some((p.rule(&f.id)?, f.unsure)))
        .collect()
}

/// The checklist items (red flags, faint follow-ups, IV signs) ticked "yes"
/// or "not sure" that a rule read to fire: what an emergency names.
pub fn ticked_items<'p>(p: &'p Protocol, answers: &Answers, rule: &RuleData) -> Vec<&'p Question> {
    fn walk<'p>(p: &'p Protocol, a: &Answers, c: &Cond, out: &mut Vec<&'p Question>, depth: u8) {
        match c {
            _ if depth > 32 => {}
            Cond::Is(map) => {
                for (id, codes) in map {
                    if let (Some(q), Some(Answer::One(code))) = (p.question(id), a.get(id)) {
                        let ticked = code == "yes" || code == "not_sure";
                        if q.parent.is_some()
                            && ticked
                            && codes.contains(code)
                            && !out.iter().any(|o| o.id == q.id)
                        {
                            out.push(q);
                        }
                    }
                }
            }
            Cond::All(l) | Cond::Any(l) | Cond::AtLeast { of: l, .. } => {
                l.iter().for_each(|c| walk(p, a, c, out, depth + 1))
            }
            Cond::Def(n) => {
                if let Some(c) = p.defs.get(n) {
                    walk(p, a, c, out, depth + 1)
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(p, answers, &rule.when, &mut out, 0);
    for r in &rule.raise {
        walk(p, answers, &r.when, &mut out, 0);
    }
    out
}

/// Whether the answers are given by someone helping the patient (the first
/// screen's "I am answering for someone else").
pub fn for_them(answers: &Answers) -> bool {
    matches!(answers.get(crate::roles::RESPONDENT), Some(Answer::One(c)) if c == crate::roles::RESPONDENT_HELPER)
}

/// A checklist's items answered "yes" or "not sure", each with that answer
/// in words.
fn marked<'a>(
    p: &'a Protocol,
    q: &'a Question,
    answers: &'a Answers,
    s: &'a Strings,
) -> impl Iterator<Item = (&'a Question, &'a str)> {
    q.sections
        .iter()
        .flat_map(|(_, items)| items.iter())
        .filter_map(|&i| p.questions.get(i))
        .filter_map(move |item| match answers.get(&item.id) {
            Some(Answer::One(c)) if c == "yes" => Some((item, s.yes)),
            Some(Answer::One(c)) if c == "not_sure" => Some((item, s.not_sure)),
            _ => None,
        })
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
            let ticked: Vec<String> = marked(p, q, answers, s)
                .map(|(item, word)| format!("{} ({word})", item.text.get(lang)))
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

/// The summary for the nurse, in parts: what the screen shows first (the
/// result, why, the symptoms and the "yes" answers, then the other answers),
/// the "no" answers (folded on screen), and the lines that close it.
pub struct Summary {
    /// The result, why, and every answer that is not a plain "no".
    pub head: String,
    /// The "no" answers, one line each.
    pub no: Vec<String>,
    /// The rules that fired (for the nurse).
    pub rules: String,
    /// The protocol, the disclaimer.
    pub foot: String,
}

impl Summary {
    /// The whole summary as plain text (copied, shared, printed): the "no"
    /// answers after the rest.
    pub fn text(&self, s: &Strings) -> String {
        let mut out = self.head.clone();
        if !self.no.is_empty() {
            let _ = writeln!(out, "\n{}:", s.summary_no);
            for l in &self.no {
                let _ = writeln!(out, "{l}");
            }
        }
        let _ = write!(out, "\n{}\n{}", self.rules, self.foot);
        out
    }
}

/// The summary's parts (see [`Summary`]).
pub fn summary(
    p: &Protocol,
    answers: &Answers,
    outcome: &Outcome,
    cfg: &Config,
    lang: Lang,
) -> Summary {
    let s = strings(lang);
    let they = for_them(answers);
    let f = |t: &str| fill(t, cfg, lang);
    let mut head = String::new();
    let title = p.outcomes.get(outcome.level).title_for(they);
    let _ = writeln!(head, "{} — {}", p.title.get(lang), f(title.get(lang)));
    let _ = writeln!(
        head,
        "{}: {}",
        s.summary_result,
        level_label(outcome.level, s)
    );
    // The read-back code, for the nurse to type (issue 20).
    if let Ok(code) = crate::readback::encode(p, answers) {
        let _ = writeln!(head, "{}", s.readback_summary.replace("{code}", &code));
    }
    // (without the reasons' file, not loaded yet: no empty lines)
    for (r, unsure) in reasons(p, outcome) {
        let why = r.why_for(unsure, they).get(lang);
        if !why.is_empty() {
            let _ = writeln!(head, "- {}", f(why));
        }
    }
    if they {
        let _ = writeln!(head, "{}", s.summary_helper);
    }
    if !outcome.assumed.is_empty() {
        let names: Vec<&str> = outcome
            .assumed
            .iter()
            .filter_map(|id| p.question(id))
            .map(|q| q.wording(they).get(lang))
            .collect();
        let _ = writeln!(head, "{}: {}", s.summary_assumed, names.join(" | "));
    }
    // The symptoms first, then the "yes" (and "not sure") answers, then the
    // other answers; the "no" answers apart.
    let (mut yes, mut other, mut no) = (Vec::new(), Vec::new(), Vec::new());
    for id in asked_screens(p, answers) {
        let Some(q) = p.question(&id) else { continue };
        let line = |q: &Question, words: &str| format!("- {} {}", q.wording(they).get(lang), words);
        if q.kind == Kind::Checklist {
            let ticked: Vec<String> = marked(p, q, answers, s)
                .map(|(item, word)| line(item, &format!("({word})")))
                .collect();
            if ticked.is_empty() {
                no.push(line(q, s.none_of_these));
            }
            yes.extend(ticked);
            continue;
        }
        let text = line(q, &answer_words(p, q, answers, lang));
        match answers.get(&id) {
            _ if id == GROUPS_QUESTION => yes.insert(0, text),
            Some(Answer::One(c)) if c == "yes" || c == "not_sure" => yes.push(text),
            Some(Answer::One(c)) if c == "no" || c.is_empty() => no.push(text),
            Some(Answer::Many(l)) if l.is_empty() => no.push(text),
            _ => other.push(text),
        }
    }
    let _ = writeln!(head, "\n{}:", s.summary_answers);
    for l in yes.iter().chain(&other) {
        let _ = writeln!(head, "{l}");
    }
    let rules = format!("{}: {}", s.summary_rules, outcome.fired_ids().join(", "));
    let mut foot = String::new();
    let _ = writeln!(
        foot,
        "{}",
        s.protocol_line
            .replace("{version}", &format!("{} {}", p.id, p.version))
            .replace("{date}", &p.review_date)
    );
    let _ = writeln!(foot, "{}", s.not_diagnosis);
    Summary {
        head,
        no,
        rules,
        foot,
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
    summary(p, answers, outcome, cfg, lang).text(strings(lang))
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
