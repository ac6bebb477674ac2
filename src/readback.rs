//! The read-back code: every answer that led to a result, in a short code the
//! patient reads to the nurse (`091Q-8AX4`), and back. Pure Rust.
//!
//! **What it holds.** The protocol's version (the first character: its index
//! in [`VERSIONS`]), the packs of the check (a bitset over [`PACKS`]; one bit
//! for the magnesium check alone, its first version), then the answers to each screen the flow asked, in the
//! order it asked them, as one mixed-radix number: each answer a digit below
//! the number of answers it could have had (a yes/no costs one bit, a
//! three-way answer 1.6), where a digit's base may depend on the digits
//! before it. A checklist is how many items are not "no", which ones (their
//! rank among the sets of that size), and for each whether it is "yes" or
//! "not sure": the usual "none of these" costs 4.5 bits for the 21 red flags,
//! not 33. A multi-choice question is its exclusive option ("nothing now"),
//! or how many of the others and which. The switch answered on the same
//! screen (who is answering) follows its screen. Free text is not in the
//! code. Above the highest digit comes a 1, so a code that lost characters
//! at its end is seen to be incomplete.
//!
//! **The encoder** walks the flow with [`next_step`] and writes the answers
//! to each screen it asks; **the decoder** walks it again, reading each
//! answer where the flow asks for it. So the answers are only ever those the
//! protocol asks for, in its order: a code with digits left over when the
//! flow is done holds answers the protocol would not have asked, and is
//! refused. A decoded code is written again and must give the very same
//! characters (nothing else is ever shown).
//!
//! **The characters**: Crockford's base 32 (`0-9 A-Z` without `I L O U`;
//! read back, `I` and `L` are `1`, `O` is `0`, case, spaces and dashes do
//! not count), the number's lowest digit first, in groups of four. **The two
//! check characters** (the last two; in a long code, of each block: below)
//! make the code, read as a polynomial over
//! the field GF(32) (`α` a root of `x⁵+x²+1`), zero at `α` and at `α²` (a
//! Reed–Solomon code of distance 3). The first condition alone weighs each
//! character by a power of `α`: every weight is non-zero, so one wrong
//! character always shows; neighbours have different weights, so a swap of
//! two different neighbours always shows (`(α^(k+1) − α^k)(a − b) ≠ 0` in a
//! field). With the second, any two wrong characters show too, and a random
//! string passes one time in 1,024. That holds up to 31 characters (`α` has
//! order 31: further apart, two characters would share a weight), so **a
//! longer code is cut into blocks** of 31 characters (the last one shorter),
//! each 29 data characters (or fewer) and its own two check characters
//! ([`BLOCK`]); a code of up to 31 characters is one block, as before. The
//! blocks follow from the length alone. So in a code of any length, every
//! wrong character, every swap of neighbours (in a block, two wrong
//! characters in it; across two blocks, one in each) and any two wrong
//! characters are caught; more are caught when a block holds one or two of
//! them, and otherwise pass one time in 1,024 a block. Today's codes are far
//! shorter (at most 18 characters measured, over the cases and generated
//! answers of every selection of packs), so every one of them is one block.
//! `tests/readback.rs` checks all of it exhaustively, and on every shared
//! case's code.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

use crate::protocol::{
    asked_screens, next_step, Answer, Answers, Kind, Outcome, Protocol, Question, Step,
};

/// Crockford's base 32: no `I`, `L`, `O`, `U`.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A protocol version codes can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeVersion {
    /// The protocol's ID.
    pub protocol: &'static str,
    /// Its version.
    pub version: &'static str,
}

/// Every protocol version a code can name, oldest first: a code's first
/// character is its index here (so at most 32). Never remove or reorder an
/// entry; a new protocol version is added at the end (a test fails until the
/// built-in protocol's version is here).
pub const VERSIONS: &[CodeVersion] = &[
    // (the magnesium check alone: its packs digit is one bit)
    CodeVersion {
        protocol: "magnesium",
        version: "2026.12-draft.4",
    },
    // (any other selection of packs: its packs digit a bitset over [`PACKS`])
    CodeVersion {
        protocol: PACKS_PROTOCOL,
        version: "2026.12-draft.4",
    },
];

