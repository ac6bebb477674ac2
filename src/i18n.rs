//! The widget's own words (buttons, headings, notices), in every language.
//! One struct: a string missing in a language is a compile error, and a test
//! checks that none is empty. The clinical wording lives in the protocol data.
//!
//! In the browser the words come in each language's file with the protocol's
//! text (`build.rs` writes them there from [`EN`] and [`ES`]): the wasm carries
//! none but the fallback's few, in both languages, for when no file loads.

use crate::protocol::Lang;

macro_rules! strings_struct {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every UI string.
        #[derive(Debug, PartialEq)]
        pub struct Strings {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl Strings {
            /// Every field, by name, in declaration order (the order of the
            /// words in a language file).
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name)),*]
            }

            /// Every word empty (see [`BLANK`]).
            #[cfg(all(target_arch = "wasm32", not(feature = "nurse")))]
            const EMPTY: Strings = Strings { $($name: "",)* };

            /// The words of a language file, in [`Strings::fields`] order;
            /// `None` when there are more or fewer than the fields, or one is
            /// empty. Kept for the page's life (read once per language).
            pub fn from_words(words: Vec<String>) -> Option<Strings> {
                if words.iter().any(|w| w.trim().is_empty()) {
                    return None;
                }
                // (one array, taken apart: no code per field)
                let words: Vec<&'static str> = words.leak().iter().map(String::as_str).collect();
                let [$($name),*] = words.try_into().ok()?;
                Some(Strings { $($name),* })
            }
        }
    };
}

