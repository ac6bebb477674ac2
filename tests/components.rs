//! The widget's components rendered in headless Chromium (wasm-bindgen-test):
//! each screen renders, answers move forward, Back and Start over work, and
//! switching the language keeps the answers.
#![cfg(target_arch = "wasm32")]

use infusion_check::config::Config;
use infusion_check::protocol::{Answers, Lang};
use infusion_check::ui::{
    add_pack_bytes, fallback, protocol_for, read_pack, App, AppProps, Handover,
};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn clear_storage() {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.clear();
    }
}

/// The language files, as the page's loader gives them.
fn load_packs() {
    for (lang, bytes) in infusion_check::MAGNESIUM_PACKS {
        assert!(add_pack_bytes(lang, bytes), "{lang:?}");
    }
    for (lang, bytes) in infusion_check::MAGNESIUM_REASONS {
        assert!(
            infusion_check::ui::add_reasons(lang.code(), bytes),
            "{lang:?}"
        );
    }
}

async fn mount(pairs: &[(&str, &str)], lang: Lang) -> Element {
    mount_after(pairs, lang, None).await
}

/// Mounts the widget as over the page's build-time first screen, where the
/// patient did `handover` before the wasm came.
async fn mount_after(pairs: &[(&str, &str)], lang: Lang, handover: Option<Handover>) -> Element {
    clear_storage();
    load_packs();
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let (config, issues) = Config::parse(pairs.iter().copied(), 0.0);
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            config: Rc::new(config),
            issues: Rc::new(issues),
            lang,
            lang_setting_changed: false,
            preset: Answers::new(),
            handover: handover.map(Rc::new),
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {sel} in {}", root.inner_html()))
}

/// Whether the input at `sel` is checked.
fn checked(root: &Element, sel: &str) -> bool {
    find(root, sel)
        .dyn_into::<HtmlInputElement>()
        .expect("an input")
        .checked()
}

fn screen(root: &Element) -> String {
    find(root, "main [data-question]")
        .get_attribute("data-question")
        .unwrap_or_default()
}

async fn click(root: &Element, sel: &str) {
    find(root, sel)
        .dyn_into::<HtmlElement>()
        .expect("an element")
        .click();
    yew::scheduler::flush().await;
}

/// "None of these" (the last checkbox, after "or"), then Next.
async fn none_of_these(root: &Element) {
    click(root, "input[data-option=none]").await;
    assert!(checked(root, "input[data-option=none]"));
    click(root, "[data-action=next]").await;
}

const DEMO: &[(&str, &str)] = &[
    ("clinic-name", "Test Clinic"),
    ("clinic-phone", "+1 555 0100"),
    ("emergency-number", "112"),
];

#[wasm_bindgen_test]
async fn the_first_screen_is_the_red_flag_checklist_with_the_emergency_number() {
    let root = mount(DEMO, Lang::En).await;
    assert_eq!(screen(&root), "red_flags");
    assert_eq!(
        root.query_selector_all("[data-question=red_flags] input[type=checkbox]")
            .expect("q")
            .length(),
        23,
        "21 items, None of these and the someone-else switch"
    );
    // GOV.UK's pattern: "None of these" is the last box, after "or"; short
    // items, their plain lines only when asked for; no Back on the first.
    let last = root
        .query_selector("[data-question=red_flags] fieldset > label:last-child input")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-option"));
    assert_eq!(last.as_deref(), Some("none"));
    assert_eq!(find(&root, ".ic-or").text_content().as_deref(), Some("or"));
    assert!(root
        .query_selector(".ic-item .ic-sub")
        .ok()
        .flatten()
        .is_none());
    assert!(root
        .query_selector("[data-action=back]")
        .ok()
        .flatten()
        .is_none());
    let bar = find(&root, "[data-action=call-emergency-bar]");
    assert_eq!(bar.get_attribute("href").as_deref(), Some("tel:112"));
    assert!(bar.text_content().unwrap_or_default().contains("112"));
    assert!(find(&root, "fieldset legend h2")
        .text_content()
        .unwrap_or_default()
        .contains("ANY of these"));
}

