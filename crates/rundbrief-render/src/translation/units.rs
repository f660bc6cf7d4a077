//! A variant as translation units: the subject, the preheader and one unit per Markdown block
//! (heading, paragraph, list item), each unit's text with its inline markup (emphasis, links,
//! code, `{{ name }}` placeholders) as protected codes, and the way back: a translated unit
//! put into the source's block structure, so headings stay headings and link targets and
//! placeholders are the source's.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown;

/// A run of a unit's text: plain text, a standalone code or a code around some text.
/// A code's data is the Markdown it stands for; translators see it as a tag, not as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A placeholder, inline code, an autolink, an image, a line break or inline HTML.
    Ph {
        id: u32,
        data: String,
    },
    /// Emphasis, strong, strikethrough or a link, around the text it marks.
    Pc {
        id: u32,
        start: String,
        end: String,
        children: Vec<Inline>,
    },
}

/// What a unit is in the mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Subject,
    Preheader,
    Heading(u8),
    Paragraph,
    ListItem,
}

impl UnitKind {
    /// The note a translator reads about the unit.
    pub fn describe(self) -> String {
        match self {
            UnitKind::Subject => "The mail's subject line (plain text, no Markdown).".to_owned(),
            UnitKind::Preheader => {
                "The preheader: the preview line after the subject in the inbox (plain text)."
                    .to_owned()
            }
            UnitKind::Heading(level) => format!("A heading (level {level})."),
            UnitKind::Paragraph => "A paragraph.".to_owned(),
            UnitKind::ListItem => "A list item.".to_owned(),
        }
    }

    fn is_markdown(self) -> bool {
        !matches!(self, UnitKind::Subject | UnitKind::Preheader)
    }
}

/// One unit of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// `subject`, `preheader`, `b1` … `bN` by block order.
    pub id: String,
    pub kind: UnitKind,
    pub source: Vec<Inline>,
    /// Where the unit's text stands in the body's Markdown (none for subject and preheader).
    pub range: Option<Range<usize>>,
}

impl Unit {
    /// A short hash of the unit's kind and source: an import whose unit carries another hash
    /// was exported from another text.
    pub fn hash(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let text = format!("{:?}\u{0}{}", self.kind, to_markdown(&self.source, self.kind));
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// The source as the Markdown a PO file shows.
    pub fn source_markdown(&self) -> String {
        to_markdown(&self.source, self.kind)
    }
}

/// The units of a variant, in reading order.
pub fn variant_units(subject: &str, preheader: &str, body: &str) -> Vec<Unit> {
    let mut units = vec![Unit {
        id: "subject".to_owned(),
        kind: UnitKind::Subject,
        source: plain_inlines(subject.trim(), &mut 0),
        range: None,
    }];
    if !preheader.trim().is_empty() {
        units.push(Unit {
            id: "preheader".to_owned(),
            kind: UnitKind::Preheader,
            source: plain_inlines(preheader.trim(), &mut 0),
            range: None,
        });
    }
    for (n, (kind, range, source)) in body_blocks(body).into_iter().enumerate() {
        units.push(Unit { id: format!("b{}", n + 1), kind, source, range: Some(range) });
    }
    units
}

/// Plain text with its `{{ … }}` placeholders as codes.
fn plain_inlines(text: &str, next_id: &mut u32) -> Vec<Inline> {
    let mut out = Vec::new();
    push_text(&mut out, text, next_id);
    out
}

/// Appends text, splitting out placeholders as codes and merging with a text before it.
fn push_text(out: &mut Vec<Inline>, text: &str, next_id: &mut u32) {
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open..].find("}}") else { break };
        append_text(out, &rest[..open]);
        *next_id += 1;
        out.push(Inline::Ph { id: *next_id, data: rest[open..open + len + 2].to_owned() });
        rest = &rest[open + len + 2..];
    }
    append_text(out, rest);
}

fn append_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text(text.to_owned()));
    }
}

/// How deep emphasis and links nest as codes.
const MAX_NESTING: usize = 16;

/// An open block while walking the parser's events.
struct Leaf {
    kind: UnitKind,
    range: Option<Range<usize>>,
    /// The open codes: their id, start data and whole source range, and the runs inside.
    stack: Vec<(u32, String, Range<usize>, Vec<Inline>)>,
    root: Vec<Inline>,
    next_id: u32,
    /// Inside an autolink or image, which is one code as a whole.
    skip_depth: usize,
}

impl Leaf {
    fn new(kind: UnitKind) -> Leaf {
        Leaf { kind, range: None, stack: Vec::new(), root: Vec::new(), next_id: 0, skip_depth: 0 }
    }

    fn cover(&mut self, r: &Range<usize>) {
        self.range = Some(match self.range.take() {
            Some(have) => have.start.min(r.start)..have.end.max(r.end),
            None => r.clone(),
        });
    }

    fn runs(&mut self) -> &mut Vec<Inline> {
        match self.stack.last_mut() {
            Some((.., runs)) => runs,
            None => &mut self.root,
        }
    }

