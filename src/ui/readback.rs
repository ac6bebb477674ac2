//! The read-back code on the result (see `crate::readback`): the code the
//! patient reads to the nurse, and a QR code of the nurse's page with the
//! code in its fragment, for a nurse in the room. The QR code is drawn by
//! the page's loader script (`<ic-qr>`, `web/packs.js`), which loads its
//! library once the first screen has what it needs (never when a result
//! shows: that request would tell the site a result was reached).

use crate::i18n::Strings;
use crate::protocol::{Answers, Protocol};
use yew::prelude::*;

/// "Read this code to the nurse: 091Q-8W9", and its QR code (nothing when
/// the answers cannot be written as a code).
pub fn readback_block(p: &Protocol, answers: &Answers, t: &Strings) -> Html {
    let Ok(code) = crate::readback::encode(p, answers) else {
        return Html::default();
    };
    html! {
        <div class="ic-readback">
            <p data-readback={code.clone()}>{ t.readback_line.replace("{code}", &code) }</p>
            <ic-qr code={code} role="img" aria-label={t.readback_qr}></ic-qr>
        </div>
    }
}