#[wasm_bindgen_test]
async fn answers_move_forward_back_keeps_them_and_start_over_clears() {
    let root = mount(DEMO, Lang::En).await;
    none_of_these(&root).await;
    assert_eq!(screen(&root), "ctx_time_since_end");
    click(&root, "button[data-option=\"1_to_6h\"]").await;
    assert_eq!(screen(&root), "ctx_at_clinic");
    click(&root, "[data-action=back]").await;
    assert_eq!(screen(&root), "ctx_time_since_end");
    assert_eq!(
        find(&root, "button[data-option=\"1_to_6h\"]")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    click(&root, "[data-action=restart]").await;
    // One tap only arms it; anything else disarms it.
    assert_eq!(screen(&root), "ctx_time_since_end");
    assert!(find(&root, "[data-action=restart]").has_attribute("data-armed"));
    click(&root, "button[data-option=\"1_to_6h\"]").await;
    click(&root, "[data-action=back]").await;
    click(&root, "[data-action=restart]").await;
    assert_eq!(screen(&root), "ctx_time_since_end");
    click(&root, "[data-action=restart]").await;
    assert_eq!(screen(&root), "red_flags");
    assert!(root
        .query_selector("[data-action=back]")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_ticked_red_flag_gives_the_emergency_result_at_once() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "input[data-option=rf_chest]").await;
    assert!(checked(&root, "input[data-option=rf_chest]"));
    click(&root, "[data-action=next]").await;
    let result = find(&root, "[data-disposition]");
    assert_eq!(
        result.get_attribute("data-disposition").as_deref(),
        Some("emergency")
    );
    assert_eq!(
        find(&root, "a[data-action=call-emergency]")
            .get_attribute("href")
            .as_deref(),
        Some("tel:112")
    );
    assert!(find(&root, "[data-rule=E01]").text_content().is_some());
    // The emergency names the red flag that was ticked.
    assert!(find(&root, "[data-rule=E01] [data-item=rf_chest]")
        .text_content()
        .unwrap_or_default()
        .contains("Chest pain"));
    // The outcome once: the title, no kicker repeating it.
    assert!(root.query_selector(".ic-kicker").ok().flatten().is_none());
    let first_view: String = [".ic-banner", ".ic-call-actions", ".ic-lead"]
        .iter()
        .map(|sel| find(&result, sel).text_content().unwrap_or_default())
        .collect();
    assert_eq!(first_view.matches("Emergency").count(), 1, "{first_view}");
    // One big button, the emergency call; the clinic's number is a plain
    // tel: link under it.
    let big = result
        .query_selector_all(".ic-call-actions .ic-btn")
        .expect("buttons");
    assert_eq!(big.length(), 1);
    let clinic = find(&root, ".ic-call-plain a[data-action=call-clinic]");
    assert!(!clinic
        .get_attribute("class")
        .unwrap_or_default()
        .contains("ic-btn"));
    assert_eq!(
        clinic.get_attribute("href").as_deref(),
        Some("tel:+15550100")
    );
    assert!(find(&root, "pre[data-summary]")
        .text_content()
        .unwrap_or_default()
        .contains("Chest pain"));
    assert!(find(&root, "[data-summary-rules]")
        .text_content()
        .unwrap_or_default()
        .contains("E01"));
}

#[wasm_bindgen_test]
async fn answering_for_someone_else_the_result_speaks_about_them() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "input[data-option=helping_someone]").await;
    click(&root, "input[data-option=rf_chest]").await;
    click(&root, "[data-action=next]").await;
    let result = find(&root, "[data-disposition]");
    assert!(result.has_attribute("data-they"));
    let text = result.text_content().unwrap_or_default();
    for they in [
        "keep them sitting or lying down",
        "If they are still at the clinic",
        "Do not let them drive.",
        "Answered by someone helping the patient.",
    ] {
        assert!(text.contains(they), "{they}: {text}");
    }
    for you in [
        "don't drive yourself",
        "I have pain",
        "Do not drive yourself.",
    ] {
        assert!(!text.contains(you), "{you}: {text}");
    }
}

