//! The protocol as it is written in the data file: plain serde types, every
//! struct with `deny_unknown_fields`, so a misspelt key is a load error, not a
//! silently ignored rule.

use litemap::LiteMap;
use serde::{Deserialize, Deserializer, Serialize};

/// Reads a map. From the data file (JSON) the keys may come in any order. In
/// postcard's format they must come sorted, as `build.rs` writes them: read
/// as a list and checked. (The widget reads the compiled files with
/// `wire::Reader`, which checks the same; this serde branch is what a test
/// compares that reader with. The encoding of a map and of a list of pairs is
/// the same in postcard.)
pub(crate) fn sorted_map<'de, D, V>(d: D) -> Result<LiteMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    if d.is_human_readable() {
        return LiteMap::deserialize(d);
    }
    let pairs: Vec<(String, V)> = Vec::deserialize(d)?;
    if pairs.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
        Ok(LiteMap::from_sorted_store_unchecked(pairs))
    } else {
        Err(serde::de::Error::custom("a map's keys are not in order"))
    }
}

/// A language of the patient-facing text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language the protocol must be complete in.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Parses `en`, `es`, `en-US`, `es-419`, ... (case-insensitive); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }
}

/// A patient-facing text in every language.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    #[serde(default)]
    pub en: String,
    /// Spanish.
    #[serde(default)]
    pub es: String,
}

std::thread_local! {
    /// While `wire::write_split` writes a compiled file (it sets and takes
    /// this), the texts of what it writes, in order; `None` otherwise.
    pub(super) static TEXT_SINK: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// As JSON, `{"en": ..., "es": ...}`; in a compiled file (while
/// [`TEXT_SINK`] is set), nothing in the structure: its strings go to the
/// texts part (see `wire`).
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let set_aside = TEXT_SINK.with_borrow_mut(|sink| {
            sink.as_mut()
                .map(|texts| texts.extend([self.en.clone(), self.es.clone()]))
                .is_some()
        });
        if set_aside {
            return s.serialize_unit();
        }
        let mut t = s.serialize_struct("Text", 2)?;
        t.serialize_field("en", &self.en)?;
        t.serialize_field("es", &self.es)?;
        t.end()
    }
}

impl Text {
    /// The text in `lang` (English where a translation is missing; the checker
    /// makes a missing translation a load error, so this fallback is never seen
    /// with the built-in protocol).
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es if !self.es.is_empty() => &self.es,
            Lang::Es => &self.en,
        }
    }
}

/// The kind of a question, which decides how it is shown and answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Yes / No (and "Not sure" when the question allows it).
    YesNo,
    /// One option of a list.
    Single,
    /// Any number of options of a list.
    Multi,
    /// A screen of yes/no items (the red-flag checklist, the faint follow-ups).
    Checklist,
    /// Free text; kept on the phone, never used to lower a result.
    Text,
}

/// Options given inline, or by the name of a shared set (`course`, `severity`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OptionsSpec {
    /// The name of an entry of `option_sets`.
    Set(String),
    /// The options themselves.
    List(Vec<OptionData>),
}

/// What an unsure or missing answer is taken to be.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum NotSureData {
    /// One option (single choice, yes/no).
    One(String),
    /// Several options (multi-choice).
    Many(Vec<String>),
}

/// An answer option.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionData {
    /// The answer code used by rules, cases and summaries.
    pub id: String,
    /// What the patient reads.
    pub label: Text,
    /// An example or explanation under the label.
    #[serde(default)]
    pub hint: Option<Text>,
    /// Picking it clears every other option (multi-choice only).
    #[serde(default)]
    pub exclusive: bool,
    /// The therapy pack that adds it (a symptom group of the iron pack);
    /// absent, the shared core's. Data only: a selection
    /// ([`ProtocolData::select`]) keeps or drops it, and a compiled file
    /// holds nothing for it.
    #[serde(default, skip_serializing)]
    pub pack: Option<String>,
}

/// A group of checklist items under a heading.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionData {
    /// The heading.
    pub title: Text,
    /// The items, each a yes/no question of its own.
    pub items: Vec<ItemData>,
}

