//! gettext PO: one entry per unit (`msgctxt` is the unit's id), the text as Markdown with its
//! placeholders, link targets and emphasis marks as they are; an extracted comment tells the
//! translator what to keep. PO has no protected codes, so the import's check is what keeps
//! them: a changed or missing placeholder or link is refused there.

use super::units::{Inline, Unit, to_markdown};
use super::{FileUnit, Header, ReadFile, Target};

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(header: &Header, units: &[(&Unit, Option<Vec<Inline>>)]) -> String {
    let mut out = format!(
        "# Rundbrief issue {}: translation from {} into {}.\n# Keep {{{{ … }}}} placeholders, link targets ](…) and the marks * _ ` ~ as they are.\nmsgid \"\"\nmsgstr \"\"\n",
        header.issue, header.source_lang, header.target_lang
    );
    for line in [
        format!("Project-Id-Version: Rundbrief issue {}\n", header.issue),
        format!("Language: {}\n", header.target_lang),
        "MIME-Version: 1.0\n".to_owned(),
        "Content-Type: text/plain; charset=UTF-8\n".to_owned(),
        "Content-Transfer-Encoding: 8bit\n".to_owned(),
        format!("X-Rundbrief-Issue: {}\n", header.issue),
        format!("X-Rundbrief-Source-Language: {}\n", header.source_lang),
        format!("X-Rundbrief-Source-Revision: {}\n", header.source_revision),
    ] {
        out.push_str(&quote(&line));
        out.push('\n');
    }
    for (unit, target) in units {
        out.push('\n');
        out.push_str(&format!("#. {}\n", unit.kind.describe()));
        let placeholders = placeholders(&unit.source);
        if !placeholders.is_empty() {
            out.push_str(&format!(
                "#. Placeholders, keep them unchanged: {}\n",
                placeholders.join(" ")
            ));
        }
        out.push_str(&format!("#. source-hash: {}\n", unit.hash()));
        out.push_str(&format!("msgctxt {}\n", quote(&unit.id)));
        out.push_str(&format!("msgid {}\n", quote(&unit.source_markdown())));
        let text = target.as_ref().map(|t| to_markdown(t, unit.kind)).unwrap_or_default();
        out.push_str(&format!("msgstr {}\n", quote(&text)));
    }
    out
}

fn placeholders(runs: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs {
        match run {
            Inline::Ph { data, .. } if data.starts_with("{{") => out.push(data.clone()),
            Inline::Pc { children, .. } => out.extend(placeholders(children)),
            _ => {}
        }
    }
    out
}

#[derive(Default)]
struct Entry {
    comments: Vec<String>,
    ctxt: Option<String>,
    id: Option<String>,
    str: Option<String>,
    plural: bool,
}

/// Reads a PO file; entries are matched to units by their `msgctxt`.
pub fn read(text: &str) -> Result<ReadFile, String> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current = Entry::default();
    // Which string the continuation lines extend.
    let mut field: Option<u8> = None;
    let finish = |e: &mut Entry, entries: &mut Vec<Entry>| {
        if e.id.is_some() {
            entries.push(std::mem::take(e));
        }
    };
    for (n, raw) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line = raw.trim();
        let at = || format!("line {}", n + 1);
        if line.is_empty() {
            continue;
        }
        if line.starts_with("#~") {
            field = None;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if current.id.is_some() {
                finish(&mut current, &mut entries);
            }
            current.comments.push(c.to_owned());
            field = None;
            continue;
        }
        let (keyword, rest) = match line.find(char::is_whitespace) {
            Some(i) if !line.starts_with('"') => (&line[..i], line[i..].trim()),
            _ => ("", line),
        };
        let value = unquote(rest).map_err(|e| format!("{}: {e}", at()))?;
        match keyword {
            "" => {
                let target = match field {
                    Some(0) => current.ctxt.as_mut(),
                    Some(1) => current.id.as_mut(),
                    Some(2) => current.str.as_mut(),
                    _ => None,
                };
                target
                    .ok_or_else(|| format!("{}: a string outside an entry", at()))?
                    .push_str(&value);
            }
            "msgctxt" => {
                finish(&mut current, &mut entries);
                current.ctxt = Some(value);
                field = Some(0);
            }
            "msgid" => {
                if current.id.is_some() {
                    finish(&mut current, &mut entries);
                }
                current.id = Some(value);
                field = Some(1);
            }
            "msgid_plural" => {
                current.plural = true;
                field = None;
            }
            k if k == "msgstr" || k.starts_with("msgstr[") => {
                if k == "msgstr" || k == "msgstr[0]" {
                    current.str = Some(value);
                    field = Some(2);
                } else {
                    field = None;
                }
            }
            other => return Err(format!("{}: unknown keyword '{other}'", at())),
        }
    }
    finish(&mut current, &mut entries);
    let head = entries
        .iter()
        .find(|e| e.ctxt.is_none() && e.id.as_deref() == Some(""))
        .ok_or("the PO file has no header")?;
    let field_of = |name: &str| -> Option<String> {
        head.str.as_deref().unwrap_or_default().lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim().to_owned())
        })
    };
    let missing = |name: &str| format!("the PO header has no valid {name}");
    let header = Header {
        issue: field_of("X-Rundbrief-Issue")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| missing("X-Rundbrief-Issue"))?,
        source_lang: field_of("X-Rundbrief-Source-Language")
            .ok_or_else(|| missing("X-Rundbrief-Source-Language"))?,
        source_revision: field_of("X-Rundbrief-Source-Revision")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| missing("X-Rundbrief-Source-Revision"))?,
        target_lang: field_of("Language").unwrap_or_default(),
    };
    let mut units = Vec::new();
    for e in entries {
        let Some(id) = e.ctxt else { continue };
        let hash = e.comments.iter().find_map(|c| {
            c.trim_start_matches('.')
                .trim()
                .strip_prefix("source-hash:")
                .map(|h| h.trim().to_owned())
        });
        if e.plural {
            return Err(format!("{id}: plural forms are not used by an issue"));
        }
        let target = e.str.filter(|s| !s.is_empty()).map(Target::Markdown);
        units.push(FileUnit { id, hash, target });
    }
    Ok(ReadFile { header, units })
}

fn unquote(text: &str) -> Result<String, String> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .ok_or("expected a quoted string")?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some(other) => return Err(format!("unknown escape \\{other}")),
            None => return Err("a string ends with a backslash".to_owned()),
        }
    }
    Ok(out)
}