/// The [`VERSIONS`] name of a check with packs other than magnesium alone.
pub const PACKS_PROTOCOL: &str = "packs";

/// The packs a code can name, one bit each, in this order. Never reorder;
/// add at the end with a new [`VERSIONS`] entry (the digit's base grows).
pub const PACKS: &[&str] = &["magnesium", "iron", "vitamin-c", "vitamin-drip"];

/// The base of the packs digit of a code of this [`VERSIONS`] entry.
fn packs_base(v: &CodeVersion) -> u32 {
    if v.protocol == PACKS_PROTOCOL {
        1 << PACKS.len()
    } else {
        2
    }
}

/// The packs a code names (for a page that reads several selections: which
/// protocol to decode it with), after its check characters.
pub fn code_packs(code: &str) -> Result<Vec<&'static str>, CodeError> {
    let all = digits_of(code)?;
    if all.len() < 4 {
        return Err(if all.is_empty() {
            CodeError::Empty
        } else {
            CodeError::TooShort
        });
    }
    if !checks(&all) {
        return Err(CodeError::Typo);
    }
    let mut n = data(&all);
    let version = take(&mut n, 32) as usize;
    let named = VERSIONS.get(version).ok_or(CodeError::UnknownVersion)?;
    let bits = take(&mut n, packs_base(named));
    if named.protocol != PACKS_PROTOCOL {
        return Ok(vec![named.protocol]);
    }
    Ok(PACKS
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, p)| *p)
        .collect())
}

/// Why a code could not be made (the result then shows none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// The protocol's version is not in [`VERSIONS`], or its ID not in [`PACKS`].
    UnknownProtocol,
    /// A screen the flow asks has no answer (the check is not finished).
    Unanswered,
    /// An answer a patient cannot give (an unknown code).
    Unexpected,
}

/// Why a code was refused. Never a summary from a doubtful code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Nothing was typed.
    Empty,
    /// A character that is not in the codes' alphabet.
    BadCharacter(char),
    /// Too short to be a code.
    TooShort,
    /// The check characters do not match: a character is wrong, or two neighbours are swapped.
    Typo,
    /// A code from another version of the protocol (named).
    OtherVersion(CodeVersion),
    /// A code from a version this page does not know (a newer one).
    UnknownVersion,
    /// A code with packs this page does not read.
    UnknownPacks,
    /// Characters are missing at its end.
    Truncated,
    /// It holds answers the protocol would not have asked (or is not a code this check writes).
    NotAsked,
}

/// A code read back: the answers it holds and what the protocol makes of them.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The answers (free-text questions the flow asked have an empty answer).
    pub answers: Answers,
    /// The outcome of those answers.
    pub outcome: Outcome,
    /// The free-text questions the flow asked (their text is not in the code).
    pub free_text: Vec<String>,
}

/// A yes/no or single-choice question's answers, in code order, are its
/// options, then "not sure" where it is offered and is not one of them.
fn extra_not_sure(q: &Question) -> bool {
    q.offers_not_sure && !q.options.iter().any(|o| o.id == "not_sure")
}

/// The number of a one-code answer (see [`extra_not_sure`]).
fn choice_index(q: &Question, code: &str) -> Option<u32> {
    match q.options.iter().position(|o| o.id == code) {
        Some(i) => Some(small(i)),
        None if code == "not_sure" && extra_not_sure(q) => Some(small(q.options.len())),
        None => None,
    }
}

/// The item of a checklist at this place (in section order).
fn item_at<'p>(p: &'p Protocol, q: &Question, mut i: usize) -> Option<&'p Question> {
    for (_, items) in &q.sections {
        if let Some(&at) = items.get(i) {
            return p.questions.get(at);
        }
        i -= items.len();
    }
    None
}

