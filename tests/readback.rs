#![cfg(not(target_arch = "wasm32"))]
//! The read-back code (src/readback.rs): every shared case and generated
//! answer sets go through it and back to the same answers and outcome; every
//! one-character change and every swap of neighbours is refused as a typo;
//! codes from another version, cut short, or with answers the protocol would
//! not ask are refused with their own error. Codes longer than 31
//! characters are checked block by block (`readback::BLOCK`): the check
//! functions exhaustively up to three blocks, real two-block codes (of a
//! protocol with longer lists: today's never pass 18 characters), and a
//! bound on the longest code each selection of packs could write. Prints
//! the codes' lengths.

mod common;

use common::{answers_from_bytes, magnesium};
use infusion_check::files;
use infusion_check::protocol::cases::parse_cases;
use infusion_check::protocol::{
    next_step, triage, Answer, Answers, Kind, Protocol, Step, PROTOCOL_JSON,
};
use infusion_check::readback::{
    carried, check_digits, checks, code_packs, decode, digits_of, encode, gf_mul, with_checks,
    CodeError, ALPHABET, BLOCK, MAX_LEN, VERSIONS,
};
use proptest::prelude::*;
use std::sync::OnceLock;

fn protocol() -> &'static Protocol {
    static P: OnceLock<Protocol> = OnceLock::new();
    P.get_or_init(magnesium)
}

