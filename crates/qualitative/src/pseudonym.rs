//! Replacing names in a transcript with placeholders such as `[deltager]` or `[peer]`.
//!
//! Each name is replaced as a whole word, without regard to case (`ANNE`, `anne`, `Ærø`,
//! `ærø`, `Émile`, `émile` all match), and so is each of its parts of two or more letters (the
//! first name and each surname, also the halves of a hyphenated name), with the same
//! placeholder. The longest name that matches at a place wins, so `Anne Holm` becomes one
//! placeholder, not two. A possessive ending stays after the placeholder (`Annes` becomes
//! `[deltager]s`, `Anne's` becomes `[deltager]'s`). A name is never replaced inside another
//! word: `Ole` leaves `Olesen` alone unless `Olesen` is itself a name given. Names that are empty
//! or a single letter, and name particles such as `de` or `van` on their own, are not replaced.
//!
//! This finds the names it is given, nothing else: nicknames, misspellings, places, employers
//! and other details that identify someone stay in the text.

use std::collections::{HashMap, HashSet};

/// A name to replace and the placeholder that replaces it, e.g. `Anne Holm` and `[deltager]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name {
    pub text: String,
    pub placeholder: String,
}

impl Name {
    pub fn new(text: impl Into<String>, placeholder: impl Into<String>) -> Self {
        Name { text: text.into(), placeholder: placeholder.into() }
    }
}

/// Parts of names that are not replaced on their own, only as part of the whole name: they are
/// ordinary words too (Danish `af`, `de`, `den`, `du`, `la`, `le`, `til`).
const PARTICLES: &[&str] = &[
    "af", "al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du", "el", "ibn", "la", "le", "les",
    "til", "ten", "ter", "van", "von", "zu",
];

/// The char a char is compared as: lower case where that is a single char, and the typographic
/// apostrophe as the plain one.
fn fold(c: char) -> char {
    if c == '’' || c == 'ʼ' {
        return '\'';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Whether a char belongs to a word: letters, digits and combining marks (an accent written as a
/// separate char after its letter).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A name to look for, as folded chars; `None` stands for one or more white-space chars.
struct Pattern {
    chars: Vec<Option<char>>,
    placeholder: String,
}

impl Pattern {
    /// The number of chars of `text` from `at` that this pattern matches, if it matches there.
    fn matches(&self, text: &[char], at: usize) -> Option<usize> {
        let mut i = at;
        for p in &self.chars {
            match p {
                Some(p) => {
                    if text.get(i).map(|&c| fold(c)) != Some(*p) {
                        return None;
                    }
                    i += 1;
                }
                None => {
                    let from = i;
                    while text.get(i).is_some_and(|c| c.is_whitespace()) {
                        i += 1;
                    }
                    if i == from {
                        return None;
                    }
                }
            }
        }
        Some(i - at)
    }
}

/// A name as a pattern: folded, white space inside it matching any run of white space.
fn pattern(name: &str) -> Vec<Option<char>> {
    let mut out = Vec::new();
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(None);
        }
        out.extend(word.chars().map(|c| Some(fold(c))));
    }
    out
}

/// The parts of a name replaced on their own: its words and the halves of hyphenated words,
/// without punctuation around them, of two or more chars and not a particle.
fn parts(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in name.split_whitespace() {
        let mut pieces = vec![word];
        if word.contains('-') {
            pieces.extend(word.split('-'));
        }
        for piece in pieces {
            let piece = piece.trim_matches(|c: char| !is_word(c));
            let folded: String = piece.chars().map(fold).collect();
            if piece.chars().count() >= 2 && !PARTICLES.contains(&folded.as_str()) {
                out.push(piece);
            }
        }
    }
    out
}

/// Builds the patterns: whole names first, then their parts (the first name given wins when two
/// names share a part), longest first.
fn patterns(names: &[Name]) -> Vec<Pattern> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut add = |text: &str, placeholder: &str| {
        let chars = pattern(text);
        if chars.iter().filter(|c| c.is_some()).count() >= 2 && seen.insert(chars.clone()) {
            out.push(Pattern { chars, placeholder: placeholder.to_owned() });
        }
    };
    for name in names {
        add(name.text.trim_matches(|c: char| !is_word(c)), &name.placeholder);
    }
    for name in names {
        for part in parts(&name.text) {
            add(part, &name.placeholder);
        }
    }
    // Longest first; a stable sort keeps the order above among names of the same length.
    out.sort_by_key(|p| std::cmp::Reverse(p.chars.len()));
    out
}