#[wasm_bindgen_test]
async fn next_without_a_tick_asks_to_pick_and_does_not_move() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "[data-action=next]").await;
    assert_eq!(screen(&root), "red_flags");
    // GOV.UK's error summary at the top (focused), and the same message by
    // the boxes, in the fieldset's description.
    let summary = find(&root, "[data-error-summary][role=alert]");
    let text = summary.text_content().unwrap_or_default();
    assert!(
        text.contains("There is a problem") && text.contains("or select “None of these”"),
        "{text}"
    );
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert_eq!(active.as_ref(), Some(&summary));
    let described = find(&root, "[data-question=red_flags] fieldset")
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    let error = find(&root, "[data-error]").id();
    assert!(described.split(' ').any(|i| i == error), "{described}");
    // Next again (focus on it): focus goes back to the summary.
    let next: web_sys::HtmlElement = find(&root, "[data-action=next]").unchecked_into();
    let _ = next.focus();
    click(&root, "[data-action=next]").await;
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert_eq!(active.as_ref(), Some(&find(&root, "[data-error-summary]")));
    // A tick, and Next moves on.
    click(&root, "input[data-option=rf_chest]").await;
    assert!(root
        .query_selector("[data-error-summary]")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_language_switch_keeps_the_answers_and_the_screen() {
    let root = mount(DEMO, Lang::En).await;
    // "I am answering for someone else" is the first screen's switch.
    click(&root, "input[data-option=helping_someone]").await;
    none_of_these(&root).await;
    assert_eq!(screen(&root), "ctx_can_talk");
    click(&root, "button[data-lang=es]").await;
    assert_eq!(screen(&root), "ctx_can_talk");
    assert!(
        find(&root, "h2")
            .text_content()
            .unwrap_or_default()
            .contains("hablar"),
        "{}",
        root.inner_html()
    );
    click(&root, "[data-action=back]").await;
    assert_eq!(screen(&root), "red_flags");
    assert!(checked(&root, "input[data-option=helping_someone]"));
}

#[wasm_bindgen_test]
async fn someone_else_switches_the_checklist_wording_to_they() {
    let root = mount(DEMO, Lang::En).await;
    let heading = |root: &Element| {
        find(root, "fieldset legend h2")
            .text_content()
            .unwrap_or_default()
    };
    let before = heading(&root);
    click(&root, "input[data-option=helping_someone]").await;
    let after = heading(&root);
    assert!(
        before.contains("Do you have") && after.contains("Do they have"),
        "{before} / {after}"
    );
    // The items are written to fit both ("Very hard to breathe").
    let item = find(&root, "[data-question=rf_breath_severe]")
        .text_content()
        .unwrap_or_default();
    assert!(!item.contains(" I ") && !item.contains("They"), "{item}");
}

#[wasm_bindgen_test]
async fn not_sure_what_these_mean_explains_each_item_and_not_sure_is_taken_safely() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "[data-option=unsure]").await;
    // Each item: its plain line, and its own "Not sure".
    let items = root
        .query_selector_all("[data-explained] .ic-item")
        .expect("items");
    assert_eq!(items.length(), 21);
    assert!(find(&root, "[data-question=rf_wheeze] .ic-sub")
        .text_content()
        .unwrap_or_default()
        .contains("whistle"));
    assert_eq!(
        root.query_selector_all("input[data-option=not_sure]")
            .expect("q")
            .length(),
        21
    );
    assert!(root
        .query_selector("input:checked")
        .ok()
        .flatten()
        .is_none());
    click(
        &root,
        "input[data-option=not_sure][data-item=rf_breath_slow]",
    )
    .await;
    // "Not sure" about one, the rest not ticked: taken as no, and the unsure
    // one the safe way (B2: emergency).
    click(&root, "[data-action=next]").await;
    assert_eq!(
        find(&root, "[data-disposition]")
            .get_attribute("data-disposition")
            .as_deref(),
        Some("emergency")
    );
    // Why, in the words of the answer: E02 fired only because of "not
    // sure", and says so, naming the item.
    let e02 = find(&root, "[data-rule=E02]");
    assert!(e02.has_attribute("data-unsure"));
    assert!(e02
        .text_content()
        .unwrap_or_default()
        .contains("weren't sure"));
    assert!(find(&root, "[data-rule=E02] [data-item=rf_breath_slow]")
        .text_content()
        .unwrap_or_default()
        .contains("Very slow or weak breathing"));
}

#[wasm_bindgen_test]
async fn each_screen_kind_renders_and_a_full_flow_ends_in_self_care() {
    let root = mount(DEMO, Lang::En).await;
    none_of_these(&root).await;
    for (expect, option) in [("ctx_time_since_end", "1_to_6h"), ("ctx_at_clinic", "no")] {
        assert_eq!(screen(&root), expect);
        click(&root, &format!("button[data-option=\"{option}\"]")).await;
    }
    assert_eq!(screen(&root), "symptoms");
    click(&root, "input[data-option=g_other]").await;
    click(&root, "[data-action=next]").await;
    assert_eq!(screen(&root), "ot_related");
    click(&root, "button[data-option=something_else]").await;
    assert_eq!(screen(&root), "ot_text");
    click(&root, "[data-option=skip]").await;
    // Then only the risk questions that could still change a self-care result.
    for expect in ["ctx_repeat_use", "mod_pregnant"] {
        assert_eq!(screen(&root), expect);
        click(&root, "button[data-option=\"no\"]").await;
    }
    let result = find(&root, "[data-disposition]");
    assert_eq!(
        result.get_attribute("data-disposition").as_deref(),
        Some("self_care")
    );
    assert!(find(&root, "[data-rule=SC08]").text_content().is_some());
    assert!(
        result
            .text_content()
            .unwrap_or_default()
            .contains("pharmacist"),
        "SC08's signposting advice"
    );
}