fn cases() -> Vec<(String, Answers)> {
    let dir = common::cases_dir();
    let json = std::fs::read_to_string(dir.join("magnesium.json"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    parse_cases(protocol(), &json)
        .unwrap_or_else(|e| panic!("cases: {e}"))
        .into_iter()
        .map(|(c, a)| (c.id, a))
        .collect()
}

/// Multi-choice answers in option order (the code keeps the set, not the
/// order of the taps).
fn sorted(p: &Protocol, a: &Answers) -> Answers {
    let mut out = a.clone();
    for (id, ans) in a.0.iter() {
        if let (Answer::Many(list), Some(q)) = (ans, p.question(id)) {
            let mut list = list.clone();
            list.sort_by_key(|c| q.options.iter().position(|o| &o.id == c));
            out.set(id, Answer::Many(list));
        }
    }
    out
}

/// A code through the decoder: the same answers as `carried`, the same
/// outcome as the engine on the original answers; every one-character change
/// and every swap of different neighbours refused as a typo.
fn round_trip(p: &Protocol, name: &str, a: &Answers) -> String {
    let code = encode(p, a).unwrap_or_else(|e| panic!("{name}: cannot encode: {e:?}"));
    let back = decode(p, &code).unwrap_or_else(|e| panic!("{name}: {code} does not decode: {e}"));
    let want = carried(p, a).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(back.answers, want, "{name}: {code}");
    // Nothing but the answers the flow asked, each as given.
    for (id, ans) in back.answers.0.iter() {
        let q = p.question(id).unwrap_or_else(|| panic!("{name}: {id}"));
        if back.free_text.contains(id) {
            continue;
        }
        match a.get(id) {
            Some(given) => assert_eq!(
                sorted(
                    p,
                    &Answers(std::iter::once((id.clone(), ans.clone())).collect())
                ),
                sorted(
                    p,
                    &Answers(std::iter::once((id.clone(), given.clone())).collect())
                ),
                "{name}: {id}"
            ),
            // An unticked checklist item is "no".
            None => assert!(
                q.parent.is_some() && *ans == Answer::One("no".into()),
                "{name}: {id} = {ans:?} was not given"
            ),
        }
    }
    let o = triage(p, a);
    assert_eq!(back.outcome, o, "{name}: {code}");
    assert_eq!(triage(p, &back.answers), o, "{name}: {code}");
    code
}

fn every_typo_is_caught(p: &Protocol, code: &str) {
    let chars: Vec<u8> = code.bytes().filter(|&b| b != b'-').collect();
    for i in 0..chars.len() {
        for &c in ALPHABET {
            if c == chars[i] {
                continue;
            }
            let mut typo = chars.clone();
            typo[i] = c;
            let typo = String::from_utf8(typo).unwrap_or_default();
            assert_eq!(
                decode(p, &typo).err(),
                Some(CodeError::Typo),
                "{code}: {typo} (position {i}) not caught"
            );
        }
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut swap = chars.clone();
            swap.swap(i, i + 1);
            let swap = String::from_utf8(swap).unwrap_or_default();
            assert_eq!(
                decode(p, &swap).err(),
                Some(CodeError::Typo),
                "{code}: {swap} (swap at {i}) not caught"
            );
        }
    }
}

#[test]
fn every_shared_case_round_trips_and_every_typo_in_its_code_is_caught() {
    let p = protocol();
    let mut lengths = Vec::new();
    for (id, a) in cases() {
        let code = round_trip(p, &id, &a);
        every_typo_is_caught(p, &code);
        let chars = code.chars().filter(|c| *c != '-').count();
        println!(
            "{id}: {code} ({chars} characters; {})",
            triage(p, &a).level.code()
        );
        lengths.push(chars);
    }
    lengths.sort();
    let n = lengths.len();
    let median = if n % 2 == 1 {
        lengths[n / 2] as f64
    } else {
        (lengths[n / 2 - 1] + lengths[n / 2]) as f64 / 2.0
    };
    println!(
        "read-back codes of {n} cases: {} to {} characters, median {median}, mean {:.1} (check character included)",
        lengths[0],
        lengths[n - 1],
        lengths.iter().sum::<usize>() as f64 / n as f64
    );
    assert!(n >= 37);
    assert!(lengths[n - 1] <= 20, "a code longer than 20 characters");
}

/// The check characters. The first alone, for every code of any length: in GF(32) every weight
/// α^k is non-zero and neighbours' weights differ (α ≠ 1), so a change of one
/// character, or a swap of two different neighbours, always changes the sum.
/// Proved by trying every case: α has order 31 (the weights repeat after 31
/// positions, so these 31 positions stand for all).
#[test]
fn the_check_catches_every_single_change_and_every_neighbour_swap_at_any_position() {
    // α = 2 has order 31.
    let mut w = 1u8;
    let mut weights = Vec::new();
    for _ in 0..31 {
        weights.push(w);
        w = gf_mul(w, 2);
    }
    assert_eq!(w, 1, "α^31 = 1");
    assert!(
        weights.iter().all(|&w| w != 0) && {
            let mut s = weights.clone();
            s.sort();
            s.dedup();
            s.len() == 31
        }
    );
    for k in 0..31 {
        let (a_w, b_w) = (weights[k], weights[(k + 1) % 31]);
        for a in 0..32u8 {
            for b in 0..32u8 {
                if a != b {
                    // One character a → b at weight a_w.
                    assert_ne!(gf_mul(a_w, a), gf_mul(a_w, b));
                    // Neighbours (a, b) → (b, a).
                    assert_ne!(
                        gf_mul(a_w, a) ^ gf_mul(b_w, b),
                        gf_mul(a_w, b) ^ gf_mul(b_w, a),
                        "k {k} a {a} b {b}"
                    );
                }
            }
        }
    }
    // Both checks together (a Reed–Solomon code of distance 3): any two
    // wrong characters anywhere in a code of up to 31 characters are caught.
    // S1 and S2 change by e1·α^i + e2·α^j and e1·α^2i + e2·α^2j; both zero
    // only when e1 = e2 = 0.
    let sq = |w: u8| gf_mul(w, w);
    for i in 0..31 {
        for j in (i + 1)..31 {
            for e1 in 1..32u8 {
                for e2 in 1..32u8 {
                    let s1 = gf_mul(e1, weights[i]) ^ gf_mul(e2, weights[j]);
                    let s2 = gf_mul(e1, sq(weights[i])) ^ gf_mul(e2, sq(weights[j]));
                    assert!(s1 != 0 || s2 != 0, "positions {i} {j}");
                }
            }
        }
    }
    // And on the check functions themselves, for every code of 2 to 29
    // digits built from a pattern: every change and swap is refused.
    for len in 2..=29usize {
        let digits: Vec<u8> = (0..len).map(|i| ((i * 7 + len) % 32) as u8).collect();
        let mut all = digits.clone();
        all.extend(check_digits(&digits));
        assert!(checks(&all));
        every_change_and_swap_is_refused(&all, &format!("len {len}"));
    }
}

/// Calls `f` with `all` changed at every two positions by every two wrong
/// values (and where and how, in words).
fn with_two_errors(all: &[u8], mut f: impl FnMut(&[u8], String)) {
    for i in 0..all.len() {
        for j in (i + 1)..all.len() {
            for e1 in 1..32u8 {
                for e2 in 1..32u8 {
                    let mut t = all.to_vec();
                    t[i] ^= e1;
                    t[j] ^= e2;
                    f(&t, format!("positions {i} {j}, errors {e1} {e2}"));
                }
            }
        }
    }
}

/// Every single wrong character of `all` (a code that passes), and every
/// swap of two different neighbours, is refused.
fn every_change_and_swap_is_refused(all: &[u8], what: &str) {
    for i in 0..all.len() {
        for d in 0..32u8 {
            if d != all[i] {
                let mut t = all.to_vec();
                t[i] = d;
                assert!(!checks(&t), "{what}: position {i}, digit {d}");
            }
        }
        if i + 1 < all.len() && all[i] != all[i + 1] {
            let mut t = all.to_vec();
            t.swap(i, i + 1);
            assert!(!checks(&t), "{what}: swap at {i}");
        }
    }
}

/// Codes longer than one block (31 characters), on the check functions
/// themselves. For every length of 1 to 90 data characters (up to three
/// blocks and a short fourth): the code `with_checks` makes passes, is one
/// block as before blocks up to 29 data characters, and every single wrong
/// character and every swap of two different neighbours (in a block, and
/// across two) is refused. For a code of three blocks (31, 31 and 3
/// characters), every two wrong characters, at any two positions (in one
/// block, or in two) with any two wrong values, are refused. A length of one
/// or two characters past whole blocks is never a code, not even all zeros.
#[test]
fn long_codes_are_checked_block_by_block() {
    let pattern =
        |n: usize| -> Vec<u8> { (0..n).map(|i| ((i * 7 + n * 3 + 1) % 32) as u8).collect() };
    for data_len in 1..=90usize {
        let data = pattern(data_len);
        let all = with_checks(&data);
        assert_eq!(
            all.len(),
            data_len + 2 * data_len.div_ceil(BLOCK - 2),
            "{data_len}"
        );
        assert!(checks(&all), "{data_len}");
        if data_len <= BLOCK - 2 {
            let mut one = data.clone();
            one.extend(check_digits(&data));
            assert_eq!(all, one, "{data_len}: not the code of before blocks");
        }
        every_change_and_swap_is_refused(&all, &format!("data {data_len}"));
    }
    let all = with_checks(&pattern(2 * (BLOCK - 2) + 1));
    assert_eq!(all.len(), 2 * BLOCK + 3);
    let mut pairs = 0u64;
    with_two_errors(&all, |t, at| {
        assert!(!checks(t), "{at}");
        pairs += 1;
    });
    assert_eq!(pairs, 65 * 64 / 2 * 31 * 31);
    for len in [BLOCK + 1, BLOCK + 2, 2 * BLOCK + 1, 2 * BLOCK + 2] {
        assert!(!checks(&vec![0; len]), "{len} zeros");
    }
    for len in [4, BLOCK, BLOCK + 3, 2 * BLOCK] {
        assert!(checks(&vec![0; len]), "{len} zeros");
    }
}

/// The magnesium check with its checklists (red flags, fainting, the IV
/// spot) grown to 34 items each (copies of their first item; 34 is the most
/// a checklist's code holds) and its symptoms to 34 (copies of the IV
/// spot), so that its codes can be longer than a block.
fn with_long_checklists() -> Protocol {
    let mut p = protocol().clone();
    for list in ["red_flags", "faint_followup", "iv_signs"] {
        let at = p.index_of(list).unwrap_or_else(|| panic!("{list}"));
        let items: usize = p.questions[at].sections.iter().map(|(_, i)| i.len()).sum();
        let first = p.questions[at].sections[0].1[0];
        let mut extra = Vec::new();
        for k in items..34 {
            let mut q = p.questions[first].clone();
            q.id = format!("{list}_extra_{k}");
            extra.push(p.questions.len());
            p.questions.push(q);
        }
        if let Some(last) = p.questions[at].sections.last_mut() {
            last.1.extend(extra);
        }
    }
    // and the symptoms to 34 (copies of the IV spot)
    let at = p.index_of("symptoms").unwrap_or_else(|| panic!("symptoms"));
    let q = &mut p.questions[at];
    let site = q.options.iter().find(|o| o.id == "g_site").cloned();
    for k in q.options.iter().filter(|o| !o.exclusive).count()..34 {
        if let Some(mut o) = site.clone() {
            o.id = format!("g_extra_{k}");
            q.options.push(o);
        }
    }
    p
}

/// Answers along the flow, each screen's at random (a fixed seed): of the
/// red flags only the added ones, and "fainted" for an odd seed (its
/// follow-up list is asked), the IV spot among the symptoms (its list is
/// asked; for an even seed, with none but the added ones), each other checklist item (40% to 90%)
/// and symptom ticked with a chance of its screen's own.
fn walk_at_random(p: &Protocol, seed: u64) -> Answers {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut a = Answers::new();
    for _ in 0..=p.screens.len() {
        let q = match next_step(p, &a) {
            Step::Done(_) => break,
            Step::Ask(q) => q.clone(),
        };
        let chance = next() % 100;
        match q.kind {
            Kind::Text => a.set_one(&q.id, ""),
            Kind::Checklist => {
                for &i in q.sections.iter().flat_map(|(_, items)| items) {
                    let id = &p.questions[i].id;
                    if q.id == "red_flags" && !id.contains("_extra_") {
                        // (fainted: its follow-up list is asked; no other red flag)
                        let fainted = id == "rf_fainted" && seed % 2 == 1;
                        a.set_one(id, if fainted { "yes" } else { "no" });
                        continue;
                    }
                    let tick = next() % 100 < 40 + chance / 2;
                    let code = if !tick {
                        "no"
                    } else if next() % 2 == 0 {
                        "yes"
                    } else {
                        "not_sure"
                    };
                    a.set_one(id, code);
                }
            }
            Kind::Multi => {
                let mut picked: Vec<String> = q
                    .options
                    .iter()
                    .filter(|o| {
                        !o.exclusive
                            && (o.id == "g_site"
                                || ((seed % 2 == 1 || o.id.contains("_extra_"))
                                    && next() % 100 < chance))
                    })
                    .map(|o| o.id.clone())
                    .collect();
                if picked.is_empty() {
                    picked.extend(q.options.iter().find(|o| o.exclusive).map(|o| o.id.clone()));
                }
                a.set(&q.id, Answer::Many(picked));
            }
            _ => {
                let mut codes: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
                if q.offers_not_sure && !codes.iter().any(|c| c == "not_sure") {
                    codes.push("not_sure".into());
                }
                let pick = codes[next() as usize % codes.len()].clone();
                a.set_one(&q.id, &pick);
            }
        }
        let at = p.index_of(&q.id);
        for c in p
            .questions
            .iter()
            .filter(|c| c.shown_with.is_some() && c.shown_with == at)
        {
            let pick = c.options[next() as usize % c.options.len()].id.clone();
            a.set_one(&c.id, &pick);
        }
    }
    a
}

/// Real codes longer than one block, through the encoder and the decoder
/// (the magnesium check with longer checklists: today's checks write at
/// most 18 characters): each reads back to the same answers and outcome and
/// names its packs; in the longest, every single wrong character, every
/// swap of neighbours and every two wrong characters (any positions, any
/// values) are refused as a typo.
#[test]
fn codes_of_two_blocks_round_trip_and_every_typo_in_them_is_caught() {
    let p = with_long_checklists();
    let mut longest = String::new();
    let mut long = 0;
    for seed in 0..3_000 {
        let a = walk_at_random(&p, seed);
        let Ok(code) = encode(&p, &a) else { continue };
        if code.len() <= BLOCK + BLOCK / 4 {
            continue;
        }
        long += 1;
        round_trip(&p, &format!("seed {seed}"), &a);
        assert_eq!(code_packs(&code), Ok(vec!["magnesium"]), "{code}");
        every_typo_is_caught(&p, &code);
        if code.len() > longest.len() {
            longest = code;
        }
    }
    let all = digits_of(&longest).unwrap_or_default();
    println!(
        "{long} codes of two blocks; the longest: {longest} ({} characters)",
        all.len()
    );
    assert!(long >= 10, "{long} codes of two blocks");
    assert!(all.len() > BLOCK + 3, "{longest}");
    let text = |d: &[u8]| {
        d.iter()
            .map(|&x| ALPHABET[x as usize] as char)
            .collect::<String>()
    };
    with_two_errors(&all, |t, at| {
        assert_eq!(
            decode(&p, &text(t)).err(),
            Some(CodeError::Typo),
            "{longest}: {at}"
        );
    });
    // Its first block alone, or with one character of the second: refused.
    assert!(decode(&p, &text(&all[..BLOCK])).is_err());
    assert_eq!(
        decode(&p, &text(&all[..BLOCK + 1])).err(),
        Some(CodeError::Typo)
    );
}

/// No code a flow can write is longer than the decoder reads: for every
/// selection of packs, every screen asked, each with its costliest answer
/// (a bound: no path asks them all), the code's characters stay under
/// [`MAX_LEN`]. Prints each bound (over 31 characters: two blocks).
#[test]
fn no_code_a_flow_can_write_is_longer_than_the_decoder_reads() {
    let log2_binom = |n: u32, k: u32| {
        (0..k)
            .map(|i| f64::from(n - i).log2() - f64::from(i + 1).log2())
            .sum::<f64>()
    };
    let mut longest = 0;
    for mask in 1..(1u32 << files::PACKS.len()) {
        let sel = files::selection(mask).unwrap_or_else(|| panic!("no selection for {mask:b}"));
        let p = selection_protocol(sel);
        // the version (32), the packs (16), the 1 above every digit
        let mut bits = 5.0 + f64::from(1u32 << files::PACKS.len()).log2() + 1.0;
        for &s in &p.screens {
            let q = &p.questions[s];
            let n = |it: &mut dyn Iterator<Item = usize>| it.count() as u32;
            bits += match q.kind {
                Kind::Checklist => {
                    let n = n(&mut q.sections.iter().map(|(_, i)| i.len()).flat_map(|l| 0..l));
                    (0..=n)
                        .map(|k| f64::from(n + 1).log2() + log2_binom(n, k) + f64::from(k))
                        .fold(0.0, f64::max)
                }
                Kind::Multi => {
                    let e = n(&mut q.options.iter().filter(|o| o.exclusive).map(|_| 0));
                    let n = q.options.len() as u32 - e;
                    (0..=n)
                        .map(|k| f64::from(e + n + 1).log2() + log2_binom(n, k))
                        .fold(0.0, f64::max)
                }
                Kind::Text => 0.0,
                _ => ((q.options.len() + 1) as f64).log2(),
            };
            for c in p.questions.iter().filter(|c| c.shown_with == Some(s)) {
                bits += ((c.options.len() + 1) as f64).log2();
            }
        }
        let data = (bits / 5.0).ceil() as usize;
        let chars = data + 2 * data.div_ceil(BLOCK - 2);
        println!("{sel}: at most {chars} characters ({bits:.1} bits)");
        longest = longest.max(chars);
    }
    assert!(
        longest <= MAX_LEN,
        "a code of {longest} characters would be refused"
    );
}

#[test]
fn the_built_in_protocol_version_has_a_code_number() {
    let p = protocol();
    assert!(
        VERSIONS
            .iter()
            .any(|v| v.protocol == p.id && v.version == p.version),
        "protocol {} {} is not in readback::VERSIONS: add it at the end (codes name the version by its index there)",
        p.id,
        p.version
    );
    assert!(VERSIONS.len() <= 32);
}

#[test]
fn doubtful_codes_are_refused_with_their_reason() {
    let p = protocol();
    let (_, a) = cases()
        .into_iter()
        .find(|(id, _)| id == "V01")
        .unwrap_or_else(|| panic!("V01"));
    let code = encode(p, &a).unwrap_or_else(|e| panic!("{e:?}"));
    let digits = digits_of(&code).unwrap_or_default();
    let with_check = |d: &[u8]| {
        let mut all = d.to_vec();
        all.extend(check_digits(d));
        all.iter()
            .map(|&x| ALPHABET[x as usize] as char)
            .collect::<String>()
    };
    let data = &digits[..digits.len() - 2];
    // Lower case, I/L/O, spaces: read as meant.
    let loose = code
        .to_lowercase()
        .replace('1', "l")
        .replace('0', "o")
        .replace('-', " ");
    assert!(decode(p, &loose).is_ok(), "{loose}");
    assert_eq!(decode(p, "").err(), Some(CodeError::Empty));
    assert_eq!(decode(p, " - ").err(), Some(CodeError::Empty));
    assert_eq!(decode(p, "ABC").err(), Some(CodeError::TooShort));
    assert_eq!(
        decode(p, "7KQ2-U9XD").err(),
        Some(CodeError::BadCharacter('U'))
    );
    assert_eq!(
        decode(p, "7KQ2-*9XD").err(),
        Some(CodeError::BadCharacter('*'))
    );
    // Another version (a code whose first character names a later entry).
    let mut other = data.to_vec();
    other[0] = VERSIONS.len() as u8;
    assert_eq!(
        decode(p, &with_check(&other)).err(),
        Some(CodeError::UnknownVersion)
    );
    // Cut short (with a fresh check character, as a careless copy would not
    // have): incomplete, never a summary.
    for cut in 1..data.len() - 1 {
        let short = &data[..data.len() - cut];
        let got = decode(p, &with_check(short)).err();
        assert!(
            matches!(got, Some(CodeError::Truncated) | Some(CodeError::NotAsked)),
            "{code} cut by {cut}: {got:?}"
        );
    }
    // Longer: answers the protocol would not have asked.
    let mut long = data.to_vec();
    long.push(5);
    let got = decode(p, &with_check(&long)).err();
    assert!(
        matches!(got, Some(CodeError::Truncated) | Some(CodeError::NotAsked)),
        "{got:?}"
    );
    // Cut short without new checks (the last characters lost): refused.
    for cut in 1..digits.len() {
        let s: String = digits[..digits.len() - cut]
            .iter()
            .map(|&x| ALPHABET[x as usize] as char)
            .collect();
        assert!(decode(p, &s).is_err(), "{s}");
    }
    // Garbage of every length with a valid check: never a summary unless it
    // is exactly a code this protocol writes.
    for len in 2..16 {
        for seed in 0..200u32 {
            let d: Vec<u8> = (0..len)
                .map(|i| ((seed.wrapping_mul(2654435761).wrapping_add(i * 40503)) >> 7) as u8 % 32)
                .collect();
            let s = with_check(&d);
            if let Ok(back) = decode(p, &s) {
                assert_eq!(
                    digits_of(&encode(p, &back.answers).unwrap_or_default()).ok(),
                    digits_of(&s).ok()
                );
            }
        }
    }
}

#[test]
fn a_code_from_another_version_names_it() {
    // The protocol at a made-up later version, with that version in the
    // table: a code of the built-in one is refused, naming its version.
    let p = protocol();
    let (_, a) = cases()
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no case"));
    let code = encode(p, &a).unwrap_or_else(|e| panic!("{e:?}"));
    let mut later = p.clone();
    later.version = "2099.1".into();
    match decode(&later, &code) {
        Err(CodeError::OtherVersion(v)) => {
            assert_eq!(v.version, p.version);
            assert!(CodeError::OtherVersion(v).to_string().contains(&p.version));
        }
        other => panic!("{other:?}"),
    }
}

/// The protocol of a selection's language files (`iron_vitamin-c`: the packs
/// in its name), as build.rs makes them.
fn selection_protocol(sel: &str) -> &'static Protocol {
    static P: OnceLock<Vec<(&'static str, Protocol)>> = OnceLock::new();
    let all = P.get_or_init(|| {
        let mut out: Vec<(&'static str, Protocol)> = Vec::new();
        for (s, ..) in files::FILES {
            if *s == files::CORE || out.iter().any(|(x, _)| x == s) {
                continue;
            }
            let packs: Vec<&str> = s.split('_').collect();
            let p = Protocol::load_packs(PROTOCOL_JSON, &packs)
                .unwrap_or_else(|e| panic!("selection {s}: {e}"));
            out.push((s, p));
        }
        out
    });
    all.iter()
        .find(|(s, _)| *s == sel)
        .map(|(_, p)| p)
        .unwrap_or_else(|| panic!("no selection {sel}"))
}

/// What the nurse's page does with a code (src/nurse.rs): the selection of
/// the packs it names, and that selection's protocol reads it to the same
/// answers and outcome as `p`, which wrote it; the magnesium check's
/// protocol refuses it (unless it is one), naming no wrong summary.
fn read_as_the_nurse_page(p: &Protocol, name: &str, code: &str) {
    let packs = code_packs(code).unwrap_or_else(|e| panic!("{name}: {code}: {e}"));
    let mut named: Vec<&str> = packs.clone();
    let mut own: Vec<&str> = p.id.split('+').collect();
    named.sort_unstable();
    own.sort_unstable();
    assert_eq!(named, own, "{name}: {code} names the packs of {}", p.id);
    let sel = files::selection_of(packs).unwrap_or_else(|| panic!("{name}: no file for {}", p.id));
    assert_ne!(sel, files::CORE, "{name}");
    let q = selection_protocol(sel);
    assert_eq!(q.id, p.id, "{name}: the file {sel}");
    let back = decode(q, code).unwrap_or_else(|e| panic!("{name}: {code} with {sel}: {e}"));
    assert_eq!(back.outcome, triage(p, &back.answers), "{name}: {code}");
    let mine = decode(p, code).unwrap_or_else(|e| panic!("{name}: {code}: {e}"));
    assert_eq!(back.answers, mine.answers, "{name}: {code}");
    assert_eq!(back.outcome, mine.outcome, "{name}: {code}");
    if p.id != "magnesium" {
        assert_eq!(
            decode(protocol(), code).err(),
            Some(CodeError::UnknownPacks),
            "{name}: {code} read with the magnesium check's protocol"
        );
    }
}

/// A screen a case leaves unanswered, answered as the end-to-end tests do:
/// "not sure" where it is offered, else the first option.
fn fill_unanswered(p: &Protocol, name: &str, a: &mut Answers) {
    for _ in 0..=p.screens.len() {
        let q = match next_step(p, a) {
            Step::Done(_) => return,
            Step::Ask(q) => q,
        };
        match q.kind {
            Kind::Text => a.set_one(&q.id, ""),
            Kind::Checklist | Kind::Multi => panic!("{name}: {} is not answered", q.id),
            _ if q.offers_not_sure || q.options.iter().any(|o| o.id == "not_sure") => {
                a.set_one(&q.id, "not_sure")
            }
            _ => {
                let first = q.options.first().map(|o| o.id.clone()).unwrap_or_default();
                a.set_one(&q.id, &first)
            }
        }
    }
}

/// Every pack case (clinical/packs/*-cases.json), with its selection of
/// packs (every pack for a patient who is not sure): its code round-trips,
/// every typo in it is caught, and the nurse's page reads it with its
/// selection's file.
#[test]
fn every_pack_case_round_trips_and_reads_with_its_selections_file() {
    let mut full = Protocol::load(PROTOCOL_JSON).unwrap_or_else(|e| panic!("{e}"));
    // (the case files name the protocol file, as `run_file` reads them)
    full.id = "infusion-check".into();
    let offered = Protocol::pack_ids(PROTOCOL_JSON).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("clinical/packs");
    let mut seen = std::collections::BTreeSet::new();
    let mut count = 0;
    for file in ["iron", "vitamin-c", "vitamin-drip"] {
        let path = dir.join(format!("{file}-cases.json"));
        let json =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (case, all) in parse_cases(&full, &json).unwrap_or_else(|e| panic!("{file}: {e}")) {
            let name = format!("{file} {}", case.id);
            let mut named = case.packs_named(&[], &offered);
            named.sort();
            named.dedup();
            let list: Vec<&str> = named.iter().map(String::as_str).collect();
            let p = Protocol::load_packs(PROTOCOL_JSON, &list)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut a = Answers::new();
            for (id, x) in all.0.iter() {
                if p.index_of(id).is_some() {
                    a.set(id, x.clone());
                }
            }
            fill_unanswered(&p, &name, &mut a);
            let code = round_trip(&p, &name, &a);
            every_typo_is_caught(&p, &code);
            read_as_the_nurse_page(&p, &name, &code);
            seen.insert(p.id.clone());
            count += 1;
        }
    }
    assert!(count >= 90, "{count} pack cases");
    // (one pack, two, and every pack: the patient who is not sure)
    for id in [
        "iron",
        "vitamin-c",
        "magnesium+vitamin-drip",
        "magnesium+iron+vitamin-c+vitamin-drip",
    ] {
        assert!(
            seen.iter().any(|s| {
                let mut a: Vec<&str> = s.split('+').collect();
                let mut b: Vec<&str> = id.split('+').collect();
                a.sort_unstable();
                b.sort_unstable();
                a == b
            }),
            "no case of {id}: {seen:?}"
        );
    }
}

/// Every selection of packs (a bitset, as the widget's therapy screen can
/// pick) names the file of the packs it brings.
#[test]
fn every_selection_of_packs_has_a_file_the_nurse_page_reads() {
    for mask in 1..(1u32 << files::PACKS.len()) {
        let sel = files::selection(mask).unwrap_or_else(|| panic!("no selection for {mask:b}"));
        assert_ne!(sel, files::CORE);
        for lang in ["en", "es"] {
            assert!(files::built(sel, lang).is_some(), "{sel} {lang}");
        }
    }
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 200..400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, ..ProptestConfig::default() })]

    /// Generated answer sets go through the code and back to the same
    /// answers and outcome, and a typo in their code is caught.
    #[test]
    fn generated_answers_round_trip(b in bytes(), pos in any::<prop::sample::Index>(), sym in 0..31usize) {
        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let code = round_trip(p, "generated", &a);
        let mut chars: Vec<u8> = code.bytes().filter(|&c| c != b'-').collect();
        let i = pos.index(chars.len());
        let others: Vec<u8> = ALPHABET.iter().copied().filter(|&c| c != chars[i]).collect();
        chars[i] = others[sym];
        prop_assert_eq!(decode(p, &String::from_utf8(chars).unwrap_or_default()).err(), Some(CodeError::Typo));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Generated answer sets of every selection of packs go through the code
    /// and back, and the nurse's page reads them with their selection's file.
    #[test]
    fn generated_answers_of_every_selection_round_trip(b in bytes(), mask in 1..(1u32 << 4)) {
        let sel = files::selection(mask).unwrap_or_else(|| panic!("no selection for {mask:b}"));
        let p = selection_protocol(sel);
        let a = answers_from_bytes(p, &b);
        let code = round_trip(p, sel, &a);
        read_as_the_nurse_page(p, sel, &code);
    }
}
