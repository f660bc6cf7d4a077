//! Markdown to the `text/plain` body.
//!
//! Written for people who read mail as text (and for spam filters, which compare the two
//! parts): paragraphs wrapped at 72 columns, headings underlined (`=`, `-`) or marked with
//! `#`s (level 3 and below, and any heading with a placeholder), lists with `-` and numbers,
//! quotes with `>`, code indented, tables as aligned columns, images as their alt text, and
//! links as `text [1]` with the URLs listed at the end.
//! Raw HTML in the Markdown is reduced to its text; links the sanitiser would drop are shown
//! without a reference.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use crate::markdown;
use crate::placeholder::Sentinels;
use crate::sanitize::{self, DROP_WITH_CONTENT};

pub(crate) const WIDTH: usize = 72;
/// Deeply nested quotes and lists still get this much room per line.
const MIN_WIDTH: usize = 24;

pub(crate) fn render(markdown: &str, sentinels: &Sentinels) -> String {
    let mut w = Writer::new(sentinels);
    for event in Parser::new_ext(markdown, markdown::options()) {
        w.event(event);
    }
    w.finish()
}

enum Container {
    Quote,
    List { next: Option<u64> },
    Item { marker: String, marker_pending: bool },
}

struct OpenLink {
    /// As written, for comparing with the link text.
    dest: String,
    /// As listed (sentinels marked for URL context); `None` when the sanitiser would drop it.
    url: Option<String>,
    text_start: usize,
    /// Autolinks show their URL as their text already.
    shows_url: bool,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    header_rows: usize,
    row: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PrefixUse {
    /// The next line of text: an item's marker is written once, on its first line.
    Line,
    /// A blank line between blocks: only the quote markers.
    Blank,
}

struct Writer<'s> {
    sentinels: &'s Sentinels,
    out: String,
    containers: Vec<Container>,
    inline: String,
    pending_blank: bool,
    links: Vec<String>,
    open_links: Vec<OpenLink>,
    heading: Option<HeadingLevel>,
    code: Option<String>,
    html_block: Option<String>,
    table: Option<Table>,
    /// Inside inline raw `<script>`, `<style>` and the like, whose content is not text.
    raw_depth: usize,
}