/// A checklist item's answers other than "no" (every item is yes / no / not sure).
const TICKED: [&str; 2] = ["yes", "not_sure"];

fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// An answer, as the encoder finds it.
enum Given<'a> {
    /// Reading a code: no answer to find.
    Reading,
    /// An unticked item of an answered checklist: "no".
    Unticked,
    /// As given.
    Is(&'a Answer),
}

/// A walk of the flow, writing a code (`from` holds the answers) or reading
/// one (`n`, the number left to read).
struct Coder<'a, const READ: bool> {
    from: Option<&'a Answers>,
    /// The number (base-32 digits, lowest first): written so far, or left to read.
    n: Vec<u8>,
    /// Writing: the place value of the next digit (the product of the bases so far).
    place: Vec<u8>,
    truncated: bool,
}

/// (`READ`: reading a code, rebuilding the answers as the flow asks them;
/// writing, the answers are given and the flow's screens known, so none of
/// the rebuilding is compiled into the widget.)
impl<const READ: bool> Coder<'_, READ> {
    /// One digit below `r`: writing, `want`; reading, the next one.
    fn digit(&mut self, want: u32, r: u32) -> Result<u32, EncodeError> {
        if !READ {
            mul_add(&mut self.n, &self.place, want);
            let place = std::mem::take(&mut self.place);
            mul_add(&mut self.place, &place, r);
            return Ok(want);
        }
        if self.n.is_empty() {
            // (the 1 above every digit is gone: characters are missing)
            self.truncated = true;
            return Err(EncodeError::Unanswered);
        }
        Ok(take(&mut self.n, r))
    }

    /// The answer to one question, writing.
    fn given<'a>(&'a self, p: &Protocol, q: &Question) -> Result<Given<'a>, EncodeError> {
        let Some(answers) = self.from else {
            return Ok(Given::Reading);
        };
        let parent_answered = q
            .parent
            .and_then(|i| p.questions.get(i))
            .is_some_and(|c| answers.has(p, &c.id));
        match answers.get(&q.id) {
            Some(a) => Ok(Given::Is(a)),
            None if parent_answered => Ok(Given::Unticked),
            None => Err(EncodeError::Unanswered),
        }
    }

    /// A set of `0..n`: how many (`k`, the head digit, after `offset` values
    /// kept for other answers), then which (`rank` among the sets of that
    /// size). `Err(head)`: one of the `offset` values.
    fn subset(
        &mut self,
        k: u32,
        rank: u32,
        n: u32,
        offset: u32,
    ) -> Result<Result<Vec<u32>, u32>, EncodeError> {
        let head = self.digit(
            offset.saturating_add(k),
            offset.saturating_add(n).saturating_add(1),
        )?;
        let Some(k) = head.checked_sub(offset) else {
            return Ok(Err(head));
        };
        let rank = self.digit(rank, binom(n, k))?;
        Ok(Ok(if READ { unrank(rank, n, k) } else { Vec::new() }))
    }

    /// A screen: its answers, set into `given`.
    fn screen(
        &mut self,
        p: &Protocol,
        q: &Question,
        given: &mut Answers,
    ) -> Result<(), EncodeError> {
        match q.kind {
            Kind::Checklist => self.checklist(p, q, given)?,
            Kind::Text if READ => given.set_one(&q.id, ""),
            Kind::Text => {}
            _ => self.one(p, q, given)?,
        }
        // The switch answered on the same screen (who is answering).
        let at = p.index_of(&q.id);
        for c in p
            .questions
            .iter()
            .filter(|c| c.shown_with.is_some() && c.shown_with == at)
        {
            self.one(p, c, given)?;
        }
        Ok(())
    }

    /// A checklist: which items are not "no", then each one's answer.
    fn checklist(
        &mut self,
        p: &Protocol,
        q: &Question,
        given: &mut Answers,
    ) -> Result<(), EncodeError> {
        let items = || {
            q.sections
                .iter()
                .flat_map(|(_, items)| items.iter())
                .filter_map(|&i| p.questions.get(i))
        };
        // Writing: the items not "no", counted and ranked in one pass.
        let (mut k, mut rank, mut n) = (0u32, 0u32, 0u32);
        let mut ticked = Vec::new();
        for item in items() {
            if READ {
                given.set_one(&item.id, "no");
            }
            match self.given(p, item)? {
                Given::Reading | Given::Unticked => {}
                Given::Is(Answer::One(code)) if code == "no" => {}
                Given::Is(Answer::One(_)) => {
                    k += 1;
                    rank = rank.saturating_add(binom(n, k));
                    ticked.push(n);
                }
                Given::Is(Answer::Many(_)) => return Err(EncodeError::Unexpected),
            }
            n += 1;
        }
        let read = self.subset(k, rank, n, 0)?.unwrap_or_default();
        for i in if READ { read } else { ticked } {
            let Some(item) = item_at(p, q, i as usize) else {
                continue;
            };
            let want = match self.given(p, item)? {
                Given::Is(Answer::One(code)) => small(
                    TICKED
                        .iter()
                        .position(|c| c == code)
                        .ok_or(EncodeError::Unexpected)?,
                ),
                _ => 0,
            };
            let v = self.digit(want, 2)?;
            if let (true, Some(code)) = (READ, TICKED.get(v as usize)) {
                given.set_one(&item.id, code);
            }
        }
        Ok(())
    }

    /// A yes/no, single or multi-choice question.
    fn one(&mut self, p: &Protocol, q: &Question, given: &mut Answers) -> Result<(), EncodeError> {
        let a = self.given(p, q)?;
        if q.kind != Kind::Multi {
            let want = match a {
                Given::Is(Answer::One(code)) => {
                    choice_index(q, code).ok_or(EncodeError::Unexpected)?
                }
                Given::Is(Answer::Many(_)) | Given::Unticked => {
                    return Err(EncodeError::Unexpected)
                }
                Given::Reading => 0,
            };
            let count = small(q.options.len()) + u32::from(extra_not_sure(q));
            let v = self.digit(want, count)?;
            if READ {
                let code = q
                    .options
                    .get(v as usize)
                    .map_or("not_sure", |o| o.id.as_str());
                given.set_one(&q.id, code);
            }
            return Ok(());
        }
        // Multi-choice: an exclusive option ("nothing now"), or how many of
        // the others and which (in option order: a set, whatever the order
        // of the taps). One pass over the options.
        let picked: &[String] = match a {
            Given::Is(Answer::Many(picked)) => picked,
            Given::Reading => &[],
            Given::Is(Answer::One(_)) | Given::Unticked => return Err(EncodeError::Unexpected),
        };
        let (mut e, mut n, mut k, mut rank, mut only, mut found) =
            (0u32, 0u32, 0u32, 0u32, None, 0);
        for o in &q.options {
            let is = picked.contains(&o.id);
            found += usize::from(is);
            if o.exclusive {
                if is {
                    only = Some(e);
                }
                e += 1;
            } else {
                if is {
                    k += 1;
                    rank = rank.saturating_add(binom(n, k));
                }
                n += 1;
            }
        }
        // (every code an option, each once; an exclusive option alone)
        if found != picked.len() || (only.is_some() && picked.len() != 1) {
            return Err(EncodeError::Unexpected);
        }
        let got = match only {
            Some(i) => Err(self.digit(i, e.saturating_add(n).saturating_add(1))?),
            None => self.subset(k, rank, n, e)?,
        };
        if !READ {
            return Ok(());
        }
        let exclusive = || q.options.iter().filter(|o| o.exclusive);
        let others = || q.options.iter().filter(|o| !o.exclusive);
        let picked: Vec<String> = match got {
            Err(head) => exclusive()
                .nth(head as usize)
                .map(|o| o.id.clone())
                .into_iter()
                .collect(),
            Ok(set) => set
                .iter()
                .filter_map(|&i| others().nth(i as usize))
                .map(|o| o.id.clone())
                .collect(),
        };
        given.set(&q.id, Answer::Many(picked));
        Ok(())
    }
}