#[wasm_bindgen_test]
async fn a_bad_configuration_shows_the_setup_notice_and_safe_defaults() {
    let root = mount(
        &[
            ("clinic-phone", "javascript:alert(1)"),
            ("emergency-number", "<b>"),
        ],
        Lang::En,
    )
    .await;
    let notice = find(&root, "[data-setup-notice]")
        .text_content()
        .unwrap_or_default();
    assert!(
        notice.contains("clinic-phone") && notice.contains("emergency-number"),
        "{notice}"
    );
    assert_eq!(
        find(&root, "[data-action=call-emergency-bar]")
            .get_attribute("href")
            .as_deref(),
        Some("tel:911")
    );
    assert!(
        root.query_selector("b").ok().flatten().is_none(),
        "no HTML injected"
    );
}

#[wasm_bindgen_test]
async fn the_fallback_shows_whom_to_call() {
    clear_storage();
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let (config, _) = Config::parse(
        [
            ("clinic-phone", "555 0100"),
            ("clinic-name", "A & B \"Clinic\""),
        ],
        0.0,
    );
    use yew::prelude::*;
    #[derive(Properties, PartialEq)]
    struct HostProps {
        config: Rc<Config>,
    }
    #[component]
    fn Host(props: &HostProps) -> Html {
        fallback(&props.config)
    }
    yew::Renderer::<Host>::with_root_and_props(
        root.clone(),
        HostProps {
            config: Rc::new(config),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let html = root.inner_html();
    assert!(
        html.contains("href=\"tel:911\"") && html.contains("href=\"tel:5550100\""),
        "{html}"
    );
    assert!(html.contains("A &amp; B \"Clinic\": 555 0100"), "{html}");
    // The fallback is built with DOM calls (no HTML string: Trusted Types):
    // every value is text, even one that the configuration checks would
    // never let through.
    let raw = Config {
        clinic_name: "<b onmouseover=x>Clinic</b>".into(),
        clinic_phone: infusion_check::config::Phone::parse("555 0100").ok(),
        ..Config::default()
    };
    let node = infusion_check::ui::fallback_node(&raw).expect("the fallback");
    assert!(node.query_selector("b").ok().flatten().is_none());
    let text = node.text_content().unwrap_or_default();
    assert!(
        text.contains("<b onmouseover=x>Clinic</b>: 555 0100"),
        "{text}"
    );
    assert!(node
        .matches("[data-fallback].ic-fallback-box")
        .unwrap_or(false));
    assert_eq!(
        node.query_selector("a.ic-call-emergency")
            .ok()
            .flatten()
            .and_then(|a| a.get_attribute("href"))
            .as_deref(),
        Some("tel:911")
    );
}

#[wasm_bindgen_test]
async fn none_of_these_unticks_the_others_and_a_tick_unticks_none() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "input[data-option=rf_chest]").await;
    click(&root, "input[data-option=none]").await;
    // What is shown is what counts: the tick is gone where the patient sees it.
    assert!(checked(&root, "input[data-option=none]"));
    assert!(!checked(&root, "input[data-option=rf_chest]"));
    // ... and a screen reader hears that the tick was taken off.
    let live = || {
        find(&root, "[data-cleared-live]")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(live(), infusion_check::i18n::EN.none_cleared);
    click(&root, "input[data-option=rf_chest]").await;
    assert!(!checked(&root, "input[data-option=none]"));
    assert_eq!(live(), "");
    // Ticking "None of these" with nothing else ticked says nothing.
    click(&root, "input[data-option=rf_chest]").await;
    click(&root, "input[data-option=none]").await;
    assert_eq!(live(), "");
    click(&root, "input[data-option=rf_chest]").await;
    click(&root, "[data-action=next]").await;
    assert_eq!(
        find(&root, "[data-disposition]")
            .get_attribute("data-disposition")
            .as_deref(),
        Some("emergency")
    );
    assert!(find(&root, "[data-at-clinic]")
        .text_content()
        .unwrap_or_default()
        .contains("clinic"));
}

#[wasm_bindgen_test]
async fn start_over_clears_the_ticks_on_the_first_screen() {
    let root = mount(DEMO, Lang::En).await;
    none_of_these(&root).await;
    click(&root, "[data-action=back]").await;
    click(&root, "input[data-option=rf_chest]").await;
    click(&root, "[data-action=restart]").await;
    click(&root, "[data-action=restart]").await;
    assert_eq!(screen(&root), "red_flags");
    assert!(!checked(&root, "input[data-option=rf_chest]"));
}

#[wasm_bindgen_test]
fn a_damaged_or_wrong_language_file_is_refused_and_a_good_one_read() {
    let [(_, en), (_, es)] = infusion_check::MAGNESIUM_PACKS;
    // Cut short, garbage, or the other language: refused, never a panic.
    assert!(read_pack(Lang::En, &en[..en.len() / 2]).is_err());
    assert!(read_pack(Lang::Es, &[0xff; 64]).is_err());
    assert!(read_pack(Lang::Es, en).is_err());
    assert!(read_pack(Lang::En, es).is_err());
    assert!(!infusion_check::ui::add_pack("fr", en));
    let (p, words) = read_pack(Lang::Es, es).expect("es");
    assert_eq!(p.key(), infusion_check::PROTOCOL_KEY);
    // Each file carries its own language only, and the widget's words in it.
    assert!(!p.status.es.is_empty() && p.status.en.is_empty());
    assert_eq!(words, infusion_check::i18n::ES);
    load_packs();
    assert!(protocol_for(Lang::En).is_some() && protocol_for(Lang::Es).is_some());
    assert_eq!(
        infusion_check::i18n::strings(Lang::En),
        &infusion_check::i18n::EN
    );
    assert_eq!(
        infusion_check::i18n::strings(Lang::Es),
        &infusion_check::i18n::ES
    );
}

#[wasm_bindgen_test]
async fn not_sure_about_worry_is_call_now_with_the_emergency_line_at_the_top() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "[data-option=unsure]").await;
    click(&root, "input[data-option=not_sure][data-item=rf_worried]").await;
    click(&root, "[data-action=next]").await;
    for option in ["1_to_6h", "no"] {
        click(&root, &format!("button[data-option=\"{option}\"]")).await;
    }
    click(&root, "input[data-option=g_none]").await;
    click(&root, "[data-action=next]").await;
    // Call-now already (X01): what the earlier symptom was, or any risk
    // question, cannot change it, so none is asked.
    let result = find(&root, "[data-disposition]");
    assert_eq!(result.get_attribute("data-urgency").as_deref(), Some("now"));
    assert!(root
        .query_selector("[data-rule=X01]")
        .ok()
        .flatten()
        .is_some());
    // Why says the patient was not sure, and names the item.
    let x01 = find(&root, "[data-rule=X01]");
    assert!(x01.has_attribute("data-unsure"));
    assert!(x01
        .text_content()
        .unwrap_or_default()
        .contains("weren't sure"));
    assert!(root
        .query_selector("[data-rule=X01] [data-item=rf_worried]")
        .ok()
        .flatten()
        .is_some());
    // X01's "call 112 if you can't reach the clinic" leads what to do now.
    assert!(find(&root, ".ic-do-now li")
        .text_content()
        .unwrap_or_default()
        .contains("112"));
    // The summary: the "no" answers folded apart, not in what is read first.
    let no = find(&root, "details[data-summary-no]");
    assert!(!no.has_attribute("open"));
    assert!(no
        .text_content()
        .unwrap_or_default()
        .contains("Are you still at the clinic? No"));
    let head = find(&root, "pre[data-summary]")
        .text_content()
        .unwrap_or_default();
    assert!(!head.contains("still at the clinic"), "{head}");
    assert!(head.contains("What are you feeling now?"), "{head}");
}