/// Replaces the names in `text` with their placeholders; returns the new text and the number of
/// replacements made.
pub fn pseudonymise(text: &str, names: &[Name]) -> (String, usize) {
    let patterns = patterns(names);
    if patterns.is_empty() {
        return (text.to_owned(), 0);
    }
    let mut by_first: HashMap<char, Vec<&Pattern>> = HashMap::new();
    for p in &patterns {
        if let Some(Some(c)) = p.chars.first() {
            by_first.entry(*c).or_default().push(p);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let ends_word = |at: usize| match chars.get(at) {
        None => true,
        Some(&c) if !is_word(c) => true,
        // A possessive `s` stays after the placeholder.
        Some(&c) if fold(c) == 's' => chars.get(at + 1).is_none_or(|&n| !is_word(n)),
        Some(_) => false,
    };

    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_word = is_word(c) && (i == 0 || !is_word(chars[i - 1]));
        if starts_word
            && let Some(candidates) = by_first.get(&fold(c))
            && let Some((p, n)) = candidates.iter().find_map(|p| p.matches(&chars, i).filter(|&n| ends_word(i + n)).map(|n| (p, n)))
        {
            out.push_str(&p.placeholder);
            count += 1;
            i += n;
            continue;
        }
        out.push(c);
        i += 1;
    }
    (out, count)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(text: &str, names: &[(&str, &str)]) -> (String, usize) {
        let names: Vec<Name> = names.iter().map(|(n, p)| Name::new(*n, *p)).collect();
        pseudonymise(text, &names)
    }

    #[test]
    fn full_name_and_its_parts() {
        let (text, n) = run("Anne Holm kom. Anne sagde hej til Holm, og ANNE\nholm smilede. Fru holm?", &[("Anne Holm", "[deltager]")]);
        assert_eq!(text, "[deltager] kom. [deltager] sagde hej til [deltager], og [deltager] smilede. Fru [deltager]?");
        assert_eq!(n, 5);
    }

    #[test]
    fn danish_letters_and_accents_ignore_case() {
        let (text, n) = run(
            "ÅSE og åse, Søren og SØREN, Émile og émile, Æbelø.",
            &[("Åse", "[a]"), ("Søren", "[b]"), ("Émile", "[c]"), ("æbelø", "[d]")],
        );
        assert_eq!(text, "[a] og [a], [b] og [b], [c] og [c], [d].");
        assert_eq!(n, 7);
    }

    #[test]
    fn possessive_endings_stay() {
        let (text, n) = run("Annes peer, Anne's peer, Anne’s peer, Lars' bil og Larss.", &[("Anne", "[deltager]"), ("Lars", "[peer]")]);
        assert_eq!(text, "[deltager]s peer, [deltager]'s peer, [deltager]’s peer, [peer]' bil og [peer]s.");
        assert_eq!(n, 5);
    }

    #[test]
    fn apostrophes_in_names() {
        let (text, n) = run("O’Brien og o'brien og O'Briens.", &[("O'Brien", "[x]")]);
        assert_eq!(text, "[x] og [x] og [x]s.");
        assert_eq!(n, 3);
    }

    #[test]
    fn never_inside_another_word() {
        let (text, n) = run("Ole og Olesen, Bole, ole-bole, Oleander, Olesens.", &[("Ole", "[p]")]);
        assert_eq!(text, "[p] og Olesen, Bole, [p]-bole, Oleander, Olesens.");
        assert_eq!(n, 2);
        let (text, n) = run("Ole og Olesen.", &[("Ole", "[p]"), ("Olesen", "[q]")]);
        assert_eq!(text, "[p] og [q].");
        assert_eq!(n, 2);
        // Digits belong to words too; so do separately written accents.
        let (text, _) = run("Ole2 og Ole\u{301}", &[("Ole", "[p]")]);
        assert_eq!(text, "Ole2 og Ole\u{301}");
    }

    #[test]
    fn longest_match_first() {
        let (text, n) =
            run("Anne Marie Holm og Anne Marie og Anne.", &[("Anne", "[x]"), ("Anne Marie Holm", "[deltager]"), ("Anne Marie", "[y]")]);
        assert_eq!(text, "[deltager] og [y] og [x].");
        assert_eq!(n, 3);
    }

    #[test]
    fn hyphenated_names_and_their_halves() {
        let (text, n) = run("Anne-Marie Holm-Jensen, Anne-Marie, Marie, Jensen og Holm-Jensen.", &[("Anne-Marie Holm-Jensen", "[d]")]);
        assert_eq!(text, "[d], [d], [d], [d] og [d].");
        assert_eq!(n, 5);
    }

    #[test]
    fn short_names_and_particles_are_not_replaced_alone() {
        let (text, n) = run(
            "A og B er her, de kom fra Maria de la Cruz og Cruz.",
            &[("A", "[a]"), ("", "[b]"), ("  ", "[c]"), ("Maria de la Cruz", "[d]")],
        );
        assert_eq!(text, "A og B er her, de kom fra [d] og [d].");
        assert_eq!(n, 2);
        // Initials are dropped from the parts.
        let (text, n) = run("Jens K. Hansen og K. og Jens", &[("Jens K. Hansen", "[j]")]);
        assert_eq!(text, "[j] og K. og [j]");
        assert_eq!(n, 2);
    }

    #[test]
    fn first_name_given_wins_a_shared_part_but_full_names_win_over_parts() {
        let names = [("Anne Holm", "[deltager]"), ("Peter Holm", "[peer]"), ("Holm Fonden", "[organisation]")];
        let (text, n) = run("Holm, Peter, Peter Holm, Holm Fonden og Fonden.", &names);
        assert_eq!(text, "[deltager], [peer], [peer], [organisation] og [organisation].");
        assert_eq!(n, 5);
        let (text, _) = run("Holm kom.", &[("Anne Holm", "[deltager]"), ("Holm", "[organisation]")]);
        assert_eq!(text, "[organisation] kom.");
    }

    #[test]
    fn name_across_a_line_break_and_around_punctuation() {
        let (text, n) = run("(Anne\n  Holm), \"Anne\" og [Anne].", &[("Anne Holm", "[d]")]);
        assert_eq!(text, "([d]), \"[d]\" og [[d]].");
        assert_eq!(n, 3);
    }

    #[test]
    fn nothing_to_do() {
        assert_eq!(run("Hej med dig.", &[]), ("Hej med dig.".into(), 0));
        assert_eq!(run("", &[("Anne", "[d]")]), (String::new(), 0));
        assert_eq!(run("Hanne og Susanne.", &[("Anne", "[d]")]), ("Hanne og Susanne.".into(), 0));
    }

    /// True when `name` occurs in `text` as a whole word, ignoring case.
    fn occurs(text: &str, name: &str) -> bool {
        let text: Vec<char> = text.chars().map(fold).collect();
        let name: Vec<char> = name.chars().map(fold).collect();
        if name.is_empty() {
            return false;
        }
        (0..text.len()).any(|i| {
            text[i..].starts_with(&name) && (i == 0 || !is_word(text[i - 1])) && text.get(i + name.len()).is_none_or(|&c| !is_word(c))
        })
    }

    fn word() -> impl Strategy<Value = String> {
        "[a-zA-ZæøåÆØÅé]{2,7}".prop_filter("not a particle", |w| !PARTICLES.contains(&w.to_lowercase().as_str()))
    }

    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn no_listed_name_remains(
            names in proptest::collection::vec(name(), 1..4),
            filler in proptest::collection::vec("[a-zæøå]{1,6}|[ ,.:\n'’-]|s", 0..30),
            picks in proptest::collection::vec((0usize..4, 0usize..4, any::<bool>()), 0..12),
        ) {
            // Text of filler with the names, their parts, upper-cased or not, put in between.
            let mut text = String::new();
            for (i, f) in filler.iter().enumerate() {
                text.push_str(f);
                if let Some(&(n, part, upper)) = picks.get(i) {
                    let name = &names[n % names.len()];
                    let words: Vec<&str> = name.split(' ').collect();
                    let chosen = if part == 0 { name.clone() } else { words[part % words.len()].to_owned() };
                    text.push(' ');
                    text.push_str(&if upper { chosen.to_uppercase() } else { chosen });
                    text.push(' ');
                }
            }
            let list: Vec<Name> = names.iter().enumerate().map(|(i, n)| Name::new(n.clone(), format!("[p{i}]"))).collect();
            let (out, count) = pseudonymise(&text, &list);
            for n in &names {
                prop_assert!(!occurs(&out, n), "{:?} remains in {:?}", n, out);
                for w in n.split(' ') {
                    prop_assert!(!occurs(&out, w), "{:?} remains in {:?}", w, out);
                }
            }
            prop_assert_eq!(count, out.matches("[p").count() - text.matches("[p").count());
            // Replacing again finds nothing more.
            prop_assert_eq!(pseudonymise(&out, &list), (out.clone(), 0));
        }

        #[test]
        fn text_without_the_names_is_unchanged(text in "[a-zæøå ,.:\n'-]{0,80}", names in proptest::collection::vec(name(), 0..3)) {
            let list: Vec<Name> = names.iter().map(|n| Name::new(n.clone(), "[x]")).collect();
            let mentioned = names.iter().flat_map(|n| n.split(' ')).any(|w| occurs(&text, w)) || names.iter().any(|n| occurs(&text, n));
            prop_assume!(!mentioned);
            // Possessive forms are mentions too.
            prop_assume!(!names.iter().flat_map(|n| n.split(' ')).any(|w| occurs(&text, &format!("{w}s"))));
            prop_assert_eq!(pseudonymise(&text, &list), (text.clone(), 0));
        }
    }
}
