//! Translation files of a variant (issue 21): XLIFF 2.0, XLIFF 1.2 and gettext PO exports,
//! one unit per subject, preheader and Markdown block, inline markup as protected codes; and
//! their import, which checks every unit against the source revision the file was exported
//! from and rebuilds the translated Markdown in the source's block structure.

mod machine;
mod po;
mod units;
mod xliff;
mod xml;

pub use machine::{MachineSegment, machine_draft, machine_segments};
pub use xml::escape as escape_xml;

use std::fmt;

pub use units::{Inline, Unit, UnitKind, variant_units};
use units::{rebuild_body, to_markdown};

/// A file format for translators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationFormat {
    Xliff2,
    Xliff12,
    Po,
}

impl TranslationFormat {
    pub fn parse(name: &str) -> Option<TranslationFormat> {
        match name {
            "xliff2" => Some(TranslationFormat::Xliff2),
            "xliff12" => Some(TranslationFormat::Xliff12),
            "po" => Some(TranslationFormat::Po),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TranslationFormat::Xliff2 => "xliff2",
            TranslationFormat::Xliff12 => "xliff12",
            TranslationFormat::Po => "po",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            TranslationFormat::Xliff2 | TranslationFormat::Xliff12 => "xlf",
            TranslationFormat::Po => "po",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            TranslationFormat::Xliff2 | TranslationFormat::Xliff12 => "application/xliff+xml",
            TranslationFormat::Po => "text/x-gettext-translation",
        }
    }
}

/// What a file says about where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub issue: i64,
    pub source_lang: String,
    pub target_lang: String,
    /// The base variant's revision the units were made from.
    pub source_revision: u32,
}

impl Header {
    fn original(&self) -> String {
        format!(
            "rundbrief:issue/{}/{}/revision/{}",
            self.issue, self.source_lang, self.source_revision
        )
    }

    fn parse_original(original: &str) -> Result<(i64, String, u32), String> {
        let bad = || format!("the file's original '{original}' is not a Rundbrief issue");
        let rest = original.strip_prefix("rundbrief:issue/").ok_or_else(bad)?;
        let parts: Vec<&str> = rest.split('/').collect();
        match parts.as_slice() {
            [issue, lang, "revision", rev] => Ok((
                issue.parse().map_err(|_| bad())?,
                (*lang).to_owned(),
                rev.parse().map_err(|_| bad())?,
            )),
            _ => Err(bad()),
        }
    }
}

/// A variant's three texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantText {
    pub subject: String,
    pub preheader: String,
    pub markdown: String,
}

/// A unit as read from a file.
#[derive(Debug, Clone)]
pub struct FileUnit {
    pub id: String,
    pub hash: Option<String>,
    pub target: Option<Target>,
}

#[derive(Debug, Clone)]
pub enum Target {
    /// XLIFF: text and codes by id.
    Runs(Vec<Inline>),
    /// PO: Markdown (or plain text for subject and preheader).
    Markdown(String),
}

/// A file as read, before checking it against its source.
#[derive(Debug, Clone)]
pub struct ReadFile {
    pub header: Header,
    pub units: Vec<FileUnit>,
}

/// What is wrong with one unit of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitProblem {
    pub unit: String,
    pub problem: String,
}

impl fmt::Display for UnitProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.unit, self.problem)
    }
}

/// Writes the units of `source` with the targets of `existing` where that translation has a
/// unit of the same id and the same codes.
pub fn export(
    format: TranslationFormat,
    header: &Header,
    source: &VariantText,
    existing: Option<&VariantText>,
) -> String {
    let units = variant_units(&source.subject, &source.preheader, &source.markdown);
    let existing =
        existing.map(|e| variant_units(&e.subject, &e.preheader, &e.markdown)).unwrap_or_default();
    let pairs: Vec<(&Unit, Option<Vec<Inline>>)> = units
        .iter()
        .map(|u| {
            let target = existing
                .iter()
                .find(|t| t.id == u.id && t.kind == u.kind)
                .map(|t| t.source.clone())
                .filter(|t| check_runs(u, t.clone()).is_ok());
            (u, target)
        })
        .collect();
    match format {
        TranslationFormat::Xliff2 => xliff::write_xliff2(header, &pairs),
        TranslationFormat::Xliff12 => xliff::write_xliff12(header, &pairs),
        TranslationFormat::Po => po::write(header, &pairs),
    }
}