/// n choose k (saturating).
fn binom(n: u32, k: u32) -> u32 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut r: u64 = 1;
    for i in 0..k {
        r = r * u64::from(n - i) / u64::from(i + 1);
        if r > u64::from(u32::MAX) {
            return u32::MAX;
        }
    }
    r as u32
}

/// The `k`-subset of `0..n` with this rank, sorted (the combinatorial number
/// system: the rank of `c_1 < … < c_k` is `Σ C(c_i, i)`).
fn unrank(mut rank: u32, n: u32, k: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut top = n;
    for i in (1..=k).rev() {
        // the largest c below `top` with C(c, i) <= rank
        let mut c = top.saturating_sub(1);
        while c > 0 && binom(c, i) > rank {
            c -= 1;
        }
        rank -= binom(c, i).min(rank);
        out.push(c);
        top = c;
    }
    out.reverse();
    out
}

/// The index in [`VERSIONS`] of this protocol, its pack bits and their base.
fn header(p: &Protocol) -> Option<(u32, u32, u32)> {
    let name = if p.id == "magnesium" {
        "magnesium"
    } else {
        PACKS_PROTOCOL
    };
    let v = VERSIONS
        .iter()
        .position(|v| v.protocol == name && v.version == p.version)?;
    let mut bits = 0u32;
    // (the shared core alone, before the patient said what was in the drip:
    // an emergency on the first screen; no pack)
    let ids = if p.id == crate::protocol::PROTOCOL_ID {
        ""
    } else {
        p.id.as_str()
    };
    for id in ids.split('+').filter(|id| !id.is_empty()) {
        let pack = PACKS.iter().position(|p| *p == id)?;
        bits |= 1u32.checked_shl(small(pack))?;
    }
    let base = packs_base(VERSIONS.get(v)?);
    // (magnesium alone: one bit, set)
    let bits = if base == 2 { 1 } else { bits };
    Some((small(v), bits, base))
}