strings_struct! {
    /// Shown above the check.
    app_title,
    /// The line under the title.
    app_intro,
    /// The emergency bar: "Emergency? Call {n}".
    emergency_bar,
    /// The call button label: "Call {n}".
    call,
    /// Back.
    back,
    /// Start over.
    start_over,
    /// "Start over" after one tap: a second tap clears the answers.
    restart_confirm,
    /// Read out when ticking "None of these" unticked the patient's ticks.
    none_cleared,
    /// Continue.
    next,
    /// "None of these".
    none_of_these,
    /// The "or" before "None of these".
    or,
    /// "I'm not sure what some of these mean".
    unsure_checklist,
    /// The note on the explained checklist (a hint and "Not sure" under each item).
    unsure_checklist_hint,
    /// Yes.
    yes,
    /// No.
    no,
    /// Not sure.
    not_sure,
    /// "I'm answering for someone else".
    for_someone_else,
    /// "Question {n}".
    progress,
    /// After it, once few are left: "{m} more at most" (never more than before).
    progress_more,
    /// After it, when it is the last: "the last one".
    progress_last,
    /// The language switcher's label.
    language,
    /// "Pick at least one".
    pick_one,
    /// Next tapped with nothing selected where "None of these" is offered.
    select_or_none,
    /// The error summary's heading: "There is a problem".
    error_title,
    /// The other language's file could not load (offline on a first visit).
    lang_unavailable,
    /// Skip (optional text).
    skip,
    /// The heading of the fired rules.
    why,
    /// "What to do now".
    do_now,
    /// "Call {EMERGENCY_NUMBER} right away if:".
    get_help,
    /// "What can help".
    advice,
    /// Call the clinic: "Call {clinic}".
    call_clinic,
    /// "After-hours line".
    call_after_hours,
    /// When no clinic phone is configured.
    no_clinic_phone,
    /// "your clinic" (for `{CLINIC_NAME}` when none is set).
    your_clinic,
    /// For `{CLINIC_PHONE}` when none is set.
    clinic_phone_missing,
    /// For `{AFTER_HOURS_LINE}` when none is set.
    after_hours_missing,
    /// For `{INFUSION_CONTENTS}` when none is set.
    infusion_default,
    /// "This is not a diagnosis."
    not_diagnosis,
    /// "Protocol {version}, review by {date}."
    protocol_line,
    /// The summary's heading.
    summary_title,
    /// What the summary is for.
    summary_intro,
    /// Copy.
    copy,
    /// "Copied".
    copied,
    /// The Copy button when the browser refused to copy (a frame without
    /// clipboard access).
    copy_failed,
    /// What to do instead, under it.
    copy_failed_hint,
    /// Share.
    share,
    /// Print.
    print,
    /// The result's secondary action: "Remind me to check again" (a calendar file).
    reminder,
    /// Under it, for a reminder some hours on: "{n}" hours.
    reminder_in_hours,
    /// Under it, for a reminder the next morning: "{time}" (`08:00`).
    reminder_next_morning,
    /// The calendar event's title.
    reminder_title,
    /// The calendar event's title when someone answers for the patient.
    reminder_title_they,
    /// Before the link back to the check in the event: "Open the check again:".
    reminder_open,
    /// On a result: keep this check on this phone (opt-in, local storage).
    keep_check,
    /// Under it: what is kept, and where.
    keep_note,
    /// After it was kept.
    kept,
    /// The phone would not keep it (storage refused).
    keep_failed,
    /// Deletes every saved check.
    delete_saved,
    /// After they were deleted.
    deleted_saved,
    /// "Your last saved check, {when}: {outcome}."
    last_saved,
    /// "{when}" today: "today at {time}".
    saved_today,
    /// "yesterday at {time}".
    saved_yesterday,
    /// "{n} days ago at {time}".
    saved_days_ago,
    /// The repeat-use question answered in advance: "{when}".
    prefilled_repeat,
    /// The result's read-back code: "Read this code to the nurse: {code}".
    readback_line,
    /// The read-back code's line in the summary: "Code for the nurse's page: {code}".
    readback_summary,
    /// The accessible name of the QR code of the nurse's page.
    readback_qr,
    /// The summary's "Answers" heading.
    summary_answers,
    /// The summary's "Result" label.
    summary_result,
    /// The summary's "Rules" label.
    summary_rules,
    /// The summary's "Not sure (read the safer way)" label.
    summary_assumed,
    /// The summary's folded list of the "no" answers: "Answered no".
    summary_no,
    /// The summary's line when someone answers for the patient.
    summary_helper,
    /// The result's reasons have not come in yet (or could not).
    reasons_loading,
    /// The visible setup notice for the webmaster.
    setup_notice,
    /// The screen-reader announcement of a new screen: "Question: {q}".
    announce_question,
    /// The announcement of the result.
    announce_result,
    /// The fallback's message (something went wrong).
    fallback,
    /// "Emergency", "Call the clinic now" ... in the icon's label.
    level_emergency,
    /// Call now.
    level_call_now,
    /// Call today.
    level_call_today,
    /// Self-care.
    level_self_care,
    /// "Answers kept on this phone only" (privacy line).
    privacy,
    /// Outside the clinic's opening hours, on "call the clinic": "The clinic
    /// is closed now. It opens {day} at {time}."
    hours_closed,
    /// Within them: "The clinic is open now, until {time}."
    hours_open,
    /// `{day}` in `hours_opens`: today, then Monday to Sunday, split by `|`.
    hours_days,
    /// The therapy screen (when the clinic gives several drips): its question.
    therapy_q,
    /// Its hint.
    therapy_hint,
    /// The packs in plain words (`magnesium`, `iron`, `vitamin-c`, `vitamin-drip`), and a line under each.
    therapy_magnesium,
    therapy_iron,
    therapy_iron_hint,
    therapy_vitamin_c,
    therapy_vitamin_c_hint,
    therapy_vitamin_drip,
    therapy_vitamin_drip_hint,
    /// "I'm not sure" (every drip offered), and its line.
    therapy_not_sure,
    therapy_not_sure_hint,
    /// Next with nothing picked.
    therapy_pick,
    /// While the questions of the drip picked load, and if they cannot.
    therapy_loading,
    therapy_failed,
    /// Try loading again.
    retry,
}

