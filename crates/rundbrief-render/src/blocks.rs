//! A variant's Markdown as a list of blocks (headings, paragraphs, list items, links), and
//! what changed between two such lists: what a translator needs to see when the source text
//! of their translation changed (issue 21). The blocks come from the same parser and options
//! as the mail itself, so a block here is a block in the mail.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown;

/// What kind of part of the text a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Subject,
    Preheader,
    /// With its level, 1 to 6.
    Heading(u8),
    Paragraph,
    ListItem,
    /// A link's target; its text is part of the block it stands in.
    Link,
    /// Anything else that stands on its own: code, a table, a quote's own text, raw HTML.
    Other,
}

/// One block: its kind and its Markdown source, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// One step of a comparison of two block lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockChange {
    Same(Block),
    Added(Block),
    Removed(Block),
    /// A block of the same kind in the same place with another text.
    Changed {
        old: Block,
        new: Block,
    },
}

impl BlockChange {
    pub fn is_change(&self) -> bool {
        !matches!(self, BlockChange::Same(_))
    }
}

/// The subject, the preheader and the body's blocks, in reading order.
pub fn variant_blocks(subject: &str, preheader: &str, markdown: &str) -> Vec<Block> {
    let mut blocks = vec![Block { kind: BlockKind::Subject, text: subject.trim().to_owned() }];
    if !preheader.trim().is_empty() {
        blocks.push(Block { kind: BlockKind::Preheader, text: preheader.trim().to_owned() });
    }
    blocks.extend(markdown_blocks(markdown));
    blocks
}

/// The blocks of a Markdown body in reading order. A list item's text stops where a list
/// nested in it starts, so a nested item is its own block and is not repeated.
pub fn markdown_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // The open list items: where each one's own text starts, and whether it was written
    // already (when a list nested in it started).
    let mut items: Vec<(usize, bool)> = Vec::new();
    let mut open: Option<(BlockKind, usize)> = None;
    let mut depth_other = 0usize;
    let source = |range: Range<usize>| markdown.get(range).unwrap_or_default().trim().to_owned();
    let item = |text: String| {
        let text = text.trim_start_matches(['-', '*', '+']).trim_start();
        Block { kind: BlockKind::ListItem, text: strip_ordinal(text).to_owned() }
    };
    for (event, range) in Parser::new_ext(markdown, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Item) => items.push((range.start, false)),
            Event::Start(Tag::List(_)) => {
                if let Some((start, written)) = items.last_mut()
                    && !*written
                {
                    *written = true;
                    blocks.push(item(source(*start..range.start)));
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((start, false)) = items.pop() {
                    blocks.push(item(source(start..range.end)));
                }
            }
            Event::Start(Tag::Heading { level, .. }) if open.is_none() => {
                open = Some((BlockKind::Heading(level as u8), range.start));
            }
            // A paragraph inside a list item is the item's text.
            Event::Start(Tag::Paragraph) if open.is_none() && items.is_empty() => {
                open = Some((BlockKind::Paragraph, range.start));
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => {
                if let Some((kind, start)) = open.take() {
                    blocks.push(Block { kind, text: source(start..range.end) });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                blocks.push(Block { kind: BlockKind::Link, text: dest_url.trim().to_owned() });
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock)
                if open.is_none() && items.is_empty() =>
            {
                if depth_other == 0 {
                    blocks.push(Block { kind: BlockKind::Other, text: source(range) });
                }
                depth_other += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock) => {
                depth_other = depth_other.saturating_sub(1);
            }
            _ => {}
        }
    }
    // Links come before the block they stand in (their start is seen first); readers expect
    // them after it.
    order_links_after_their_block(blocks)
}

/// `3. text` → `text`.
fn strip_ordinal(text: &str) -> &str {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        text[digits + 1..].trim_start()
    } else {
        text
    }
}

fn order_links_after_their_block(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut links = Vec::new();
    for block in blocks {
        if block.kind == BlockKind::Link {
            links.push(block);
        } else {
            out.push(block);
            out.append(&mut links);
        }
    }
    out.append(&mut links);
    out
}

