//! The `{{ name }}` placeholders an editor may write, and the sentinel tokens that carry them
//! through Markdown, sanitising and the layout.
//!
//! Placeholders cannot simply be replaced after rendering: `{{`/`}}` mean nothing to Markdown,
//! but a value must be escaped differently in HTML text, in a URL attribute and in plain text,
//! and only the finished HTML tells which of these a spot is. So each placeholder is first
//! swapped for a sentinel: a short run of ASCII letters and digits that Markdown, ammonia and
//! maud all pass through untouched, in text as well as in attribute values. After rendering,
//! [`crate::template`] finds the sentinels again and turns them into typed slots.

use crate::error::{RenderError, SourceField};

/// A value that can be put into a mail with `{{ … }}`; whitespace inside the braces is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// The subscriber's name; the localised `mail-name-fallback` when they gave none.
    Name,
    /// The subscriber's address.
    Email,
    /// The subscriber's signed one-click unsubscribe URL.
    UnsubscribeUrl,
    /// The subscriber's signed preferences URL.
    PreferencesUrl,
    /// The native name of the subscriber's preferred language ("Polski").
    Language,
}

impl Placeholder {
    pub const ALL: [Placeholder; 5] = [
        Placeholder::Name,
        Placeholder::Email,
        Placeholder::UnsubscribeUrl,
        Placeholder::PreferencesUrl,
        Placeholder::Language,
    ];

    /// The name written between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Name => "name",
            Placeholder::Email => "email",
            Placeholder::UnsubscribeUrl => "unsubscribe_url",
            Placeholder::PreferencesUrl => "preferences_url",
            Placeholder::Language => "language",
        }
    }

    /// Exact match only: a misspelt `{{ Name }}` must be reported, not guessed.
    pub fn parse(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Values that are whole URLs we generated ourselves, and so may stand at the start of an
    /// `href`; every other value is data and is percent-encoded inside a URL.
    pub(crate) fn is_url(self) -> bool {
        matches!(self, Placeholder::UnsubscribeUrl | Placeholder::PreferencesUrl)
    }

    pub(crate) fn known_list() -> String {
        Placeholder::ALL.map(Placeholder::name).join(", ")
    }

    fn code(self) -> u8 {
        match self {
            Placeholder::Name => b'n',
            Placeholder::Email => b'e',
            Placeholder::UnsubscribeUrl => b'u',
            Placeholder::PreferencesUrl => b'p',
            Placeholder::Language => b'l',
        }
    }

    fn from_code(code: u8) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Checks that every `{{ … }}` in a variant is a known placeholder, without rendering; for the
/// editor UI and the "ready" flag. [`crate::prepare`] performs the same check.
pub fn check_placeholders(v: &crate::VariantSource<'_>) -> Result<(), RenderError> {
    for (field, src) in [
        (SourceField::Subject, v.subject),
        (SourceField::Preheader, v.preheader),
        (SourceField::Body, v.markdown),
    ] {
        scan(src, field, |_| {})?;
    }
    Ok(())
}

enum Piece<'a> {
    Literal(&'a str),
    Placeholder(Placeholder),
}

/// Hands the pieces of `src` to `each` in source order. Placeholders never span lines, so an
/// unclosed `{{` is plain text rather than a surprise swallowing the rest of the issue.
fn scan<'a>(
    src: &'a str,
    field: SourceField,
    mut each: impl FnMut(Piece<'a>),
) -> Result<(), RenderError> {
    for (index, line) in src.split_inclusive('\n').enumerate() {
        let mut pos = 0;
        while let Some(open) = line[pos..].find("{{").map(|o| pos + o) {
            let Some(close) = line[open + 2..].find("}}").map(|c| open + 2 + c) else {
                break;
            };
            let name = line[open + 2..close].trim();
            let Some(p) = Placeholder::parse(name) else {
                return Err(RenderError::UnknownPlaceholder {
                    field,
                    name: name.to_owned(),
                    line: index + 1,
                });
            };
            each(Piece::Literal(&line[pos..open]));
            each(Piece::Placeholder(p));
            pos = close + 2;
        }
        each(Piece::Literal(&line[pos..]));
    }
    Ok(())
}

/// How a sentinel's value is to be written where only plain text is produced (the text part);
/// in HTML the surrounding markup decides instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextContext {
    Plain,
    /// Inside a URL after its start: the value is percent-encoded.
    UrlComponent,
}

impl TextContext {
    fn code(self) -> u8 {
        match self {
            TextContext::Plain => b'p',
            TextContext::UrlComponent => b'c',
        }
    }
}

/// A sentinel found in rendered output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) at: usize,
    pub(crate) placeholder: Placeholder,
    pub(crate) context: TextContext,
}

/// The sentinel scheme for one prepared variant: `<prefix><placeholder code><context code>`.
///
/// The prefix is `q`, a number and `x`, chosen so that it occurs in none of the inputs (hence
/// every occurrence in the output is ours) and has `q` only at its start, so two occurrences
/// can never overlap and a left-to-right search cannot mis-align.
#[derive(Debug, Clone)]
pub(crate) struct Sentinels {
    prefix: String,
}

impl Sentinels {
    pub(crate) fn choose(inputs: &[&str]) -> Sentinels {
        let mut n: u64 = 0;
        loop {
            let prefix = format!("qrb{n}x");
            if !inputs.iter().any(|input| input.contains(&prefix)) {
                return Sentinels { prefix };
            }
            n += 1;
        }
    }