    fn ph(&mut self, data: &str) {
        self.next_id += 1;
        let id = self.next_id;
        self.runs().push(Inline::Ph { id, data: data.trim_end_matches('\n').to_owned() });
    }

    fn finish(mut self) -> Option<(UnitKind, Range<usize>, Vec<Inline>)> {
        // Codes left open (cannot happen with pulldown's balanced events) are closed empty.
        while let Some((id, start, _, children)) = self.stack.pop() {
            self.runs().push(Inline::Pc { id, start, end: String::new(), children });
        }
        let range = self.range?;
        Some((self.kind, range, self.root))
    }
}

/// The body's translatable blocks: their kind, the range of their inline text, and the runs.
/// Code blocks, tables and HTML blocks stay as they are in the source.
fn body_blocks(body: &str) -> Vec<(UnitKind, Range<usize>, Vec<Inline>)> {
    // As in the renderer, placeholders are swapped for letters before parsing (so that
    // `[x]({{ unsubscribe_url }})` is a link); the stand-ins have the same length, so every
    // range is one in the body, and are swapped back in text.
    let (masked, tokens) = mask_placeholders(body);
    let unmask = |text: &str| {
        let mut text = text.to_owned();
        for (token, original) in &tokens {
            text = text.replace(token.as_str(), original);
        }
        text
    };
    let mut out = Vec::new();
    let mut leaf: Option<Leaf> = None;
    // Innermost container is a list item.
    let mut containers: Vec<bool> = Vec::new();
    let mut verbatim = 0usize;
    let src = |r: &Range<usize>| body.get(r.clone()).unwrap_or_default().to_owned();
    let close = |leaf: &mut Option<Leaf>, out: &mut Vec<_>| {
        if let Some(done) = leaf.take().and_then(Leaf::finish) {
            out.push(done);
        }
    };
    for (event, range) in Parser::new_ext(&masked, markdown::options()).into_offset_iter() {
        if verbatim > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock) => verbatim += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock) => verbatim -= 1,
                _ => {}
            }
            continue;
        }
        if let Some(l) = leaf.as_mut()
            && l.skip_depth > 0
        {
            match event {
                Event::Start(
                    Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough,
                ) => l.skip_depth += 1,
                Event::End(
                    TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough,
                ) => l.skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        let in_item = containers.last().copied().unwrap_or(false);
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock) => {
                close(&mut leaf, &mut out);
                verbatim = 1;
            }
            Event::Start(Tag::Item) => {
                close(&mut leaf, &mut out);
                containers.push(true);
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                close(&mut leaf, &mut out);
                containers.push(false);
            }
            Event::End(
                TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition,
            ) => {
                close(&mut leaf, &mut out);
                containers.pop();
            }
            Event::Start(Tag::Heading { level, .. }) => {
                close(&mut leaf, &mut out);
                leaf = Some(Leaf::new(UnitKind::Heading(level as u8)));
            }
            Event::Start(Tag::Paragraph) => {
                close(&mut leaf, &mut out);
                leaf =
                    Some(Leaf::new(if in_item { UnitKind::ListItem } else { UnitKind::Paragraph }));
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => close(&mut leaf, &mut out),
            Event::Rule => close(&mut leaf, &mut out),
            Event::End(_) if leaf.is_none() => {}
            inline => {
                let l = leaf.get_or_insert_with(|| {
                    Leaf::new(if in_item { UnitKind::ListItem } else { UnitKind::Paragraph })
                });
                l.cover(&range);
                match inline {
                    Event::Text(text) => {
                        let mut next = l.next_id;
                        push_text(l.runs(), &unmask(&text), &mut next);
                        l.next_id = next;
                    }
                    Event::SoftBreak => append_text(l.runs(), " "),
                    Event::Code(_)
                    | Event::InlineHtml(_)
                    | Event::Html(_)
                    | Event::HardBreak
                    | Event::FootnoteReference(_)
                    | Event::InlineMath(_)
                    | Event::DisplayMath(_)
                    | Event::TaskListMarker(_) => l.ph(&src(&range)),
                    Event::Start(Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    })
                    | Event::Start(Tag::Image { .. }) => {
                        l.ph(&src(&range));
                        l.skip_depth = 1;
                    }
                    Event::Start(
                        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                    ) if l.stack.len() >= MAX_NESTING => {
                        // Deeper markup is one code as a whole: the functions that walk the
                        // runs recurse, and no mail needs this much nesting.
                        l.ph(&src(&range));
                        l.skip_depth = 1;
                    }
                    Event::Start(
                        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                    ) => {
                        let whole = src(&range);
                        let start = match inline {
                            Event::Start(Tag::Link { .. }) => "[".to_owned(),
                            _ => delimiter(&whole, true),
                        };
                        l.next_id += 1;
                        let id = l.next_id;
                        l.stack.push((id, start, range.clone(), Vec::new()));
                    }
                    Event::End(
                        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
                    ) => {
                        if let Some((id, start, whole, children)) = l.stack.pop() {
                            let end = if matches!(inline, Event::End(TagEnd::Link)) {
                                let inner_end =
                                    link_text_end(body, &whole).unwrap_or(whole.start + 1);
                                body.get(inner_end..whole.end).unwrap_or_default().to_owned()
                            } else {
                                delimiter(&src(&whole), false)
                            };
                            l.runs().push(Inline::Pc { id, start, end, children });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    close(&mut leaf, &mut out);
    out
}

/// The body with each `{{ … }}` replaced by ASCII letters of the same length, and the pairs.
pub(super) fn mask_placeholders(body: &str) -> (String, Vec<(String, String)>) {
    let mut masked = String::with_capacity(body.len());
    let mut tokens = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open..].find("}}") else { break };
        let original = &rest[open..open + len + 2];
        let mut index = tokens.len();
        let mut token = String::from("QzQ");
        loop {
            token.push(char::from(b'a' + (index % 26) as u8));
            index /= 26;
            if index == 0 {
                break;
            }
        }
        if token.len() > original.len() || original.contains('\n') {
            masked.push_str(&rest[..open + len + 2]);
        } else {
            while token.len() < original.len() {
                token.push('Q');
            }
            masked.push_str(&rest[..open]);
            masked.push_str(&token);
            tokens.push((token, original.to_owned()));
        }
        rest = &rest[open + len + 2..];
    }
    masked.push_str(rest);
    (masked, tokens)
}

/// Where a link's text ends: the `]` before its destination. Found from the end of the
/// link's source, skipping the destination part `](…)` or `][…]`.
fn link_text_end(body: &str, whole: &Range<usize>) -> Option<usize> {
    let text = body.get(whole.clone())?;
    // The destination never contains an unescaped `](`-pair after the text's closing bracket,
    // so the last `]` followed by `(` or `[` (or the last `]` for a shortcut link) ends the text.
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\\' => continue,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 && (i == 0 || bytes[i - 1] != b'\\') {
                    return Some(whole.start + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The opening or closing run of `*`, `_` or `~` of an emphasis-like span's source.
fn delimiter(whole: &str, opening: bool) -> String {
    let chars: Vec<char> = whole.chars().collect();
    let Some(&first) = (if opening { chars.first() } else { chars.last() }) else {
        return String::new();
    };
    let run = if opening {
        chars.iter().take_while(|&&c| c == first).count()
    } else {
        chars.iter().rev().take_while(|&&c| c == first).count()
    };
    // `***a***` is emphasis around strong: each span takes what it needs from the outside in.
    std::iter::repeat_n(first, run.min(2)).collect()
}

/// A unit's runs as Markdown (or plain text for subject and preheader).
pub fn to_markdown(runs: &[Inline], kind: UnitKind) -> String {
    let mut out = String::new();
    write_runs(&mut out, runs, kind.is_markdown());
    if kind.is_markdown() { escape_block_start(&out) } else { out }
}

fn write_runs(out: &mut String, runs: &[Inline], markdown: bool) {
    for run in runs {
        match run {
            Inline::Text(text) => {
                let text = text.replace(['\n', '\r'], " ");
                if markdown { escape_inline(out, &text) } else { out.push_str(&text) }
            }
            Inline::Ph { data, .. } => out.push_str(data),
            Inline::Pc { start, end, children, .. } => {
                out.push_str(start);
                write_runs(out, children, markdown);
                out.push_str(end);
            }
        }
    }
}

/// Markdown's inline punctuation in a text run, escaped so it stays text.
fn escape_inline(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A unit that would start a new block (`# `, `- `, `1. `, `> `) has that start escaped.
fn escape_block_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let digits = trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let starts_block = matches!(trimmed.chars().next(), Some('#' | '-' | '+' | '>' | '='))
        || (digits > 0 && matches!(trimmed[digits..].chars().next(), Some('.' | ')')));
    if !starts_block {
        return trimmed.to_owned();
    }
    if digits > 0 {
        format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("\\{trimmed}")
    }
}

/// Puts translated units into the source body: each unit's text replaces the source's text
/// of that block, everything between (markers, indentation, code blocks) stays.
pub fn rebuild_body(body: &str, units: &[Unit], targets: &[(String, String)]) -> String {
    let mut parts: Vec<(Range<usize>, &str)> = units
        .iter()
        .filter_map(|u| {
            let range = u.range.clone()?;
            let text = targets.iter().find(|(id, _)| *id == u.id)?.1.as_str();
            Some((range, text))
        })
        .collect();
    parts.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (range, text) in parts {
        if range.start < at {
            continue;
        }
        out.push_str(body.get(at..range.start).unwrap_or_default());
        out.push_str(text);
        at = range.end;
    }
    out.push_str(body.get(at..).unwrap_or_default());
    out
}