/// What changed from `old` to `new`: the longest common subsequence of equal blocks stays,
/// and a removed block directly followed by an added one of the same kind is one change.
pub fn diff_blocks(old: &[Block], new: &[Block]) -> Vec<BlockChange> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            steps.push(BlockChange::Same(new[j].clone()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removals first, so a replaced block reads as removed-then-added: one change.
            steps.push(BlockChange::Removed(old[i].clone()));
            i += 1;
        } else {
            steps.push(BlockChange::Added(new[j].clone()));
            j += 1;
        }
    }
    pair_changes(steps)
}

/// Removed blocks followed by added ones of the same kinds become changes, pairwise in order.
fn pair_changes(steps: Vec<BlockChange>) -> Vec<BlockChange> {
    let mut out: Vec<BlockChange> = Vec::with_capacity(steps.len());
    let mut iter = steps.into_iter().peekable();
    while let Some(step) = iter.next() {
        let BlockChange::Removed(first) = step else {
            out.push(step);
            continue;
        };
        let mut removed = vec![first];
        while let Some(BlockChange::Removed(_)) = iter.peek() {
            if let Some(BlockChange::Removed(block)) = iter.next() {
                removed.push(block);
            }
        }
        let mut added = Vec::new();
        while let Some(BlockChange::Added(_)) = iter.peek() {
            if let Some(BlockChange::Added(block)) = iter.next() {
                added.push(block);
            }
        }
        let mut added = added.into_iter().peekable();
        for old in removed {
            match added.next_if(|new| new.kind == old.kind) {
                Some(new) => out.push(BlockChange::Changed { old, new }),
                None => out.push(BlockChange::Removed(old)),
            }
        }
        out.extend(added.map(BlockChange::Added));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn markdown_splits_into_headings_paragraphs_items_and_links() {
        let md = "# Termine\n\nDas Amt ist [geschlossen](https://example.org/zu).\n\n\
                  - Montag\n- Dienstag\n  1. früh\n  2. spät\n\nEnde.\n";
        let blocks = markdown_blocks(md);
        assert_eq!(
            kinds(&blocks),
            [
                (BlockKind::Heading(1), "# Termine"),
                (BlockKind::Paragraph, "Das Amt ist [geschlossen](https://example.org/zu)."),
                (BlockKind::Link, "https://example.org/zu"),
                (BlockKind::ListItem, "Montag"),
                (BlockKind::ListItem, "Dienstag"),
                (BlockKind::ListItem, "früh"),
                (BlockKind::ListItem, "spät"),
                (BlockKind::Paragraph, "Ende."),
            ]
        );
    }

    #[test]
    fn a_changed_paragraph_is_one_change_and_the_rest_stays() {
        let old = markdown_blocks("# A\n\nErster Absatz.\n\nZweiter Absatz.\n");
        let new = markdown_blocks("# A\n\nErster Absatz, neu.\n\nZweiter Absatz.\n\nDritter.\n");
        let diff = diff_blocks(&old, &new);
        assert_eq!(diff.iter().filter(|c| c.is_change()).count(), 2, "{diff:?}");
        assert!(matches!(&diff[1], BlockChange::Changed { old, new }
            if old.text == "Erster Absatz." && new.text == "Erster Absatz, neu."));
        assert!(matches!(&diff[3], BlockChange::Added(b) if b.text == "Dritter."));
        assert!(diff_blocks(&old, &old).iter().all(|c| !c.is_change()));
    }

    #[test]
    fn a_removed_item_and_a_new_link_are_named() {
        let old = markdown_blocks("- eins\n- zwei\n");
        let new = markdown_blocks("- eins\n\n[mehr](https://example.org/)\n");
        let diff = diff_blocks(&old, &new);
        assert!(diff.contains(&BlockChange::Removed(Block {
            kind: BlockKind::ListItem,
            text: "zwei".into()
        })));
        assert!(diff.contains(&BlockChange::Added(Block {
            kind: BlockKind::Link,
            text: "https://example.org/".into()
        })));
    }
}