/// English.
pub const EN: Strings = Strings {
    app_title: "Check how you feel",
    app_intro: "Your answers stay on this phone.",
    emergency_bar: "Emergency?",
    call: "Call {n}",
    back: "Back",
    start_over: "Start over",
    restart_confirm: "Tap again to clear all your answers",
    none_cleared: "Your other ticks were taken off.",
    next: "Next",
    none_of_these: "None of these",
    or: "or",
    unsure_checklist: "I'm not sure what some of these mean",
    unsure_checklist_hint: "Under each one is what it means. If you are not sure about one, tick “Not sure” under it. Then we take the safer choice.",
    yes: "Yes",
    no: "No",
    not_sure: "Not sure",
    for_someone_else: "I am answering for someone else",
    progress: "Question {n}",
    progress_more: "{m} more at most",
    progress_last: "the last one",
    language: "Language",
    pick_one: "Select at least one.",
    select_or_none: "Select any that are true, or select “None of these”.",
    error_title: "There is a problem",
    lang_unavailable: "Spanish could not load. Check your connection and try again.",
    skip: "Skip",
    why: "Why",
    do_now: "What to do now",
    get_help: "Call {EMERGENCY_NUMBER} right away if:",
    advice: "What can help",
    call_clinic: "Call {clinic}",
    call_after_hours: "After-hours line",
    no_clinic_phone: "Use the phone number on your discharge papers.",
    your_clinic: "your clinic",
    clinic_phone_missing: "the number on your discharge papers",
    after_hours_missing: "your after-hours nurse line",
    infusion_default: "magnesium",
    not_diagnosis: "This is not a diagnosis. It helps you decide whom to call. If you are worried, call.",
    protocol_line: "Protocol {version}, review by {date}.",
    summary_title: "Summary for the nurse",
    summary_intro: "Read this out, copy it, share it, or print it for the clinic.",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Could not copy",
    copy_failed_hint: "This page could not copy the summary. Select its text above to copy it, or read it out.",
    share: "Share",
    print: "Print",
    reminder: "Remind me to check again",
    reminder_in_hours: "A reminder in {n} hours for your calendar. It is made on this phone.",
    reminder_next_morning: "A reminder for the next morning at {time} for your calendar. It is made on this phone.",
    reminder_title: "Check again how you feel after your drip",
    reminder_title_they: "Check again how they feel after the drip",
    reminder_open: "Open the check again:",
    keep_check: "Keep this check on this phone",
    keep_note: "Only on this phone: the time, the result and the problems you picked, for up to 7 days. Then the next check can show it.",
    kept: "Kept on this phone.",
    keep_failed: "This phone would not keep it.",
    delete_saved: "Delete my saved checks",
    deleted_saved: "Your saved checks are deleted.",
    last_saved: "Your last saved check, {when}: {outcome}.",
    saved_today: "today at {time}",
    saved_yesterday: "yesterday at {time}",
    saved_days_ago: "{n} days ago at {time}",
    prefilled_repeat: "You kept a check for the same problem {when}, so “Yes” is picked. Change it if that is wrong.",
    readback_line: "Read this code to the nurse: {code}",
    readback_summary: "Code for the nurse's page: {code}",
    readback_qr: "QR code for the nurse",
    summary_answers: "Answers",
    summary_result: "Result",
    summary_rules: "Rules that fired",
    summary_assumed: "Not sure (read the safer way)",
    summary_no: "Answered no",
    summary_helper: "Answered by someone helping the patient.",
    reasons_loading: "The reasons could not be shown yet. What to do does not depend on them: it is all on this page.",
    setup_notice: "For the clinic's website team: setup problems (patients can ignore this)",
    announce_question: "Question: {q}",
    announce_result: "Result: {r}",
    fallback: "The symptom check is not working right now. If you feel unwell, call:",
    level_emergency: "Emergency",
    level_call_now: "Call the clinic now",
    level_call_today: "Call the clinic today",
    level_self_care: "Normal and passing",
    privacy: "Your answers stay on this phone. Nothing is sent anywhere.",
    hours_closed: "The clinic is closed now. It opens {day} at {time}.",
    hours_open: "The clinic is open now, until {time}.",
    hours_days: "today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
    therapy_q: "What was in your drip?",
    therapy_hint: "Pick all that were in it. If you don't know, pick “I'm not sure”.",
    therapy_magnesium: "Magnesium",
    therapy_iron: "Iron",
    therapy_iron_hint: "For low iron or anemia",
    therapy_vitamin_c: "Vitamin C, a large dose",
    therapy_vitamin_c_hint: "A drip of vitamin C alone, often for cancer care",
    therapy_vitamin_drip: "A vitamin drip, or fluids only",
    therapy_vitamin_drip_hint: "Like a Myers' drip, B vitamins, or a drip for hydration",
    therapy_not_sure: "I'm not sure",
    therapy_not_sure_hint: "We will ask about all of them, to be safe.",
    therapy_pick: "Select what was in your drip, or select “I'm not sure”.",
    therapy_loading: "Getting the questions for your drip…",
    therapy_failed: "The questions for your drip could not load. Check your internet and try again. If you feel unwell, call now.",
    retry: "Try again",
};