/// One checklist item: a yes / no / not sure question.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemData {
    /// Stable ID (PROTOCOL.md).
    pub id: String,
    /// PROTOCOL.md's short code (B1 ... B8), where it has one.
    #[serde(default)]
    pub code: Option<String>,
    /// Wording when the patient answers for themselves.
    pub text: Text,
    /// Wording when someone answers for the patient.
    #[serde(default)]
    pub text_they: Option<Text>,
    /// What it means, in a plain line (shown when the patient asks).
    #[serde(default)]
    pub hint: Option<Text>,
    /// What "not sure" is taken to be; absent means rules read `not_sure` itself.
    #[serde(default)]
    pub if_not_sure: Option<String>,
    /// The therapy pack that adds it; absent, the shared core's.
    #[serde(default)]
    pub pack: Option<String>,
}

/// A question as written in the data file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionData {
    /// Stable ID (PROTOCOL.md).
    pub id: String,
    /// How it is answered.
    pub kind: Kind,
    /// Wording when the patient answers for themselves.
    pub text: Text,
    /// Wording when someone answers for the patient.
    #[serde(default)]
    pub text_they: Option<Text>,
    /// A line under the question.
    #[serde(default)]
    pub hint: Option<Text>,
    /// Asked only when this holds (it may only read earlier questions).
    #[serde(default)]
    pub ask_when: Option<Cond>,
    /// Answered on an earlier screen (its ID) rather than on a screen of its
    /// own: the "answering for someone else" switch on the first screen.
    #[serde(default)]
    pub shown_with: Option<String>,
    /// Yes/no questions: offer "Not sure".
    #[serde(default)]
    pub not_sure: bool,
    /// What an unsure or missing answer is taken to be.
    #[serde(default)]
    pub if_not_sure: Option<NotSureData>,
    /// The options go from least to most worrying (used by the property tests).
    #[serde(default)]
    pub ordered: bool,
    /// Single and multi-choice options.
    #[serde(default)]
    pub options: Option<OptionsSpec>,
    /// Checklist sections.
    #[serde(default)]
    pub sections: Option<Vec<SectionData>>,
    /// The therapy pack that adds it; absent, the shared core's.
    #[serde(default)]
    pub pack: Option<String>,
}

/// A disposition level, lowest first, so `max` is "the highest wins".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Normal and passing: self-care.
    SelfCare,
    /// Call the clinic today, or when it next opens.
    CallToday,
    /// Call the clinic now (after-hours line if closed).
    CallNow,
    /// Call the emergency number now.
    Emergency,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [
        Level::SelfCare,
        Level::CallToday,
        Level::CallNow,
        Level::Emergency,
    ];

    /// The data file's name for the level.
    pub fn code(self) -> &'static str {
        match self {
            Level::SelfCare => "self_care",
            Level::CallToday => "call_today",
            Level::CallNow => "call_now",
            Level::Emergency => "emergency",
        }
    }
}

/// A condition over the answers (and, for the aggregation rules, over what
/// fired before). Written in the data as a one-key object.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Cond {
    /// Every listed question's answer is one of the listed codes (for
    /// multi-choice: any picked option is listed). A question that was not
    /// asked matches nothing.
    Is(#[serde(deserialize_with = "sorted_map")] LiteMap<String, Vec<String>>),
    /// All hold (an empty list holds).
    All(Vec<Cond>),
    /// At least one holds.
    Any(Vec<Cond>),
    /// Does not hold.
    Not(Box<Cond>),
    /// At least `n` of the conditions hold.
    AtLeast {
        /// How many.
        n: usize,
        /// Of these.
        of: Vec<Cond>,
    },
    /// A named condition from `defs`.
    Def(String),
    /// Any of these (earlier) rules fired.
    Fired(Vec<String>),
    /// The level set by the rules before this one is below this level.
    LevelBelow(Level),
    /// At least this many different symptom groups each fired a rule at call-today or above.
    GroupsFired(usize),
    /// The engine had to assume an answer (`true`) or did not (`false`).
    Assumed(bool),
    /// A picked symptom group is not cleared by a self-care rule (`true`).
    Uncleared(bool),
    /// This symptom group is cleared by the self-care rules before this one:
    /// by every owner (each pack, and the core) that has one for it (a
    /// conjunction, so another pack's clearing never lowers a result).
    Cleared(String),
}

