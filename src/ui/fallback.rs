//! The emergency bar, and whom to call when the check cannot run (no
//! language file, a crash): built with DOM calls, in both languages.

use super::*;

/// The emergency number, on every screen (and, with `end`, its copy at the
/// end of the screen, shown only in the iframe page). A function, not a
/// component: one component type less in the wasm.
pub(crate) fn emergency_bar(t: &Strings, cfg: &Config, end: bool) -> Html {
    let link = html! {
        <a class="ic-call-emergency" href={cfg.emergency.href()}
            data-action={if end { "call-emergency-end" } else { "call-emergency-bar" }}>
            { t.call.replace("{n}", &cfg.emergency.display) }
        </a>
    };
    if end {
        // (a landmark, as all content should be, of another role than the
        // top bar's: two regions of one name would be one too many)
        html! { <aside class="ic-emergency ic-emergency-end" aria-label={t.level_emergency}><span>{ t.emergency_bar }</span>{ link }</aside> }
    } else {
        html! {
            <div class="ic-emergency" role="region" aria-label={t.level_emergency}>
                <span>{ t.emergency_bar }</span>{ link }
            </div>
        }
    }
}

/// Whom to call, as Yew HTML: the same nodes the mount shows while no
/// language file is there, and the page's loader after a crash.
pub fn fallback(config: &Config) -> Html {
    fallback_node(config).map_or_else(Html::default, |e| Html::VRef(e.into()))
}

/// The fallback (both languages): the emergency number, the clinic's phone
/// and its after-hours line, built with DOM calls, never from an HTML string
/// (a host page that enforces Trusted Types, `require-trusted-types-for
/// 'script'`, refuses every HTML string, and every value is text by
/// construction). Phone links carry only `+` and digits. `None` only if the
/// browser cannot create an element.
pub fn fallback_node(cfg: &Config) -> Option<web_sys::Element> {
    let doc = web_sys::window()?.document()?;
    // A child `tag` of `parent` holding `text`. (Only the DOM calls Yew makes
    // anyway: each other one is a new import in the wasm and its glue.)
    let add = |parent: &web_sys::Element, tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.insert_before(&doc.create_text_node(text), None).ok()?;
        parent.insert_before(&e, None).ok()?;
        Some(e)
    };
    let out = doc.create_element("div").ok()?;
    let _ = out.set_attribute("class", "ic-fallback-box");
    let _ = out.set_attribute("data-fallback", "");
    // A line with a link.
    let link = |href: &str, text: &str| {
        let a = add(&add(&out, "p", "")?, "a", text)?;
        let _ = a.set_attribute("href", href);
        Some(a)
    };
    // The built-in words, not a language file's: this shows when none has
    // loaded. (Fields of the consts, not a reference to them, which would link
    // every word into the wasm.)
    const FALLBACK: [(&str, &str); 2] = [
        ("en", crate::i18n::EN.fallback),
        ("es", crate::i18n::ES.fallback),
    ];
    for (code, text) in FALLBACK {
        let _ = add(&out, "p", text)?.set_attribute("lang", code);
    }
    let _ = link(
        &cfg.emergency.href(),
        &format!(
            "{} / {}",
            crate::i18n::EN.call.replace("{n}", &cfg.emergency.display),
            crate::i18n::ES.call.replace("{n}", &cfg.emergency.display),
        ),
    )?
    .set_attribute("class", "ic-call-emergency");
    if let Some(phone) = &cfg.clinic_phone {
        let name = if cfg.clinic_name.is_empty() {
            "Clinic / Clínica"
        } else {
            &cfg.clinic_name
        };
        link(&phone.href(), &format!("{name}: {}", phone.display))?;
    }
    if let Some(phone) = &cfg.after_hours {
        // (a const of the two words: a reference to a const's field, as
        // format! takes, would link the whole word set into the wasm)
        const AFTER_HOURS: [&str; 2] = [
            crate::i18n::EN.call_after_hours,
            crate::i18n::ES.call_after_hours,
        ];
        let [en, es] = AFTER_HOURS;
        link(&phone.href(), &format!("{en} / {es}: {}", phone.display))?;
    }
    Some(out)
}
