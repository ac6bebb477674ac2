//! The checks kept on this phone, on the result (issue 20): "Keep this check
//! on this phone" (off until tapped), the last kept check, and "Delete my
//! saved checks" wherever kept checks exist. What is kept, and how it is
//! read back, is `crate::history`; where, `storage.rs`.

use super::*;
use crate::history::{days_ago, Check};

/// What happened to this result's "keep" (kept in the app, reset on each
/// new result).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Keep {
    /// Not tapped.
    #[default]
    No,
    /// Kept on this phone.
    Kept,
    /// The phone would not keep it.
    Failed,
    /// Every kept check deleted.
    Deleted,
}

/// The result's part about kept checks.
pub struct SavedProps {
    /// The checks kept on this phone, newest first.
    pub list: Rc<Vec<Check>>,
    /// What happened to this result's "keep".
    pub keep: Keep,
    /// "Keep this check on this phone".
    pub on_keep: Callback<MouseEvent>,
    /// "Delete my saved checks".
    pub on_delete: Callback<MouseEvent>,
}

/// "today at 14:30", "yesterday at 14:30", "3 days ago at 14:30", in the
/// phone's time zone.
pub fn when(t: &Strings, at: u32) -> String {
    let now = now_s();
    let (off_at, off_now) = (offset_at(at), offset_at(now));
    // (u32 arithmetic: i64 formatting would link more of core's number code)
    let local = (at % 86_400 + 86_400).wrapping_add_signed(off_at * 60) % 86_400;
    let two = |n: u32| format!("{}{}", n / 10, n % 10);
    let time = format!("{}:{}", two(local / 3600), two(local % 3600 / 60));
    match days_ago(at, now, off_at, off_now) {
        0 => t.saved_today.replace("{time}", &time),
        1 => t.saved_yesterday.replace("{time}", &time),
        n => t
            .saved_days_ago
            .replace("{n}", &n.to_string())
            .replace("{time}", &time),
    }
}

/// The block, after the advice.
pub fn saved_block(t: &Strings, s: &SavedProps) -> Html {
    // (the newest kept before this one)
    let last = s.list.get(usize::from(s.keep == Keep::Kept));
    html! {
        <section class="ic-kept" aria-label={t.keep_check} data-kept="">
            if let Some(c) = last {
                <p data-last-saved="">{ t.last_saved.replace("{when}", &when(t, c.at)).replace("{outcome}", crate::summary::level_label(c.level, t)) }</p>
            }
            // (the tapped button stays where it is, so focus does too; what
            // happened is read out by a line that is always there)
            <button type="button" class="ic-btn" onclick={s.on_keep.clone()} data-action="keep"
                aria-disabled={(s.keep == Keep::Kept).then_some("true")}>{ if s.keep == Keep::Kept { t.kept } else { t.keep_check } }</button>
            if s.keep != Keep::Kept {
                <p class="ic-hint">{ t.keep_note }</p>
            }
            if !s.list.is_empty() || s.keep == Keep::Deleted {
                <button type="button" class="ic-btn ic-link" onclick={s.on_delete.clone()} data-action="delete-saved"
                    aria-disabled={(s.keep == Keep::Deleted).then_some("true")}>{ t.delete_saved }</button>
            }
            <p class="ic-note" aria-live="polite" data-keep-status={match s.keep { Keep::No => "", Keep::Kept => "kept", Keep::Failed => "failed", Keep::Deleted => "deleted" }}>
                { match s.keep { Keep::No => "", Keep::Kept => t.kept, Keep::Failed => t.keep_failed, Keep::Deleted => t.deleted_saved } }
            </p>
        </section>
    }
}