impl<'s> Writer<'s> {
    fn new(sentinels: &'s Sentinels) -> Self {
        Writer {
            sentinels,
            out: String::new(),
            containers: Vec::new(),
            inline: String::new(),
            pending_blank: false,
            links: Vec::new(),
            open_links: Vec::new(),
            heading: None,
            code: None,
            html_block: None,
            table: None,
            raw_depth: 0,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t)
            }
            Event::Html(h) => match &mut self.html_block {
                Some(block) => block.push_str(&h),
                None => self.raw_block(&h),
            },
            Event::InlineHtml(h) => self.inline_html(&h),
            Event::FootnoteReference(r) => self.text(&format!("[{r}]")),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                if self.raw_depth == 0 {
                    self.inline.push('\n');
                }
            }
            Event::Rule => {
                self.flush(false);
                self.block_start();
                self.emit_line("* * *");
                self.pending_blank = true;
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn text(&mut self, t: &str) {
        if self.raw_depth > 0 {
            return;
        }
        match &mut self.code {
            Some(code) => code.push_str(t),
            None => self.inline.push_str(t),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush(false);
                self.heading = Some(level);
            }
            Tag::BlockQuote(_) => {
                self.flush(false);
                // The blank line before a quote is outside it: no `>` on it.
                self.block_start();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.flush(false);
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush(false);
                self.html_block = Some(String::new());
            }
            Tag::List(first) => {
                self.flush(false);
                self.containers.push(Container::List { next: first });
            }
            Tag::Item => {
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next: Some(n) }) => {
                        let marker = format!("{n}.");
                        *n += 1;
                        marker
                    }
                    _ => "-".to_owned(),
                };
                self.containers.push(Container::Item { marker, marker_pending: true });
            }
            Tag::Table(_) => {
                self.flush(false);
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.row.clear();
                }
            }
            Tag::TableCell => self.inline.clear(),
            Tag::Strikethrough => self.text("~~"),
            Tag::Link { link_type, dest_url, .. } => {
                let url = sanitize::url_allowed(&dest_url, self.sentinels)
                    .then(|| self.sentinels.mark_url_components(&dest_url));
                self.open_links.push(OpenLink {
                    dest: dest_url.to_string(),
                    url,
                    text_start: self.inline.len(),
                    shows_url: matches!(link_type, LinkType::Autolink | LinkType::Email),
                });
            }
            // Images contribute their alt text, which arrives as ordinary text events.
            Tag::Image { .. }
            | Tag::Paragraph
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Superscript
            | Tag::Subscript
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                self.flush(true)
            }
            TagEnd::Heading(level) => {
                self.heading = None;
                self.heading(level);
            }
            TagEnd::BlockQuote(_) => {
                self.flush(true);
                self.containers.pop();
                self.pending_blank = true;
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.block_start();
                for line in code.lines() {
                    self.emit_line(&format!("    {line}"));
                }
                self.pending_blank = true;
            }
            TagEnd::HtmlBlock => {
                let html = self.html_block.take().unwrap_or_default();
                self.raw_block(&html);
            }
            TagEnd::List(_) => {
                self.flush(false);
                self.containers.pop();
                // A nested list ends inside its item; a blank line there would make a tight
                // outer list look loose.
                if !matches!(self.containers.last(), Some(Container::Item { .. })) {
                    self.pending_blank = true;
                }
            }
            TagEnd::Item => {
                self.flush(false);
                self.containers.pop();
            }
            TagEnd::TableCell => {
                let cell = collapse_whitespace(&std::mem::take(&mut self.inline));
                if let Some(table) = &mut self.table {
                    table.row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                    table.header_rows = table.rows.len();
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.table(table);
                }
            }
            TagEnd::Strikethrough => self.text("~~"),
            TagEnd::Link => self.end_link(),
            TagEnd::Image
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.open_links.pop() else {
            return;
        };
        let Some(url) = link.url else {
            return;
        };
        let text = self.inline.get(link.text_start..).unwrap_or("").trim();
        let redundant = link.shows_url
            || text == link.dest
            || link.dest.strip_prefix("mailto:").is_some_and(|address| address == text);
        if redundant {
            return;
        }
        let n = match self.links.iter().position(|known| *known == url) {
            Some(i) => i + 1,
            None => {
                self.links.push(url);
                self.links.len()
            }
        };
        if !text.is_empty() {
            self.inline.push(' ');
        }
        self.inline.push_str(&format!("[{n}]"));
    }

    fn inline_html(&mut self, html: &str) {
        let lower = html.trim_start().to_ascii_lowercase();
        if lower.starts_with("<!--") {
            return;
        }
        let closing = lower.starts_with("</");
        let name: String = lower
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if DROP_WITH_CONTENT.contains(&name.as_str()) {
            if closing {
                self.raw_depth = self.raw_depth.saturating_sub(1);
            } else if !lower.trim_end().ends_with("/>") {
                self.raw_depth += 1;
            }
        } else if name == "br" && self.raw_depth == 0 {
            self.inline.push('\n');
        }
    }

    fn raw_block(&mut self, html: &str) {
        let text = html_to_text(html);
        if text.is_empty() {
            return;
        }
        self.block_start();
        self.emit_wrapped(&text);
        self.pending_blank = true;
    }

    fn heading(&mut self, level: HeadingLevel) {
        let text = collapse_whitespace(&std::mem::take(&mut self.inline));
        if text.is_empty() {
            return;
        }
        self.block_start();
        // An underline must match the heading's length, which a placeholder makes differ
        // from subscriber to subscriber; such headings are marked with `#` instead.
        let underline = match level {
            _ if self.sentinels.find(&text, 0).is_some() => None,
            HeadingLevel::H1 => Some('='),
            HeadingLevel::H2 => Some('-'),
            _ => None,
        };
        match underline {
            Some(c) => {
                let lines = wrap(&text, self.available_width());
                let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                for line in &lines {
                    self.emit_line(line);
                }
                self.emit_line(&c.to_string().repeat(longest));
            }
            None => {
                let hashes = "#".repeat(level as usize);
                self.emit_wrapped(&format!("{hashes} {text}"));
            }
        }
        self.pending_blank = true;
    }

    fn table(&mut self, table: Table) {
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut widths = vec![0; columns];
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        // Aligned columns only when they fit; otherwise a ragged table still reads left to right.
        let aligned = widths.iter().sum::<usize>() + 3 * (columns - 1) <= self.available_width();
        self.block_start();
        for (r, row) in table.rows.iter().enumerate() {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str(" | ");
                }
                line.push_str(cell);
                if aligned {
                    let pad = widths[i].saturating_sub(cell.chars().count());
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            self.emit_line(&line);
            if r + 1 == table.header_rows {
                let rule: Vec<String> = widths
                    .iter()
                    .map(|w| "-".repeat(if aligned { (*w).max(3) } else { 3 }))
                    .collect();
                self.emit_line(&rule.join("-|-"));
            }
        }
        self.pending_blank = true;
    }

    /// Writes the collected inline text as one block; `blank_after` separates it from the next
    /// block (paragraphs) or not (the text of a tight list item).
    fn flush(&mut self, blank_after: bool) {
        if self.heading.is_some() || self.table.is_some() {
            return;
        }
        let text = std::mem::take(&mut self.inline);
        let text = text.trim_matches(|c: char| c == ' ' || c == '\n');
        if text.is_empty() {
            return;
        }
        self.block_start();
        self.emit_wrapped(text);
        if blank_after {
            self.pending_blank = true;
        }
    }

    fn block_start(&mut self) {
        if self.pending_blank && !self.out.is_empty() {
            let prefix = self.prefix(PrefixUse::Blank);
            self.out.push_str(prefix.trim_end());
            self.out.push('\n');
        }
        self.pending_blank = false;
    }

    fn emit_wrapped(&mut self, text: &str) {
        for line in wrap(text, self.available_width()) {
            self.emit_line(&line);
        }
    }

    fn emit_line(&mut self, line: &str) {
        let prefix = self.prefix(PrefixUse::Line);
        self.out.push_str(&prefix);
        self.out.push_str(line);
        let kept = self.out.trim_end_matches(' ').len();
        self.out.truncate(kept);
        self.out.push('\n');
    }

    fn prefix(&mut self, usage: PrefixUse) -> String {
        let mut prefix = String::new();
        for container in &mut self.containers {
            match container {
                Container::Quote => prefix.push_str("> "),
                Container::List { .. } => {}
                Container::Item { marker, marker_pending } => {
                    if *marker_pending && usage == PrefixUse::Line {
                        prefix.push_str(marker);
                        prefix.push(' ');
                        *marker_pending = false;
                    } else {
                        prefix.extend(std::iter::repeat_n(' ', marker.chars().count() + 1));
                    }
                }
            }
        }
        prefix
    }

    fn available_width(&self) -> usize {
        let used: usize = self
            .containers
            .iter()
            .map(|c| match c {
                Container::Quote => 2,
                Container::List { .. } => 0,
                Container::Item { marker, .. } => marker.chars().count() + 1,
            })
            .sum();
        WIDTH.saturating_sub(used).max(MIN_WIDTH)
    }

    fn finish(mut self) -> String {
        self.flush(true);
        if !self.links.is_empty() {
            self.pending_blank = true;
            self.block_start();
            for (i, url) in std::mem::take(&mut self.links).iter().enumerate() {
                self.out.push_str(&format!("[{}] {url}\n", i + 1));
            }
        }
        self.out
    }
}