    pub(crate) fn token(&self, p: Placeholder) -> String {
        self.token_in(p, TextContext::Plain)
    }

    fn token_in(&self, p: Placeholder, context: TextContext) -> String {
        let mut token = String::with_capacity(self.prefix.len() + 2);
        token.push_str(&self.prefix);
        token.push(char::from(p.code()));
        token.push(char::from(context.code()));
        token
    }

    pub(crate) fn token_len(&self) -> usize {
        self.prefix.len() + 2
    }

    /// Replaces every placeholder in `src` with its sentinel, refusing unknown ones.
    pub(crate) fn substitute(&self, src: &str, field: SourceField) -> Result<String, RenderError> {
        let mut out = String::with_capacity(src.len() + 16);
        scan(src, field, |piece| match piece {
            Piece::Literal(lit) => out.push_str(lit),
            Piece::Placeholder(p) => out.push_str(&self.token(p)),
        })?;
        Ok(out)
    }

    /// Markdown autolinks around a placeholder (`<{{ unsubscribe_url }}>`, `<{{ email }}>`) stop
    /// being autolinks once the placeholder is a sentinel, which has no scheme; they are
    /// rewritten into the equivalent inline links so the link is not lost.
    pub(crate) fn keep_autolinks(&self, markdown: &str) -> String {
        let mut out = markdown.to_owned();
        for p in [Placeholder::UnsubscribeUrl, Placeholder::PreferencesUrl, Placeholder::Email] {
            let token = self.token(p);
            let autolink = format!("<{token}>");
            if out.contains(&autolink) {
                let scheme = if p == Placeholder::Email { "mailto:" } else { "" };
                out = out.replace(&autolink, &format!("[{token}]({scheme}{token})"));
            }
        }
        out
    }

    /// The sentinel starting exactly at byte `at`, if any.
    pub(crate) fn at(&self, s: &str, at: usize) -> Option<Found> {
        let rest = s.get(at..)?.as_bytes();
        if !rest.starts_with(self.prefix.as_bytes()) {
            return None;
        }
        let codes = rest.get(self.prefix.len()..self.prefix.len() + 2)?;
        let placeholder = Placeholder::from_code(codes[0])?;
        let context = match codes[1] {
            b'p' => TextContext::Plain,
            b'c' => TextContext::UrlComponent,
            _ => return None,
        };
        Some(Found { at, placeholder, context })
    }

    /// The next sentinel at or after byte `from`.
    pub(crate) fn find(&self, s: &str, from: usize) -> Option<Found> {
        let mut from = from;
        while let Some(rel) = s.get(from..)?.find(&self.prefix) {
            if let Some(found) = self.at(s, from + rel) {
                return Some(found);
            }
            from += rel + 1;
        }
        None
    }

    /// True when a URL begins with a sentinel for one of our own URLs, which the sanitiser
    /// must then keep although it looks like a relative link.
    pub(crate) fn starts_with_url_value(&self, url: &str) -> bool {
        self.at(url, 0).is_some_and(|f| f.placeholder.is_url())
    }

    /// Marks sentinels after the start of a URL as URL components, for the text part, where
    /// the surrounding markup cannot tell it later.
    pub(crate) fn mark_url_components(&self, url: &str) -> String {
        let mut out = String::with_capacity(url.len());
        let mut pos = 0;
        while let Some(found) = self.find(url, pos) {
            out.push_str(&url[pos..found.at]);
            let context =
                if found.at == 0 { TextContext::Plain } else { TextContext::UrlComponent };
            out.push_str(&self.token_in(found.placeholder, context));
            pos = found.at + self.token_len();
        }
        out.push_str(&url[pos..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_placeholders_with_and_without_spaces() {
        let s = Sentinels::choose(&[]);
        let out = s.substitute("Hallo {{name}}, {{ email }}!", SourceField::Body).unwrap();
        assert_eq!(
            out,
            format!("Hallo {}, {}!", s.token(Placeholder::Name), s.token(Placeholder::Email))
        );
    }

    #[test]
    fn unknown_placeholder_reports_name_and_line() {
        let s = Sentinels::choose(&[]);
        let err = s.substitute("eins\nzwei {{ vorname }}\n", SourceField::Body).unwrap_err();
        match err {
            RenderError::UnknownPlaceholder { field, name, line } => {
                assert_eq!(field, SourceField::Body);
                assert_eq!(name, "vorname");
                assert_eq!(line, 2);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unclosed_braces_are_text() {
        let s = Sentinels::choose(&[]);
        assert_eq!(s.substitute("a {{ b\n}} c", SourceField::Body).unwrap(), "a {{ b\n}} c");
    }

    #[test]
    fn prefix_avoids_inputs() {
        let s = Sentinels::choose(&["qrb0x qrb1x"]);
        assert_eq!(s.prefix, "qrb2x");
    }

    #[test]
    fn find_and_mark() {
        let s = Sentinels::choose(&[]);
        let u = s.token(Placeholder::UnsubscribeUrl);
        let e = s.token(Placeholder::Email);
        let url = format!("{u}?x={e}");
        assert!(s.starts_with_url_value(&url));
        let marked = s.mark_url_components(&url);
        let second = s.find(&marked, 1).unwrap();
        assert_eq!(second.placeholder, Placeholder::Email);
        assert_eq!(second.context, TextContext::UrlComponent);
        assert_eq!(s.find(&marked, 0).unwrap().context, TextContext::Plain);
    }
}