/// The flow walked with `c`: the answers it asked (as a code holds them),
/// its outcome and the free-text questions it asked.
fn walk(
    p: &Protocol,
    c: &mut Coder<'_, true>,
) -> Result<(Answers, Outcome, Vec<String>), EncodeError> {
    let mut given = Answers::new();
    let mut free_text = Vec::new();
    // (every path ends within the screen count: a property test; the bound
    // keeps a walk finite whatever happens)
    for _ in 0..=p.screens.len() {
        let q = match next_step(p, &given) {
            Step::Done(outcome) => return Ok((given, outcome, free_text)),
            Step::Ask(q) => q,
        };
        if q.kind == Kind::Text {
            free_text.push(q.id.clone());
        }
        c.screen(p, q, &mut given)?;
    }
    Err(EncodeError::Unanswered)
}

/// The code of these answers (the flow must be finished), as printed: in
/// groups of four, the check character last.
pub fn encode(p: &Protocol, answers: &Answers) -> Result<String, EncodeError> {
    let (version, packs, base) = header(p).ok_or(EncodeError::UnknownProtocol)?;
    let mut c = Coder::<false> {
        from: Some(answers),
        n: Vec::new(),
        place: vec![1],
        truncated: false,
    };
    c.digit(version, 32)?;
    c.digit(packs, base)?;
    // The screens the flow asks for these answers, in its order (the
    // decoder finds them again with `next_step`, one answer at a time).
    let mut none = Answers::new();
    for id in asked_screens(p, answers) {
        let q = p.question(&id).ok_or(EncodeError::Unanswered)?;
        c.screen(p, q, &mut none)?;
    }
    // The 1 above every digit.
    mul_add(&mut c.n, &c.place, 1);
    while c.n.last() == Some(&0) {
        c.n.pop();
    }
    Ok(group(&with_checks(&c.n)))
}

/// The answers the code of these answers holds (what [`decode`] gives back).
pub fn carried(p: &Protocol, answers: &Answers) -> Result<Answers, EncodeError> {
    let code = encode(p, answers)?;
    decode(p, &code)
        .map(|d| d.answers)
        .map_err(|_| EncodeError::UnknownProtocol)
}