/// What a rule does when it fires.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Raises the disposition to at least its level.
    #[default]
    Raise,
    /// Marks symptom groups as expected and passing (self-care rules).
    Clear,
    /// Adds a note to the result (A3) and changes no level.
    Note,
}

/// A conditional raise inside a rule ("CT, CN if worse").
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RaiseData {
    /// When.
    pub when: Cond,
    /// To what.
    pub then: Level,
}

/// A rule as written in the data file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleData {
    /// Stable ID (PROTOCOL.md §4, or X.. for a project addition recorded in PROTOCOL-NOTES.md).
    pub id: String,
    /// When it fires.
    pub when: Cond,
    /// Its level.
    pub then: Level,
    /// Higher levels under narrower conditions.
    #[serde(default)]
    pub raise: Vec<RaiseData>,
    /// What firing does.
    #[serde(default)]
    pub effect: Effect,
    /// Self-care rules: the symptom groups cleared, each with its own condition.
    #[serde(default, deserialize_with = "sorted_map")]
    pub clears: LiteMap<String, Cond>,
    /// The symptom group it belongs to (for rule A1).
    #[serde(default)]
    pub group: Option<String>,
    /// Rules that span groups (T03, T04): each of these groups that is picked
    /// counts for rule A1 when the rule fires.
    #[serde(default)]
    pub count_groups: Vec<String>,
    /// When it is certain, the flow ends at once (emergency rules, T01).
    #[serde(default)]
    pub stop: bool,
    /// Its questions are asked while it may fire even when the level it
    /// gives is already reached, because its advice changes whom to call
    /// (M02b: the pregnancy care team now). Other rules' questions are asked
    /// only when an answer could change the disposition or urgency.
    #[serde(default)]
    pub ask_for_advice: bool,
    /// Why, in plain words, for the patient.
    pub why: Text,
    /// Why, said to someone answering for the patient (about "them").
    #[serde(default)]
    pub why_they: Option<Text>,
    /// Why, when it fired only through a "not sure" answer ("you weren't
    /// sure whether ..."): required of every rule that can (the checker).
    #[serde(default)]
    pub why_unsure: Option<Text>,
    /// `why_unsure`, said to someone answering for the patient.
    #[serde(default)]
    pub why_unsure_they: Option<Text>,
    /// Extra advice shown when it fires.
    #[serde(default)]
    pub advice: Option<Text>,
    /// `advice`, said to someone answering for the patient.
    #[serde(default)]
    pub advice_they: Option<Text>,
    /// Source tags (DOSSIER.md §17; PC = protocol choice; GK = general knowledge; P3 = principle).
    pub sources: Vec<String>,
    /// The therapy pack whose rule it is; absent, the shared core's. A
    /// symptom group counts as cleared only when every pack (the core is one)
    /// that has a self-care rule for it clears it, and a result's reason
    /// names its pack.
    #[serde(default)]
    pub pack: Option<String>,
}

/// What the result screen says for one level. Each `_they` text is the
/// same said to someone answering for the patient (about "them"); absent (or
/// an empty list), the patient's own wording serves both.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeText {
    /// The banner.
    pub title: Text,
    /// `title` for a helper.
    #[serde(default)]
    pub title_they: Option<Text>,
    /// The one sentence of what to do now, under the call buttons.
    pub lead: Text,
    /// `lead` for a helper.
    #[serde(default)]
    pub lead_they: Option<Text>,
    /// The instruction when the patient is still at the clinic.
    pub at_clinic: Text,
    /// `at_clinic` for a helper.
    #[serde(default)]
    pub at_clinic_they: Option<Text>,
    /// What to do now.
    pub do_now: Vec<Text>,
    /// `do_now` for a helper.
    #[serde(default)]
    pub do_now_they: Vec<Text>,
    /// "Call the emergency number right away if ...".
    pub get_help: Vec<Text>,
    /// `get_help` for a helper.
    #[serde(default)]
    pub get_help_they: Vec<Text>,
    /// When the result offers "Remind me to check again" (a calendar file
    /// made on the phone), at the time its safety-netting names; absent, it
    /// is not offered (never on emergency and call-now: the checker).
    #[serde(default)]
    pub recheck: Option<Recheck>,
}