/// Greedy word wrap; `\n` (from hard line breaks) is kept. No-break spaces do not break,
/// so French `« mot »` and `10 000` stay together. Words longer than the width (URLs) get a
/// line of their own rather than being cut.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for segment in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in segment.split(is_breaking_space).filter(|w| !w.is_empty()) {
            let word_len = word.chars().count();
            if len > 0 && len + 1 + word_len > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += word_len;
        }
        lines.push(line);
    }
    lines
}

fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

fn collapse_whitespace(text: &str) -> String {
    text.split(is_breaking_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The text of a raw HTML block: the same content-dropping rules as the sanitiser, no tags,
/// entities decoded.
fn html_to_text(html: &str) -> String {
    // A space before each tag keeps `<p>a</p><p>b</p>` from becoming "ab".
    let spaced = html.replace('<', " <");
    let cleaned = ammonia::Builder::empty()
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .clean(&spaced)
        .to_string();
    collapse_whitespace(&decode_serializer_entities(&cleaned))
}

/// html5ever's serialiser escapes exactly these in text; decoding them in one pass keeps a
/// literal `&amp;lt;` from turning into `<`.
fn decode_serializer_entities(s: &str) -> String {
    const ENTITIES: [(&str, &str); 5] =
        [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&nbsp;", "\u{a0}")];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                out.push_str(c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(md: &str) -> String {
        render(md, &Sentinels::choose(&[md]))
    }

    #[test]
    fn paragraphs_wrap_at_72() {
        let long = "Wort ".repeat(40);
        let out = text(&long);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert!(out.lines().count() > 1);
    }

    #[test]
    fn headings_lists_quotes() {
        let out = text(
            "# Titel\n\n## Unter\n\n### Klein\n\nText\n\n- a\n- b\n  - c\n- d\n\n1. eins\n2. zwei\n\n> zitat\n",
        );
        assert_eq!(
            out,
            "Titel\n=====\n\nUnter\n-----\n\n### Klein\n\nText\n\n- a\n- b\n  - c\n- d\n\n1. eins\n2. zwei\n\n> zitat\n"
        );
    }

    #[test]
    fn links_are_numbered_and_deduplicated() {
        let out = text(
            "Siehe [hier](https://a.eu) und [dort](https://b.eu), nochmal [hier](https://a.eu). <https://c.eu> <x@y.eu>",
        );
        assert!(
            out.starts_with("Siehe hier [1] und dort [2], nochmal hier [1]. https://c.eu x@y.eu\n"),
            "{out}"
        );
        assert!(out.ends_with("\n[1] https://a.eu\n[2] https://b.eu\n"), "{out}");
    }

    #[test]
    fn forbidden_links_show_text_only() {
        let out = text("[klick](javascript:alert(1)) [x](data:text/html,hi)");
        assert_eq!(out, "klick x\n");
    }

    #[test]
    fn images_become_alt_text() {
        assert_eq!(text("![Ein Foto](https://a.eu/b.jpg)"), "Ein Foto\n");
    }

    #[test]
    fn raw_html_is_reduced_to_text() {
        let out = text(
            "<div><p>Hallo &amp; <b>Welt</b></p><script>alert(1)</script></div>\n\nx <span>y</span> <script>evil()</script> z",
        );
        assert_eq!(out, "Hallo & Welt\n\nx y z\n");
    }

    #[test]
    fn headings_with_a_placeholder_are_not_underlined() {
        let s = Sentinels::choose(&[]);
        let name = s.token(crate::Placeholder::Name);
        assert_eq!(render(&format!("# Hallo {name}"), &s), format!("# Hallo {name}\n"));
    }

    #[test]
    fn code_blocks_are_indented_verbatim() {
        assert_eq!(text("```\nfn  main()\n```"), "    fn  main()\n");
    }

    #[test]
    fn tables_align() {
        let out = text("| Ort | Zeit |\n|---|---|\n| Kiel | 10 Uhr |\n");
        assert_eq!(out, "Ort  | Zeit\n-----|-------\nKiel | 10 Uhr\n");
    }
}