/// `n += m · v` on numbers written as base-32 digits, lowest first.
fn mul_add(n: &mut Vec<u8>, m: &[u8], v: u32) {
    let mut carry = 0u64;
    let mut i = 0;
    while i < m.len() || carry > 0 {
        if n.len() <= i {
            n.push(0);
        }
        let x = u64::from(n.get(i).copied().unwrap_or(0))
            + u64::from(m.get(i).copied().unwrap_or(0)) * u64::from(v)
            + carry;
        if let Some(d) = n.get_mut(i) {
            *d = (x % 32) as u8;
        }
        carry = x / 32;
        i += 1;
    }
}

/// Divides the number (base-32 digits, lowest first) by `r`: the remainder.
fn take(n: &mut Vec<u8>, r: u32) -> u32 {
    let r = u64::from(r.max(1));
    let mut rem = 0u64;
    for d in n.iter_mut().rev() {
        let x = rem * 32 + u64::from(*d);
        *d = (x / r) as u8;
        rem = x % r;
    }
    while n.last() == Some(&0) {
        n.pop();
    }
    rem as u32
}

/// Multiplies in GF(32) (modulo x⁵ + x² + 1).
pub fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0;
    while b != 0 {
        if b & 1 == 1 {
            r ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0x20 != 0 {
            a ^= 0x25;
        }
    }
    r & 0x1f
}

/// The inverse in GF(32) (`a` non-zero: `a^30`).
fn gf_inv(a: u8) -> u8 {
    (0..29).fold(a, |x, _| gf_mul(x, a))
}

/// The code's polynomial at `x` (the first character the highest power).
fn eval(digits: &[u8], x: u8) -> u8 {
    digits.iter().fold(0, |acc, &d| gf_mul(acc, x) ^ d)
}

/// The two check characters for these digits: with them the code's
/// polynomial is zero at `α` and at `α²` (a Reed–Solomon code over GF(32)).
pub fn check_digits(digits: &[u8]) -> [u8; 2] {
    // With the two checks c1 (weight α, α²) and c2 (weight 1):
    // A + c1·α + c2 = 0 and B + c1·α² + c2 = 0, where A and B are the
    // digits' part of the polynomial at α and at α².
    let (a, b) = (gf_mul(eval(digits, 2), 4), gf_mul(eval(digits, 4), 16));
    let c1 = gf_mul(a ^ b, gf_inv(2 ^ 4));
    [c1, a ^ gf_mul(c1, 2)]
}

/// The characters of a block: at most [`BLOCK`] − 2 data characters and
/// their two check characters. A Reed–Solomon code over GF(32) is at most
/// 31 long (`α` has order 31: beyond, two positions would share a weight),
/// so a longer code is several blocks, each checked on its own; a code of
/// up to 31 characters is one block, as before blocks.
pub const BLOCK: usize = 31;

/// The longest code the decoder reads (characters): longer, it is refused
/// as holding answers the protocol would not ask. Above the longest any
/// selection's flow could write (`tests/readback.rs` bounds it: 55).
pub const MAX_LEN: usize = 80;

/// Whether a code's characters pass the checks: read in blocks of
/// [`BLOCK`] characters (the last one shorter, at least 3), each block's
/// two check characters last.
pub fn checks(all: &[u8]) -> bool {
    all.chunks(BLOCK)
        .all(|b| b.len() >= 3 && eval(b, 2) == 0 && eval(b, 4) == 0)
}

/// The data characters of a code (see [`checks`]): each block without its
/// two check characters.
fn data(all: &[u8]) -> Vec<u8> {
    all.chunks(BLOCK)
        .flat_map(|b| b.get(..b.len().saturating_sub(2)).unwrap_or_default())
        .copied()
        .collect()
}