/// Spanish.
pub const ES: Strings = Strings {
    app_title: "¿Cómo se siente?",
    app_intro: "Sus respuestas se quedan en este teléfono.",
    emergency_bar: "¿Emergencia?",
    call: "Llame al {n}",
    back: "Atrás",
    start_over: "Empezar de nuevo",
    restart_confirm: "Toque otra vez para borrar todas sus respuestas",
    none_cleared: "Se quitaron sus otras marcas.",
    next: "Siguiente",
    none_of_these: "Ninguno de estos",
    or: "o",
    unsure_checklist: "No entiendo algunos de estos",
    unsure_checklist_hint: "Debajo de cada uno dice lo que significa. Si tiene dudas sobre alguno, marque “No sé” debajo. Así tomamos la opción más segura.",
    yes: "Sí",
    no: "No",
    not_sure: "No sé",
    for_someone_else: "Estoy contestando por otra persona",
    progress: "Pregunta {n}",
    progress_more: "{m} más como máximo",
    progress_last: "la última",
    language: "Idioma",
    pick_one: "Marque al menos uno.",
    select_or_none: "Marque los que sean ciertos, o marque “Ninguno de estos”.",
    error_title: "Hay un problema",
    lang_unavailable: "No se pudo cargar el inglés. Revise su conexión e intente de nuevo.",
    skip: "Omitir",
    why: "Por qué",
    do_now: "Qué hacer ahora",
    get_help: "Llame al {EMERGENCY_NUMBER} de inmediato si:",
    advice: "Qué puede ayudar",
    call_clinic: "Llamar a {clinic}",
    call_after_hours: "Línea fuera de horario",
    no_clinic_phone: "Use el número de teléfono de sus papeles de alta.",
    your_clinic: "su clínica",
    clinic_phone_missing: "el número de sus papeles de alta",
    after_hours_missing: "su línea de enfermería fuera de horario",
    infusion_default: "magnesio",
    not_diagnosis: "Esto no es un diagnóstico. Le ayuda a decidir a quién llamar. Si algo le preocupa, llame.",
    protocol_line: "Protocolo {version}, revisar antes de {date}.",
    summary_title: "Resumen para enfermería",
    summary_intro: "Léalo en voz alta, cópielo, compártalo o imprímalo para la clínica.",
    copy: "Copiar",
    copied: "Copiado",
    copy_failed: "No se pudo copiar",
    copy_failed_hint: "Esta página no pudo copiar el resumen. Seleccione el texto de arriba para copiarlo, o léalo en voz alta.",
    share: "Compartir",
    print: "Imprimir",
    reminder: "Recordarme revisar otra vez",
    reminder_in_hours: "Un recordatorio en {n} horas para su calendario. Se hace en este teléfono.",
    reminder_next_morning: "Un recordatorio para la mañana siguiente a las {time} para su calendario. Se hace en este teléfono.",
    reminder_title: "Revise otra vez cómo se siente después del suero",
    reminder_title_they: "Revise otra vez cómo se siente la persona después del suero",
    reminder_open: "Abra la revisión otra vez:",
    keep_check: "Guardar esta revisión en este teléfono",
    keep_note: "Solo en este teléfono: la hora, el resultado y los problemas que marcó, hasta por 7 días. Así la próxima revisión lo puede mostrar.",
    kept: "Guardada en este teléfono.",
    keep_failed: "Este teléfono no la pudo guardar.",
    delete_saved: "Borrar mis revisiones guardadas",
    deleted_saved: "Sus revisiones guardadas se borraron.",
    last_saved: "Su última revisión guardada, {when}: {outcome}.",
    saved_today: "hoy a las {time}",
    saved_yesterday: "ayer a las {time}",
    saved_days_ago: "hace {n} días a las {time}",
    prefilled_repeat: "Usted guardó una revisión por el mismo problema {when}; por eso ya está marcado “Sí”. Cámbielo si no es así.",
    readback_line: "Lea este código a enfermería: {code}",
    readback_summary: "Código para enfermería: {code}",
    readback_qr: "Código QR para enfermería",
    summary_answers: "Respuestas",
    summary_result: "Resultado",
    summary_rules: "Reglas que se activaron",
    summary_assumed: "Respuestas “No sé” (se leyeron de la forma más segura)",
    summary_no: "Respondió que no",
    summary_helper: "Contestó otra persona que ayuda al paciente.",
    reasons_loading: "Todavía no se pueden mostrar las razones. Lo que debe hacer no depende de ellas: está todo en esta página.",
    setup_notice: "Para el equipo del sitio web de la clínica: problemas de configuración (los pacientes pueden ignorarlo)",
    announce_question: "Pregunta: {q}",
    announce_result: "Resultado: {r}",
    fallback: "La revisión de síntomas no está funcionando en este momento. Si se siente mal, llame:",
    level_emergency: "Emergencia",
    level_call_now: "Llame a la clínica ahora",
    level_call_today: "Llame a la clínica hoy",
    level_self_care: "Normal y pasajero",
    privacy: "Sus respuestas se quedan en este teléfono. No se envía nada.",
    hours_closed: "La clínica está cerrada ahora. Abre {day} a las {time}.",
    hours_open: "La clínica está abierta ahora, hasta las {time}.",
    hours_days: "hoy|el lunes|el martes|el miércoles|el jueves|el viernes|el sábado|el domingo",
    therapy_q: "¿Qué tenía su suero?",
    therapy_hint: "Marque todo lo que tenía. Si no sabe, marque “No sé”.",
    therapy_magnesium: "Magnesio",
    therapy_iron: "Hierro",
    therapy_iron_hint: "Para el hierro bajo o la anemia",
    therapy_vitamin_c: "Vitamina C, una dosis alta",
    therapy_vitamin_c_hint: "Un suero solo de vitamina C, muchas veces para el cáncer",
    therapy_vitamin_drip: "Un suero de vitaminas, o solo líquidos",
    therapy_vitamin_drip_hint: "Como un suero Myers, vitaminas B, o un suero para hidratarse",
    therapy_not_sure: "No sé",
    therapy_not_sure_hint: "Le preguntaremos por todos, para estar seguros.",
    therapy_pick: "Marque lo que tenía su suero, o marque “No sé”.",
    therapy_loading: "Cargando las preguntas de su suero…",
    therapy_failed: "No se pudieron cargar las preguntas de su suero. Revise su internet e intente otra vez. Si se siente mal, llame ahora.",
    retry: "Intentar otra vez",
};

