//! XLIFF 2.0 and XLIFF 1.2: writing units with their codes, and reading them back.
//! 2.0 codes: `<ph>` for standalone codes and `<pc>` around marked text, their Markdown in
//! `<originalData>`, `canDelete="no"`. 1.2 codes: `<x>` with the Markdown in `equiv-text`
//! and `<g>` around marked text. Code ids are the unit's own numbers in both.

use super::units::{Inline, Unit};
use super::xml::{self, Element, Node, escape};
use super::{FileUnit, Header, ReadFile, Target};

pub const NS2: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub const NS12: &str = "urn:oasis:names:tc:xliff:document:1.2";

fn intro(header: &Header) -> String {
    format!(
        "Rundbrief issue {}, from {} into {}, made from revision {} of the {} text. Translate the text only: \
         the tags stand for placeholders such as {{{{ name }}}}, links and emphasis; keep each of them, \
         moving them with the words they belong to.",
        header.issue,
        header.source_lang,
        header.target_lang,
        header.source_revision,
        header.source_lang
    )
}

pub fn write_xliff2(header: &Header, units: &[(&Unit, Option<Vec<Inline>>)]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"{NS2}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        escape(&header.source_lang),
        escape(&header.target_lang)
    ));
    out.push_str(&format!("  <file id=\"f1\" original=\"{}\">\n", escape(&header.original())));
    out.push_str(&format!(
        "    <notes>\n      <note id=\"about\" category=\"rundbrief\">{}</note>\n    </notes>\n",
        escape(&intro(header))
    ));
    for (unit, target) in units {
        out.push_str(&format!("    <unit id=\"{}\" name=\"{}\">\n", unit.id, unit.id));
        out.push_str(&format!(
            "      <notes>\n        <note category=\"description\">{}</note>\n        <note category=\"source-hash\">{}</note>\n      </notes>\n",
            escape(&unit.kind.describe()),
            unit.hash()
        ));
        let mut data = Vec::new();
        collect_data(&unit.source, &mut data);
        if !data.is_empty() {
            out.push_str("      <originalData>\n");
            for (id, value) in data {
                out.push_str(&format!("        <data id=\"{id}\">{}</data>\n", escape(&value)));
            }
            out.push_str("      </originalData>\n");
        }
        out.push_str("      <segment>\n        <source>");
        write2(&mut out, &unit.source);
        out.push_str("</source>\n");
        if let Some(target) = target {
            out.push_str("        <target>");
            write2(&mut out, target);
            out.push_str("</target>\n");
        }
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

fn collect_data(runs: &[Inline], out: &mut Vec<(String, String)>) {
    for run in runs {
        match run {
            Inline::Text(_) => {}
            Inline::Ph { id, data } => out.push((format!("d{id}"), data.clone())),
            Inline::Pc { id, start, end, children } => {
                out.push((format!("d{id}s"), start.clone()));
                out.push((format!("d{id}e"), end.clone()));
                collect_data(children, out);
            }
        }
    }
}

fn write2(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Ph { id, data } => out.push_str(&format!(
                "<ph id=\"{id}\" dataRef=\"d{id}\" disp=\"{}\" canDelete=\"no\"/>",
                escape(data)
            )),
            Inline::Pc { id, start, end, children } => {
                out.push_str(&format!(
                    "<pc id=\"{id}\" dataRefStart=\"d{id}s\" dataRefEnd=\"d{id}e\" dispStart=\"{}\" dispEnd=\"{}\" canDelete=\"no\">",
                    escape(start),
                    escape(end)
                ));
                write2(out, children);
                out.push_str("</pc>");
            }
        }
    }
}

pub fn write_xliff12(header: &Header, units: &[(&Unit, Option<Vec<Inline>>)]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<xliff xmlns=\"{NS12}\" version=\"1.2\">\n"));
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n",
        escape(&header.original()),
        escape(&header.source_lang),
        escape(&header.target_lang)
    ));
    out.push_str(&format!(
        "    <header>\n      <note from=\"rundbrief\">{}</note>\n    </header>\n    <body>\n",
        escape(&intro(header))
    ));
    for (unit, target) in units {
        out.push_str(&format!(
            "      <trans-unit id=\"{}\" resname=\"{}\" extradata=\"{}\">\n        <source>",
            unit.id,
            unit.id,
            unit.hash()
        ));
        write12(&mut out, &unit.source);
        out.push_str("</source>\n");
        if let Some(target) = target {
            out.push_str("        <target state=\"translated\">");
            write12(&mut out, target);
            out.push_str("</target>\n");
        }
        out.push_str(&format!(
            "        <note from=\"rundbrief\">{}</note>\n      </trans-unit>\n",
            escape(&unit.kind.describe())
        ));
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

fn ctype(start: &str) -> &'static str {
    match start {
        "[" => "link",
        "**" | "__" => "bold",
        "*" | "_" => "italic",
        _ => "x-strikethrough",
    }
}