/// When to check again, as the outcome's safety-netting words it
/// (PROTOCOL-NOTES.md says which time each outcome takes, and why).
/// Written in the data as a one-key object.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Recheck {
    /// This many hours after the result ("in the next few hours").
    AfterHours(u32),
    /// The next morning at this local time, `HH:MM` ("if it is not better by
    /// tomorrow"): the first such time at least [`Recheck::MIN_HOURS`] away,
    /// in the phone's time zone.
    NextMorningAt(String),
}

impl Recheck {
    /// The shortest wait before a "next morning" reminder: a check made at
    /// 02:00 reminds at 08:00 the same day, one made at 05:00 the day after.
    pub const MIN_HOURS: u32 = 4;

    /// A `next_morning_at` time as minutes after midnight (`HH:MM`, 24-hour,
    /// before noon); `None` for anything else, and for `after_hours`.
    pub fn morning_minutes(&self) -> Option<u32> {
        let Recheck::NextMorningAt(s) = self else {
            return None;
        };
        let &[h1, h2, b':', m1, m2] = s.as_bytes() else {
            return None;
        };
        let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
        let (h, m) = (digit(h1)? * 10 + digit(h2)?, digit(m1)? * 10 + digit(m2)?);
        (h < 12 && m < 60).then_some(h * 60 + m)
    }
}

/// A text, or its "they" variant for a helper when there is one.
pub fn they<'a>(text: &'a Text, they: &'a Option<Text>, for_them: bool) -> &'a Text {
    match they {
        Some(t) if for_them => t,
        _ => text,
    }
}

/// A list of texts, or its "they" variant for a helper when there is one.
pub fn they_list<'a>(list: &'a [Text], they: &'a [Text], for_them: bool) -> &'a [Text] {
    if for_them && !they.is_empty() {
        they
    } else {
        list
    }
}

impl OutcomeText {
    /// The banner's words, for a helper when `for_them`.
    pub fn title_for(&self, for_them: bool) -> &Text {
        they(&self.title, &self.title_they, for_them)
    }
}

impl RuleData {
    /// Why it fired, in words that match the answers: `unsure` when it fired
    /// only through "not sure"; `for_them` for a helper.
    pub fn why_for(&self, unsure: bool, for_them: bool) -> &Text {
        match (&self.why_unsure, unsure) {
            (Some(u), true) => they(u, &self.why_unsure_they, for_them),
            _ => they(&self.why, &self.why_they, for_them),
        }
    }
}

/// The outcome texts of each level.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcomes {
    /// Emergency.
    pub emergency: OutcomeText,
    /// Call the clinic now.
    pub call_now: OutcomeText,
    /// Call the clinic today.
    pub call_today: OutcomeText,
    /// Self-care.
    pub self_care: OutcomeText,
}

impl Outcomes {
    /// The texts of a level.
    pub fn get(&self, level: Level) -> &OutcomeText {
        match level {
            Level::Emergency => &self.emergency,
            Level::CallNow => &self.call_now,
            Level::CallToday => &self.call_today,
            Level::SelfCare => &self.self_care,
        }
    }
}

/// Tailored advice, shown when its condition holds.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceData {
    /// Stable ID.
    pub id: String,
    /// When it is shown.
    pub when: Cond,
    /// The advice.
    pub text: Text,
    /// The advice, said to someone answering for the patient.
    #[serde(default)]
    pub text_they: Option<Text>,
    /// Source tags.
    pub sources: Vec<String>,
    /// The therapy pack that adds it; absent, the shared core's. Data only
    /// (a selection keeps or drops it; a compiled file holds nothing for it).
    #[serde(default, skip_serializing)]
    pub pack: Option<String>,
}

/// A therapy pack, as declared in the data file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackData {
    /// Stable ID (`magnesium`, `iron`): a contract, like question IDs.
    pub id: String,
    /// What the patient reads when picking it.
    pub name: Text,
    /// The pack's specification.
    pub spec: String,
    /// The check's title when it is the only pack selected.
    #[serde(default)]
    pub title: Option<Text>,
    /// Packs it brings with it (`vitamin-drip` brings `magnesium`).
    #[serde(default)]
    pub brings: Vec<String>,
    /// The outcome texts when it is the only pack selected (they name the
    /// drip); absent, or with several packs, the file's own.
    #[serde(default)]
    pub outcomes: Option<Outcomes>,
    /// What it adds to the wording of core options whenever it is selected
    /// (alone or with others): see [`WordingData`].
    #[serde(default)]
    pub wording: Vec<WordingData>,
}