/// The strings of a language (and in the nurse's page, which has them all).
#[cfg(any(not(target_arch = "wasm32"), feature = "nurse"))]
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

/// The last resort of [`strings`]: no words but the emergency call's, which the
/// wasm has anyway (the fallback's), so the emergency bar is never a blank link.
#[cfg(all(target_arch = "wasm32", not(feature = "nurse")))]
static BLANK: Strings = Strings {
    call: EN.call,
    ..Strings::EMPTY
};

/// The strings of a language, from its file. The widget renders only in a
/// language whose file is loaded (`ui::loaded_first`), so the other language's
/// words, and then [`BLANK`], are a bound that is never reached.
#[cfg(all(target_arch = "wasm32", not(feature = "nurse")))]
pub fn strings(lang: Lang) -> &'static Strings {
    [lang, Lang::En, Lang::Es]
        .into_iter()
        .find_map(crate::loader::words_for)
        .unwrap_or(&BLANK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_there_in_every_language() {
        for lang in Lang::ALL {
            for (name, value) in strings(lang).fields() {
                assert!(!value.trim().is_empty(), "{lang:?}: {name} is empty");
            }
        }
        let same: Vec<&str> = EN
            .fields()
            .iter()
            .zip(ES.fields())
            .filter(|(a, b)| a.1 == b.1)
            .map(|(a, _)| a.0)
            .collect();
        // Only words that are the same in both languages.
        assert_eq!(same, ["no"], "untranslated");
    }

    #[test]
    fn the_words_of_a_language_file_read_back_whole_or_not_at_all() {
        let words = |s: &Strings| -> Vec<String> {
            s.fields().into_iter().map(|(_, w)| w.to_string()).collect()
        };
        assert_eq!(Strings::from_words(words(&EN)).as_ref(), Some(&EN));
        assert_eq!(Strings::from_words(words(&ES)).as_ref(), Some(&ES));
        let mut short = words(&EN);
        short.pop();
        assert_eq!(Strings::from_words(short), None);
        let mut long = words(&EN);
        long.push("more".into());
        assert_eq!(Strings::from_words(long), None);
        let mut blank = words(&ES);
        blank[3] = " ".into();
        assert_eq!(Strings::from_words(blank), None);
    }
}