fn write12(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Ph { id, data } => {
                let kind = if data.starts_with("{{") { "x-placeholder" } else { "x-markdown" };
                out.push_str(&format!(
                    "<x id=\"{id}\" ctype=\"{kind}\" equiv-text=\"{}\"/>",
                    escape(data)
                ))
            }
            Inline::Pc { id, start, children, .. } => {
                out.push_str(&format!("<g id=\"{id}\" ctype=\"{}\">", ctype(start)));
                write12(out, children);
                out.push_str("</g>");
            }
        }
    }
}

/// Reads an XLIFF 2.0 or 1.2 document.
pub fn read(root: &Element) -> Result<ReadFile, String> {
    let version = root.attr("version").unwrap_or_default();
    let file = root.child("file").ok_or("the XLIFF document has no <file>")?;
    let original = file.attr("original").ok_or("the <file> has no 'original' naming the issue")?;
    let (issue, source_lang, source_revision) = Header::parse_original(original)?;
    let (target_lang, units) = match version {
        "2.0" => {
            let mut units = Vec::new();
            units2(file, &mut units)?;
            (root.attr("trgLang").unwrap_or_default().to_owned(), units)
        }
        "1.2" => {
            let mut units = Vec::new();
            units12(file, &mut units)?;
            (file.attr("target-language").unwrap_or_default().to_owned(), units)
        }
        other => return Err(format!("XLIFF version '{other}' is not supported (2.0 and 1.2 are)")),
    };
    Ok(ReadFile { header: Header { issue, source_lang, target_lang, source_revision }, units })
}

fn units2(parent: &Element, out: &mut Vec<FileUnit>) -> Result<(), String> {
    for e in parent.elements() {
        match e.name.as_str() {
            "group" => units2(e, out)?,
            "unit" => {
                let id = e.attr("id").unwrap_or_default().to_owned();
                let hash = e.child("notes").and_then(|n| {
                    n.elements()
                        .find(|n| n.attr("category") == Some("source-hash"))
                        .map(|n| n.text().trim().to_owned())
                });
                let mut target: Option<Vec<Inline>> = None;
                for seg in e.elements().filter(|s| s.name == "segment" || s.name == "ignorable") {
                    if let Some(t) = seg.child("target") {
                        target
                            .get_or_insert_with(Vec::new)
                            .extend(runs(t).map_err(|m| format!("{id}: {m}"))?);
                    }
                }
                out.push(FileUnit { id, hash, target: target.map(Target::Runs) });
            }
            _ => {}
        }
    }
    Ok(())
}

fn units12(parent: &Element, out: &mut Vec<FileUnit>) -> Result<(), String> {
    for e in parent.elements() {
        match e.name.as_str() {
            "body" | "group" => units12(e, out)?,
            "trans-unit" => {
                let id = e.attr("id").unwrap_or_default().to_owned();
                let hash = e.attr("extradata").map(str::to_owned);
                let target = match e.child("target") {
                    Some(t) => Some(Target::Runs(runs(t).map_err(|m| format!("{id}: {m}"))?)),
                    None => None,
                };
                out.push(FileUnit { id, hash, target });
            }
            _ => {}
        }
    }
    Ok(())
}

/// A source or target's content as runs; code data is taken from the source later, by id.
pub(super) fn runs(e: &Element) -> Result<Vec<Inline>, String> {
    let mut out: Vec<Inline> = Vec::new();
    for n in &e.children {
        match n {
            Node::Text(t) => push(&mut out, t),
            Node::Element(c) => {
                let id = || -> Result<u32, String> {
                    let raw = c.attr("id").unwrap_or_default();
                    raw.parse().map_err(|_| format!("code id '{raw}' is not one of the source's"))
                };
                match c.name.as_str() {
                    "ph" | "x" => out.push(Inline::Ph { id: id()?, data: String::new() }),
                    "pc" | "g" => out.push(Inline::Pc {
                        id: id()?,
                        start: String::new(),
                        end: String::new(),
                        children: runs(c)?,
                    }),
                    // Annotations and segment markers carry no markup of their own.
                    "mrk" | "sm" | "em" => {
                        for r in runs(c)? {
                            match r {
                                Inline::Text(t) => push(&mut out, &t),
                                code => out.push(code),
                            }
                        }
                    }
                    "cp" => {
                        let hex = c.attr("hex").unwrap_or_default();
                        let ch = u32::from_str_radix(hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or("bad <cp>")?;
                        push(&mut out, &ch.to_string());
                    }
                    other => {
                        return Err(format!(
                            "<{other}> codes are not supported; keep the source's tags"
                        ));
                    }
                }
            }
        }
    }
    Ok(out)
}

fn push(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else if !text.is_empty() {
        out.push(Inline::Text(text.to_owned()));
    }
}

/// Parses XML text into the root element, for format detection.
pub fn parse(doc: &str) -> Result<Element, String> {
    xml::parse(doc)
}