/// The code's characters for these data characters: in blocks of
/// [`BLOCK`] − 2, each followed by its two check characters.
pub fn with_checks(digits: &[u8]) -> Vec<u8> {
    let mut all = Vec::with_capacity(digits.len() + 2);
    for b in digits.chunks(BLOCK - 2) {
        all.extend(b);
        all.extend(check_digits(b));
    }
    all
}

/// The printed code: its characters in groups of four.
fn group(digits: &[u8]) -> String {
    let mut out = String::with_capacity(digits.len() * 5 / 4 + 1);
    for (i, &d) in digits.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(
            ALPHABET.get(usize::from(d)).copied().unwrap_or(b'0'),
        ));
    }
    out
}

/// The code's characters as digits: case, dashes and spaces do not count;
/// `I` and `L` read as `1`, `O` as `0`.
pub fn digits_of(code: &str) -> Result<Vec<u8>, CodeError> {
    let mut out = Vec::new();
    for c in code.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\u{a0}' | '\t' | '\n' | '\r' | '.' => continue,
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        let d = ALPHABET
            .iter()
            .position(|&a| char::from(a) == c)
            .ok_or(CodeError::BadCharacter(c))?;
        out.push(d as u8);
    }
    Ok(out)
}

/// The code in its printed form (groups of four), if its characters are
/// valid; the check is not tested.
pub fn normalize(code: &str) -> Result<String, CodeError> {
    digits_of(code).map(|d| group(&d))
}

/// Reads a code back against this protocol. Any doubt is an error.
pub fn decode(p: &Protocol, code: &str) -> Result<Decoded, CodeError> {
    let all = digits_of(code)?;
    if all.is_empty() {
        return Err(CodeError::Empty);
    }
    if all.len() < 4 {
        return Err(CodeError::TooShort);
    }
    if all.len() > MAX_LEN {
        return Err(CodeError::NotAsked);
    }
    if !checks(&all) {
        return Err(CodeError::Typo);
    }
    let mut n = data(&all);
    let version = take(&mut n, 32) as usize;
    let Some(named) = VERSIONS.get(version) else {
        return Err(CodeError::UnknownVersion);
    };
    if named.version != p.version {
        return Err(CodeError::OtherVersion(*named));
    }
    let (mine, packs, base) = header(p).ok_or(CodeError::UnknownVersion)?;
    if mine as usize != version || take(&mut n, base) != packs {
        return Err(CodeError::UnknownPacks);
    }
    let mut c = Coder::<true> {
        from: None,
        n,
        place: Vec::new(),
        truncated: false,
    };
    let (answers, outcome, free_text) = match walk(p, &mut c) {
        Ok(w) => w,
        Err(_) if c.truncated => return Err(CodeError::Truncated),
        Err(_) => return Err(CodeError::NotAsked),
    };
    let n = c.n;
    match n.as_slice() {
        [1] => {}
        [] => return Err(CodeError::Truncated),
        _ => return Err(CodeError::NotAsked),
    }
    // Written again, the answers must give these very characters.
    match encode(p, &answers) {
        Ok(again) if digits_of(&again).ok().as_deref() == Some(all.as_slice()) => {}
        _ => return Err(CodeError::NotAsked),
    }
    Ok(Decoded {
        answers,
        outcome,
        free_text,
    })
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeError::Empty => write!(f, "no code was given"),
            CodeError::BadCharacter(c) => write!(f, "\"{c}\" is not a character of these codes"),
            CodeError::TooShort => write!(f, "the code is too short"),
            CodeError::Typo => write!(
                f,
                "the check characters do not match: a character is wrong, or two are swapped"
            ),
            CodeError::OtherVersion(v) => {
                write!(f, "the code is from protocol {} {}", v.protocol, v.version)
            }
            CodeError::UnknownVersion => write!(
                f,
                "the code is from a protocol version this page does not know"
            ),
            CodeError::UnknownPacks => write!(f, "the code names packs this page does not read"),
            CodeError::Truncated => write!(f, "characters are missing at the end of the code"),
            CodeError::NotAsked => write!(
                f,
                "the code holds answers the protocol would not have asked"
            ),
        }
    }
}
