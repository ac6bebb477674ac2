#![cfg(not(target_arch = "wasm32"))]
//! The re-check reminder over every shared case: offered on exactly the
//! call-today and self-care results (never at the clinic), with the
//! outcome's safety-netting, the clinic's numbers and a link without the
//! answers; and its file, whole, for one of each.

mod common;

use infusion_check::config::Config;
use infusion_check::protocol::cases::parse_cases;
use infusion_check::protocol::{triage, Lang, Level};
use infusion_check::reminder::{event, ics, recheck_at};

#[test]
fn every_case_offers_the_reminder_on_call_today_and_self_care_only() {
    let p = common::magnesium();
    let json = std::fs::read_to_string(common::cases_dir().join("magnesium.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let cases = parse_cases(&p, &json).unwrap_or_else(|e| panic!("{e}"));
    let (cfg, issues) = Config::parse_fragment(
        "clinic-name=Demo%20Clinic&clinic-phone=%2B1%20555%200100&after-hours-phone=%2B1%20555%200199",
        0.0,
    );
    assert!(issues.is_empty());
    let mut seen = [0; 4];
    for (case, answers) in &cases {
        let o = triage(&p, answers);
        for lang in Lang::ALL {
            let e = event(
                &p,
                answers,
                &o,
                &cfg,
                lang,
                "https://x.example/frame.html#old",
            );
            let expected =
                matches!(o.level, Level::CallToday | Level::SelfCare) && !o.has_fired("T01");
            assert_eq!(e.is_some(), expected, "{}: {}", case.id, o.level.code());
            let Some(e) = e else { continue };
            let texts = p.outcomes.get(o.level);
            assert_eq!(
                e.recheck,
                texts
                    .recheck
                    .clone()
                    .unwrap_or_else(|| panic!("no recheck"))
            );
            // the safety-netting: the lead and the first "what to do" as the result says it
            let first = infusion_check::summary::fill(
                infusion_check::protocol::they_list(
                    &texts.do_now,
                    &texts.do_now_they,
                    infusion_check::summary::for_them(answers),
                )
                .first()
                .map(|t| t.get(lang))
                .unwrap_or(""),
                &cfg,
                lang,
            );
            assert!(e.description.contains(&first), "{}: {first}", case.id);
            assert!(e.description.contains("+1 555 0100"), "{}", case.id);
            assert!(e.description.contains("+1 555 0199"), "{}", case.id);
            assert!(
                !e.description.contains('{'),
                "{}: a placeholder left",
                case.id
            );
            assert!(e
                .url
                .starts_with("https://x.example/frame.html#clinic-name=Demo%20Clinic&"));
            assert!(
                e.url.ends_with(&format!("&lang={}", lang.code())),
                "{}",
                e.url
            );
            // the answers are never in it
            for id in answers.0.keys() {
                assert!(
                    !e.url.contains(id.as_str()),
                    "{}: {id} in {}",
                    case.id,
                    e.url
                );
            }
        }
        seen[o.level as usize] += 1;
    }
    assert!(
        seen.iter().all(|&n| n > 0),
        "every level among the cases: {seen:?}"
    );
}

#[test]
fn the_file_of_a_self_care_result_in_spanish() {
    let p = common::magnesium();
    let json = std::fs::read_to_string(common::cases_dir().join("magnesium.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let cases = parse_cases(&p, &json).unwrap_or_else(|e| panic!("{e}"));
    let (_, answers) = cases
        .iter()
        .find(|(_, a)| triage(&p, a).level == Level::SelfCare)
        .unwrap_or_else(|| panic!("no self-care case"));
    let o = triage(&p, answers);
    let cfg = Config::default();
    let e = event(&p, answers, &o, &cfg, Lang::Es, "https://x.example/")
        .unwrap_or_else(|| panic!("no reminder"));
    // 21:30 in Mexico City (UTC-6): 08:00 the next morning, 14:00 UTC
    let now = 1_781_148_600_000; // 2026-06-11T03:30:00Z
    let start = recheck_at(&e.recheck, now, |_| -360).unwrap_or_default();
    let f = ics(&e, now, start, "x");
    assert!(f.contains("\r\nDTSTART:20260611T140000Z\r\n"), "{f}");
    assert!(f.contains("\r\nSUMMARY:Revise otra vez cómo se siente después del suero\r\n"));
    // (no clinic phone configured: the discharge papers)
    assert!(f
        .replace("\r\n ", "")
        .contains("Use el número de teléfono de sus papeles de alta."));
    assert!(f.split("\r\n").all(|l| l.len() <= 75));
}