#[wasm_bindgen_test]
async fn a_tick_not_yet_confirmed_stays_on_its_screen_but_never_decides() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "input[data-option=rf_fainted]").await;
    click(&root, "[data-action=next]").await;
    assert_eq!(screen(&root), "faint_followup");
    // A tick on the follow-ups, then Back instead of Next: it is kept (shown
    // again on the way forward) ...
    click(&root, "input[data-option=fo_heart]").await;
    click(&root, "[data-action=back]").await;
    assert_eq!(screen(&root), "red_flags");
    click(&root, "[data-action=next]").await;
    assert_eq!(screen(&root), "faint_followup");
    let ticked = |root: &Element, id: &str| checked(root, &format!("input[data-option={id}]"));
    assert!(ticked(&root, "fo_heart"));
    // ... but once the faint is unticked, the follow-ups are not asked and
    // their unconfirmed tick plays no part in the result.
    click(&root, "[data-action=back]").await;
    click(&root, "input[data-option=rf_fainted]").await;
    none_of_these(&root).await;
    assert_eq!(screen(&root), "ctx_time_since_end");
    // The notice of a screen shows in the language switched to.
    click(&root, "[data-action=back]").await;
    assert!(ticked(&root, "none"), "None of these, as confirmed");
    click(&root, "input[data-option=none]").await;
    click(&root, "[data-action=next]").await;
    assert!(find(&root, "[role=alert]")
        .text_content()
        .unwrap_or_default()
        .contains("None of these"));
    click(&root, "button[data-lang=es]").await;
    yew::scheduler::flush().await;
    assert!(find(&root, "[role=alert]")
        .text_content()
        .unwrap_or_default()
        .contains("Ninguno de estos"));
}