/// A pack's wording for one of the core's options (same ID, same answer),
/// merged into every selection that has the pack
/// ([`ProtocolData::select`]): a new label, or sentences added to the end of
/// its hint. Data only: a compiled file holds the merged texts, nothing of
/// this.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingData {
    /// The core question (`symptoms`, `gn_what`).
    pub question: String,
    /// The core option of that question (`g_site`, `expected_effect`).
    pub option: String,
    /// Replaces the option's label (one pack only may replace a label).
    #[serde(default)]
    pub label: Option<Text>,
    /// Whole sentences added after the option's hint; with several packs,
    /// in the file's order of packs, a sentence already there not repeated.
    #[serde(default)]
    pub hint_add: Option<Text>,
    /// Where the wording comes from (the pack's specification, its section).
    pub sources: Vec<String>,
}

/// The whole data file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolData {
    /// Always `infusion-check-protocol/1`.
    pub format: String,
    /// The therapy (`magnesium`); case files name it.
    pub id: String,
    /// The protocol's version, shown on every result and summary.
    pub version: String,
    /// When it must be reviewed again (YYYY-MM-DD).
    pub review_date: String,
    /// The specification it encodes.
    pub spec: String,
    /// The check's title.
    pub title: Text,
    /// Its sign-off status, in words.
    pub status: Text,
    /// The questions, in the order they are asked.
    pub questions: Vec<QuestionData>,
    /// Shared option lists.
    #[serde(default, deserialize_with = "sorted_map")]
    pub option_sets: LiteMap<String, Vec<OptionData>>,
    /// Named conditions.
    #[serde(default, deserialize_with = "sorted_map")]
    pub defs: LiteMap<String, Cond>,
    /// The rules, in evaluation order.
    pub rules: Vec<RuleData>,
    /// The outcome texts.
    pub outcomes: Outcomes,
    /// Tailored advice.
    #[serde(default)]
    pub advice: Vec<AdviceData>,
    /// The therapy packs; every question, option, item, rule and advice
    /// without a `pack` is the shared core's.
    #[serde(default)]
    pub packs: Vec<PackData>,
    /// The IDs the widget's shell names (see [`RolesData`]).
    pub roles: RolesData,
}

/// The questions, options and rules the widget's shell (outside the engine:
/// the result, the summary, the reminder, the kept history, the clinic's
/// `ended` time) names by ID, declared once in the data: `build.rs` makes
/// them the shell's constants (`crate::roles`), and every load checks that
/// each is there, in the core, of the right kind (`check::check_roles`), so
/// an edit of the data or a pack cannot silently break them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesData {
    /// The rule that fires while the patient is still at the clinic (the
    /// result then says to tell the nurse there, and offers no reminder).
    pub at_clinic_rule: String,
    /// The rule that says an answer was taken the cautious way ("not sure").
    pub unsure_rule: String,
    /// Who is answering: the question, and its options for the patient and
    /// for a helper ("I am answering for someone else").
    pub respondent: RespondentRole,
    /// When the drip ended: the question, and its options by hours since.
    pub time_since_end: TimeRole,
    /// "Have you used this check for the same problem in the last day?"
    /// (answered in advance from the kept history).
    pub repeat_use: String,
    /// The symptom groups' "nothing now" option (no problem to compare).
    pub symptom_none: String,
    /// The symptom groups' "something else" option (no problem to compare).
    pub symptom_other: String,
}

/// Who is answering.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentRole {
    /// The question (a single choice).
    pub question: String,
    /// Its option for the patient.
    #[serde(rename = "self")]
    pub me: String,
    /// Its option for someone answering for the patient.
    pub helper: String,
}

/// When the drip ended, in bands.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeRole {
    /// The question (a single choice).
    pub question: String,
    /// Its options in order: each up to `under_hours` hours after the drip
    /// (the last one, with none, for any time after).
    pub bands: Vec<TimeBand>,
}

/// One band of [`TimeRole`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeBand {
    /// Less than this many hours since the drip ended; absent on the last.
    #[serde(default)]
    pub under_hours: Option<f64>,
    /// The option.
    pub code: String,
}