/// Reads a file of any of the three formats (XML is XLIFF, anything else PO).
pub fn read(bytes: &[u8]) -> Result<ReadFile, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8".to_owned())?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        let root =
            xliff::parse(trimmed).map_err(|e| format!("the file is not well-formed XML: {e}"))?;
        if root.name != "xliff" {
            return Err(format!("the XML file is not XLIFF (its root is <{}>)", root.name));
        }
        xliff::read(&root)
    } else {
        po::read(text)
    }
}

/// Checks a read file against the source it was exported from and builds the translated
/// variant; every unit that does not fit is named.
pub fn import(file: &ReadFile, source: &VariantText) -> Result<VariantText, Vec<UnitProblem>> {
    let units = variant_units(&source.subject, &source.preheader, &source.markdown);
    let mut problems = Vec::new();
    let mut built: Vec<(String, String)> = Vec::new();
    for (n, fu) in file.units.iter().enumerate() {
        if !units.iter().any(|u| u.id == fu.id) {
            problems.push(problem(&fu.id, "this unit is not in the source text (an extra unit)"));
        }
        if file.units[..n].iter().any(|o| o.id == fu.id) {
            problems.push(problem(&fu.id, "this unit is in the file twice"));
        }
    }
    for unit in &units {
        let Some(fu) = file.units.iter().find(|f| f.id == unit.id) else {
            problems.push(problem(&unit.id, "this unit is missing from the file"));
            continue;
        };
        if let Some(hash) = &fu.hash
            && *hash != unit.hash()
        {
            problems.push(problem(
                &unit.id,
                "the unit's source text differs from the exported revision",
            ));
            continue;
        }
        let runs = match &fu.target {
            None => {
                problems.push(problem(&unit.id, "the unit has no translation"));
                continue;
            }
            Some(Target::Runs(runs)) => runs.clone(),
            Some(Target::Markdown(text)) => match runs_from_markdown(unit, text) {
                Ok(runs) => runs,
                Err(p) => {
                    problems.push(problem(&unit.id, &p));
                    continue;
                }
            },
        };
        if runs.iter().all(|r| matches!(r, Inline::Text(t) if t.trim().is_empty())) {
            problems.push(problem(&unit.id, "the unit has no translation"));
            continue;
        }
        match check_runs(unit, runs) {
            Ok(runs) => built.push((unit.id.clone(), to_markdown(&runs, unit.kind))),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let take =
        |id: &str| built.iter().find(|(i, _)| i == id).map(|(_, t)| t.clone()).unwrap_or_default();
    Ok(VariantText {
        subject: take("subject"),
        preheader: take("preheader"),
        markdown: rebuild_body(&source.markdown, &units, &built),
    })
}

fn problem(unit: &str, text: &str) -> UnitProblem {
    UnitProblem { unit: unit.to_owned(), problem: text.to_owned() }
}

fn describe(data: &str) -> String {
    if data.starts_with("{{") { format!("placeholder {data}") } else { format!("markup `{data}`") }
}

/// A PO target's Markdown as runs whose codes carry the ids of the source's codes with the
/// same Markdown; a code the source does not have gets an id no source code has.
fn runs_from_markdown(unit: &Unit, text: &str) -> Result<Vec<Inline>, String> {
    let parsed = if matches!(unit.kind, UnitKind::Subject | UnitKind::Preheader) {
        variant_units(text, "", "").into_iter().next().map(|u| u.source).unwrap_or_default()
    } else {
        let blocks = variant_units("", "", text);
        let body: Vec<&Unit> = blocks.iter().filter(|u| u.range.is_some()).collect();
        if body.len() != 1 {
            return Err(format!(
                "the translation must be one block like its source, it is {}",
                body.len()
            ));
        }
        body[0].source.clone()
    };
    let mut source_codes = Vec::new();
    codes(&unit.source, &mut source_codes);
    let mut used = vec![false; source_codes.len()];
    let mut fresh = 1_000_000;
    Ok(reassign(parsed, &source_codes, &mut used, &mut fresh))
}

fn pick(
    key: &str,
    pc: bool,
    source: &[(u32, String, bool)],
    used: &mut [bool],
    fresh: &mut u32,
) -> u32 {
    match source.iter().enumerate().find(|(i, (_, k, p))| !used[*i] && k == key && *p == pc) {
        Some((i, (id, ..))) => {
            used[i] = true;
            *id
        }
        None => {
            *fresh += 1;
            *fresh
        }
    }
}

fn reassign(
    runs: Vec<Inline>,
    source: &[(u32, String, bool)],
    used: &mut [bool],
    fresh: &mut u32,
) -> Vec<Inline> {
    let mut out = Vec::new();
    for run in runs {
        out.push(match run {
            Inline::Ph { data, .. } => {
                Inline::Ph { id: pick(&data, false, source, used, fresh), data }
            }
            Inline::Pc { start, end, children, .. } => {
                let id = pick(&format!("{start}\u{0}{end}"), true, source, used, fresh);
                Inline::Pc { id, start, end, children: reassign(children, source, used, fresh) }
            }
            text => text,
        });
    }
    out
}

/// Every code of some runs: id, Markdown (start and end joined for a pair), whether paired.
fn codes(runs: &[Inline], out: &mut Vec<(u32, String, bool)>) {
    for run in runs {
        match run {
            Inline::Text(_) => {}
            Inline::Ph { id, data } => out.push((*id, data.clone(), false)),
            Inline::Pc { id, start, end, children } => {
                out.push((*id, format!("{start}\u{0}{end}"), true));
                codes(children, out);
            }
        }
    }
}

/// Checks a target's codes against the source's by id (each once, of the same kind, none
/// added, no placeholder typed as text) and fills in the source's Markdown for each.
fn check_runs(unit: &Unit, target: Vec<Inline>) -> Result<Vec<Inline>, Vec<UnitProblem>> {
    let mut source = Vec::new();
    codes(&unit.source, &mut source);
    let mut seen = Vec::new();
    let mut problems = Vec::new();
    let filled = fill(unit, target, &source, &mut seen, &mut problems);
    for (id, key, _) in &source {
        if !seen.contains(id) {
            let data = key.replace('\u{0}', "…");
            problems.push(problem(&unit.id, &format!("{} is missing or changed", describe(&data))));
        }
    }
    if problems.is_empty() { Ok(filled) } else { Err(problems) }
}

fn fill(
    unit: &Unit,
    runs: Vec<Inline>,
    source: &[(u32, String, bool)],
    seen: &mut Vec<u32>,
    problems: &mut Vec<UnitProblem>,
) -> Vec<Inline> {
    let mut out = Vec::new();
    for run in runs {
        match run {
            Inline::Text(text) => {
                if text.contains("{{") || text.contains("}}") {
                    problems.push(problem(
                        &unit.id,
                        &format!("a placeholder is broken or typed as text: '{}'", text.trim()),
                    ));
                }
                out.push(Inline::Text(text));
            }
            Inline::Ph { id, data } | Inline::Pc { id, start: data, .. } if seen.contains(&id) => {
                problems.push(problem(
                    &unit.id,
                    &format!("code {id} ({}) is there twice", describe(&data)),
                ));
            }
            Inline::Ph { id, data } => match source.iter().find(|(i, ..)| *i == id) {
                Some((_, key, false)) => {
                    seen.push(id);
                    out.push(Inline::Ph { id, data: key.clone() });
                }
                Some((_, key, true)) => problems.push(problem(
                    &unit.id,
                    &format!(
                        "code {id} must enclose text ({})",
                        describe(&key.replace('\u{0}', "…"))
                    ),
                )),
                None => problems.push(problem(
                    &unit.id,
                    &format!("{} is not in the source (added)", added(id, &data)),
                )),
            },
            Inline::Pc { id, start, end, children } => match source.iter().find(|(i, ..)| *i == id)
            {
                Some((_, key, true)) => {
                    seen.push(id);
                    let (s, e) = key.split_once('\u{0}').unwrap_or((key, ""));
                    let children = fill(unit, children, source, seen, problems);
                    out.push(Inline::Pc { id, start: s.to_owned(), end: e.to_owned(), children });
                }
                Some((_, key, false)) => problems.push(problem(
                    &unit.id,
                    &format!("code {id} ({}) must not enclose text", describe(key)),
                )),
                None => problems.push(problem(
                    &unit.id,
                    &format!(
                        "{} is not in the source (added)",
                        added(id, &format!("{start}…{end}"))
                    ),
                )),
            },
        }
    }
    out
}

fn added(id: u32, data: &str) -> String {
    if data.is_empty() { format!("code {id}") } else { describe(data) }
}

#[cfg(test)]
mod tests;