#[wasm_bindgen_test]
async fn an_explained_checklist_stays_explained_after_back() {
    let root = mount(DEMO, Lang::En).await;
    click(&root, "input[data-option=rf_fainted]").await;
    click(&root, "[data-action=next]").await;
    assert_eq!(screen(&root), "faint_followup");
    click(&root, "[data-option=unsure]").await;
    click(&root, "input[data-option=fo_heart]").await;
    click(&root, "input[data-option=not_sure][data-item=fo_long]").await;
    click(&root, "[data-action=back]").await;
    click(&root, "[data-action=next]").await;
    assert_eq!(screen(&root), "faint_followup");
    // Still explained, with both answers.
    assert!(find(&root, "[data-question=faint_followup]").has_attribute("data-explained"));
    assert!(checked(&root, "input[data-option=fo_heart]"));
    assert!(checked(
        &root,
        "input[data-option=not_sure][data-item=fo_long]"
    ));
    click(&root, "[data-action=next]").await;
    assert_eq!(
        find(&root, "[data-disposition]")
            .get_attribute("data-disposition")
            .as_deref(),
        Some("emergency")
    );
}

#[wasm_bindgen_test]
async fn what_was_done_before_the_wasm_is_carried_in_and_a_red_flag_tick_is_never_lost() {
    let ticked = |t: &[&str]| t.iter().map(|s| s.to_string()).collect();
    // A red flag and "None of these" both ticked (the page's script keeps
    // them apart; if not): the red flag counts.
    let root = mount_after(
        DEMO,
        Lang::En,
        Some(Handover {
            ticked: ticked(&["rf_chest", "none"]),
            next: true,
            ..Handover::default()
        }),
    )
    .await;
    assert_eq!(
        find(&root, "[data-disposition]")
            .get_attribute("data-disposition")
            .as_deref(),
        Some("emergency")
    );
    // Ticks without Next: the same screen with them, "someone else" too.
    let root = mount_after(
        DEMO,
        Lang::En,
        Some(Handover {
            ticked: ticked(&["helping_someone", "rf_fainted"]),
            ..Handover::default()
        }),
    )
    .await;
    assert_eq!(screen(&root), "red_flags");
    assert!(checked(&root, "input[data-option=rf_fainted]"));
    assert!(checked(&root, "input[data-option=helping_someone]"));
    assert!(!checked(&root, "input[data-option=none]"));
    // "Not sure what these mean" and Next: the explanations first (each
    // item's plain line and its own "Not sure"), not the next screen.
    let root = mount_after(
        DEMO,
        Lang::En,
        Some(Handover {
            ticked: ticked(&["none"]),
            explain: true,
            next: true,
            ..Handover::default()
        }),
    )
    .await;
    assert_eq!(screen(&root), "red_flags");
    find(&root, "[data-question=red_flags][data-explained]");
    find(&root, "input[data-option=not_sure][data-item=rf_worried]");
    // "None of these" and Next: the next screen.
    let root = mount_after(
        DEMO,
        Lang::En,
        Some(Handover {
            ticked: ticked(&["none"]),
            next: true,
            ..Handover::default()
        }),
    )
    .await;
    assert_ne!(screen(&root), "red_flags");
}
